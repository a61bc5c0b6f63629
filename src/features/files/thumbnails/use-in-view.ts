import { useCallback, useState } from 'react';

/**
 * Whether an element is on screen (or within `rootMargin` of it), from one IntersectionObserver
 * shared by every element watched with the same margin: a gallery page of hundreds of tiles
 * costs one observer, not hundreds.
 */

type Listener = (visible: boolean) => void;

interface SharedObserver {
  observer: IntersectionObserver;
  listeners: Map<Element, Listener>;
}

const observers = new Map<string, SharedObserver>();

function sharedObserver(rootMargin: string): SharedObserver {
  let shared = observers.get(rootMargin);
  if (!shared) {
    const listeners = new Map<Element, Listener>();
    const observer = new IntersectionObserver(
      (entries) => {
        for (const entry of entries) listeners.get(entry.target)?.(entry.isIntersecting);
      },
      { rootMargin },
    );
    shared = { observer, listeners };
    observers.set(rootMargin, shared);
  }
  return shared;
}

function watch(element: Element, rootMargin: string, listener: Listener): () => void {
  const shared = sharedObserver(rootMargin);
  shared.listeners.set(element, listener);
  shared.observer.observe(element);
  return () => {
    shared.observer.unobserve(element);
    shared.listeners.delete(element);
    if (shared.listeners.size === 0) {
      shared.observer.disconnect();
      observers.delete(rootMargin);
    }
  };
}

/**
 * `[ref, inView]`: put `ref` on the element to watch. Where IntersectionObserver is missing
 * (old browsers, jsdom) everything counts as visible, so content still loads.
 */
export function useInView<T extends Element>({
  rootMargin = '200px',
}: { rootMargin?: string } = {}): [(element: T | null) => (() => void) | undefined, boolean] {
  const supported = typeof IntersectionObserver !== 'undefined';
  const [inView, setInView] = useState(!supported);
  // A ref callback with a cleanup (React 19): no extra render to learn the element.
  const ref = useCallback(
    (element: T | null) =>
      supported && element ? watch(element, rootMargin, setInView) : undefined,
    [rootMargin, supported],
  );
  return [ref, inView];
}
