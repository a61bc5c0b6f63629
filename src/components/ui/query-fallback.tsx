import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { ErrorState } from './error-state';
import { ListSkeleton } from './skeleton';

export interface QueryLabels {
  /** Said to screen readers while loading: "Loading workspaces". */
  pending: string;
  /** The title of the failure: "Could not load workspaces". */
  failed: string;
}

/**
 * What stands where a query's content will be until it has data: a skeleton while loading, the
 * error with Retry when it failed. `null` once there is data to show.
 */
export function queryFallback(query: UseQueryResult<unknown>, labels: QueryLabels): ReactNode {
  if (query.isPending) return <ListSkeleton label={labels.pending} />;
  if (query.isError) {
    return (
      <ErrorState
        title={labels.failed}
        message={query.error.message}
        onRetry={() => void query.refetch()}
        retrying={query.isFetching}
      />
    );
  }
  return null;
}
