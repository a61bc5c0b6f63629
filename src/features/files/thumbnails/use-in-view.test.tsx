import { act, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useInView } from './use-in-view';

/** A stand-in IntersectionObserver the test drives: which elements it watches, and when. */
class FakeObserver {
  static instances: FakeObserver[] = [];
  readonly watched = new Set<Element>();
  disconnected = false;
  constructor(
    readonly callback: IntersectionObserverCallback,
    readonly options: IntersectionObserverInit = {},
  ) {
    FakeObserver.instances.push(this);
  }
  observe(element: Element) {
    this.watched.add(element);
  }
  unobserve(element: Element) {
    this.watched.delete(element);
  }
  disconnect() {
    this.disconnected = true;
  }
  show(element: Element, isIntersecting: boolean) {
    this.callback(
      [{ target: element, isIntersecting } as IntersectionObserverEntry],
      this as unknown as IntersectionObserver,
    );
  }
}

function Tile({ name }: { name: string }) {
  const [ref, inView] = useInView<HTMLDivElement>();
  return (
    <div ref={ref} data-testid={name}>
      {inView ? 'visible' : 'hidden'}
    </div>
  );
}

describe('useInView', () => {
  afterEach(() => {
    FakeObserver.instances = [];
  });

  it('watches every element with one shared observer and reports each one', () => {
    vi.stubGlobal('IntersectionObserver', FakeObserver);
    const { unmount } = render(
      <>
        <Tile name="a" />
        <Tile name="b" />
      </>,
    );
    expect(FakeObserver.instances).toHaveLength(1);
    const [observer] = FakeObserver.instances;
    expect(observer!.options.rootMargin).toBe('200px');
    expect(observer!.watched.size).toBe(2);
    expect(screen.getByTestId('a')).toHaveTextContent('hidden');

    act(() => observer!.show(screen.getByTestId('a'), true));
    expect(screen.getByTestId('a')).toHaveTextContent('visible');
    expect(screen.getByTestId('b')).toHaveTextContent('hidden');

    act(() => observer!.show(screen.getByTestId('a'), false));
    expect(screen.getByTestId('a')).toHaveTextContent('hidden');

    unmount();
    expect(observer!.watched.size).toBe(0);
    expect(observer!.disconnected).toBe(true);
  });

  it('counts everything as visible where IntersectionObserver is missing', () => {
    vi.stubGlobal('IntersectionObserver', undefined);
    render(<Tile name="a" />);
    expect(screen.getByTestId('a')).toHaveTextContent('visible');
  });
});
