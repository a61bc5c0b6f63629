import { useQuery } from '@tanstack/react-query';
import { meQueryOptions } from '../auth';
import { memberListQueryOptions, memberPermissions, type MemberRole } from '../members';
import type { OrganizationView } from './api/answers';

/**
 * The caller's role in an organization: what the organization list says (the bundled server
 * says it), else what the members list says (the hosted list has no role). Undefined until one
 * of them has said it: screens show no admin action they have not established.
 */
export function useOrganizationRole(organization: OrganizationView): MemberRole | undefined {
  const known = organization.role;
  const me = useQuery({ ...meQueryOptions(), enabled: known === undefined });
  const members = useQuery({
    ...memberListQueryOptions(organization.id),
    enabled: known === undefined,
  });
  if (known) return known;
  if (!members.data || !me.data) return undefined;
  return memberPermissions(members.data, me.data).self?.role;
}
