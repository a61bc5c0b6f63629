/** What other areas use of Organizations. */
export type { OrganizationView } from './api/answers';
export { useOrganizationRole } from './use-organization-role';
export { useOrganizationChoice } from './use-organization-choice';
