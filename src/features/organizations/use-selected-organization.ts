import { useQuery, type QueryClient } from '@tanstack/react-query';
import type { OrganizationView } from './api/answers';
import { getSelectedOrgId, useSelectedOrgId } from '../../lib/sign-in-state';
import { organizationListQueryOptions } from './api/organizations-query';

/**
 * The organization the console works in: the one last chosen, or, when that one is gone
 * (deleted, or you left it), the first of yours. Workspace requests send its id.
 */
function pickSelected(
  organizations: readonly OrganizationView[] | undefined,
  storedId: string | null,
): OrganizationView | null {
  return (
    organizations?.find((organization) => organization.id === storedId) ??
    organizations?.[0] ??
    null
  );
}

export function useSelectedOrganization() {
  const storedId = useSelectedOrgId();
  const organizations = useQuery(organizationListQueryOptions());
  const selected = pickSelected(organizations.data, storedId);
  return { selected, organizations };
}

/** The selected organization's id outside React (route loaders), asking for the list if needed. */
export async function selectedOrganizationId(queryClient: QueryClient): Promise<string | null> {
  const organizations = await queryClient.ensureQueryData(organizationListQueryOptions());
  return pickSelected(organizations, getSelectedOrgId())?.id ?? null;
}
