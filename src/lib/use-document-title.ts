import { useEffect } from 'react';

/** Names the browser tab after the page, so history entries and tabs are told apart. */
export function useDocumentTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} · Deeplake Console`;
  }, [title]);
}
