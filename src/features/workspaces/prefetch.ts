import type { QueryClient } from '@tanstack/react-query';
import { workspaceQueryOptions } from './api/workspace-query';
import { workspaceListQueryOptions } from './api/workspaces-query';

/** What every workspace screen needs first: the workspace, and the picker's list. */
export function prefetchWorkspaceArea(
  queryClient: QueryClient,
  orgId: string,
  workspaceId: string,
) {
  return Promise.all([
    queryClient.prefetchQuery(workspaceQueryOptions(orgId, workspaceId)),
    queryClient.prefetchQuery(workspaceListQueryOptions(orgId)),
  ]);
}
