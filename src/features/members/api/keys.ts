export const memberKeys = {
  all: ['members'] as const,
  /** Everything cached about one organization's members. */
  org: (orgId: string) => [...memberKeys.all, orgId] as const,
  list: (orgId: string) => [...memberKeys.org(orgId), 'list'] as const,
};
