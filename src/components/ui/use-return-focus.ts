import { useCallback, useRef } from 'react';

/**
 * Our dialogs open from buttons in tables and menus rather than from a Radix Trigger, so Radix
 * does not know where focus came from. This remembers the element that had focus when the
 * dialog opened and gives focus back to it on close; when that element is gone (the row was
 * deleted), the page's heading gets it, so keyboard users do not land at the top of the page.
 */
export function useReturnFocus() {
  const opener = useRef<HTMLElement | null>(null);
  const onOpenAutoFocus = useCallback(() => {
    opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  }, []);
  const onCloseAutoFocus = useCallback((event: Event) => {
    event.preventDefault();
    const target =
      opener.current?.isConnected === true
        ? opener.current
        : document.querySelector<HTMLElement>('main h1');
    if (target && !target.hasAttribute('tabindex') && target.tagName === 'H1') {
      target.setAttribute('tabindex', '-1');
    }
    target?.focus();
  }, []);
  return { onOpenAutoFocus, onCloseAutoFocus };
}
