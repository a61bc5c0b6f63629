/** Workspaces belong to the organization sent in the org header, so every key names it. */
export const workspaceKeys = {
  all: ['workspaces'] as const,
  org: (orgId: string) => [...workspaceKeys.all, orgId] as const,
  list: (orgId: string) => [...workspaceKeys.org(orgId), 'list'] as const,
  detail: (orgId: string, workspaceId: string) =>
    [...workspaceKeys.org(orgId), 'detail', workspaceId] as const,
};
