import type { QueryClient } from '@tanstack/react-query';
import { tableListQueryOptions } from './api/tables-query';

/** A workspace's tables, asked for before the tables screen renders. */
export function prefetchTableList(queryClient: QueryClient, orgId: string, workspaceId: string) {
  return queryClient.prefetchQuery(tableListQueryOptions(orgId, workspaceId));
}
