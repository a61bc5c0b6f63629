/** What other areas use of Organizations. */
export type { OrganizationView } from './api/answers';
export { useOrganizationRole } from './use-organization-role';
export { useOrganizationChoice } from './use-organization-choice';
export { organizationQueryOptions } from './api/organization-query';
export { organizationListQueryOptions } from './api/organizations-query';
export { useSelectedOrganization, selectedOrganizationId } from './use-selected-organization';
export { OrganizationSwitcher } from './components/organization-switcher';
