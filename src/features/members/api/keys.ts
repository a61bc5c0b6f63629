import { organizationScope } from '../../../lib/query-scope';

/** Members belong to their organization: deleting or leaving it drops them with its scope. */
export const memberKeys = {
  /** Everything cached about one organization's members. */
  org: (orgId: string) => [...organizationScope(orgId), 'members'] as const,
  list: (orgId: string) => [...memberKeys.org(orgId), 'list'] as const,
};
