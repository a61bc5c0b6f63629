import { organizationScope, workspaceScope } from '../../../lib/query-scope';

/**
 * Workspaces belong to the organization sent in the org header, so every key names it: the list
 * sits in the organization's scope, a workspace's record in the workspace's own scope (beside its
 * tables and files).
 */
export const workspaceKeys = {
  list: (orgId: string) => [...organizationScope(orgId), 'workspaces'] as const,
  detail: (orgId: string, workspaceId: string) =>
    [...workspaceScope(orgId, workspaceId), 'detail'] as const,
  /** Whether the older File API answers at `engineUrl` (the URL names the server asked). */
  engine: (orgId: string, workspaceId: string, engineUrl: string) =>
    [...workspaceScope(orgId, workspaceId), 'engine', engineUrl] as const,
};
