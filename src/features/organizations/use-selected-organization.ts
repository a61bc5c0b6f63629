import { useQuery } from '@tanstack/react-query';
import type { MyOrganization } from '../../../contract/organizations';
import { useSelectedOrgId } from '../../lib/session';
import { organizationListQueryOptions } from './api/organizations-query';

/**
 * The organization the console works in: the one last chosen, or, when that one is gone
 * (deleted, or you left it), the first of yours. Workspace requests send its id.
 */
export function useSelectedOrganization() {
  const storedId = useSelectedOrgId();
  const organizations = useQuery(organizationListQueryOptions());
  const list = organizations.data;
  const selected: MyOrganization | null =
    list?.find((organization) => organization.id === storedId) ?? list?.[0] ?? null;
  return { selected, organizations };
}
