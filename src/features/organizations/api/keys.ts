import { accountScope, organizationScope } from '../../../lib/query-scope';

export const organizationKeys = {
  /** The organizations the signed-in person belongs to, with their role in each: the account's. */
  list: () => [...accountScope, 'organizations'] as const,
  /** One organization's own record, in its scope: deleting or leaving it drops it too. */
  detail: (orgId: string) => [...organizationScope(orgId), 'organization'] as const,
};
