import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { queryFallback, type QueryLabels } from './query-fallback';

/** A query's content once it has data, and its loading and failed states until then. */
export function QueryView<T>({
  query,
  children,
  ...labels
}: QueryLabels & { query: UseQueryResult<T>; children: (data: T) => ReactNode }) {
  return queryFallback(query, labels) ?? (query.isSuccess ? children(query.data) : null);
}
