import { useEffect, useRef } from 'react';
import { useSearchParams } from 'react-router';
import { toast } from 'sonner';
import { settingsFromValues } from '../lib/saved-state';
import type { WorkspaceStore } from './sql-store';

/**
 * `?query=…&params=[…]` (the table browser's "Find similar") opens in a new tab, once; the
 * parameters, when they are not a JSON array, are left out with a word saying so.
 */
export function useTabFromLink(store: WorkspaceStore) {
  const [searchParams, setSearchParams] = useSearchParams();
  const launched = useRef<string | null>(null);
  useEffect(() => {
    const query = searchParams.get('query');
    if (query === null) {
      // Handled and dropped from the URL: the same link followed again opens another tab.
      launched.current = null;
      return;
    }
    // StrictMode runs this effect twice for one link; the ref makes that one tab.
    if (launched.current === searchParams.toString()) return;
    launched.current = searchParams.toString();
    const rawParams = searchParams.get('params');
    let values: unknown[] = [];
    if (rawParams !== null) {
      try {
        const parsed: unknown = JSON.parse(rawParams);
        if (!Array.isArray(parsed)) throw new Error('not an array');
        values = parsed;
      } catch {
        toast.error('The link’s parameters were not a JSON array; the SQL opened without them.');
      }
    }
    store.openTab({ sql: query, params: settingsFromValues(values) });
    setSearchParams({}, { replace: true });
  }, [searchParams, setSearchParams, store]);
}
