import { useMutation, useQueryClient } from '@tanstack/react-query';
import { toast } from 'sonner';
import type { MemberView } from './answers';
import { api, segment } from '../../../lib/api-client';
import { accountScope, organizationScope } from '../../../lib/query-scope';
import { getSelectedOrgId, setSelectedOrgId } from '../../../lib/sign-in-state';
import { memberKeys } from './keys';

const removeMember = (orgId: string, userId: string) =>
  api.delete(`/organizations/${segment(orgId)}/members/${segment(userId)}`, { orgId });

/** An admin removes someone else. */
export function useRemoveMember(orgId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (member: MemberView) => removeMember(orgId, member.user_id),
    onSuccess: async (_nothing, member) => {
      toast.success(`${member.email} removed`);
      await queryClient.invalidateQueries({ queryKey: memberKeys.list(orgId) });
    },
  });
}

/** You remove yourself: everything cached about the organization goes too. */
export function useLeaveOrganization(orgId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (me: MemberView) => removeMember(orgId, me.user_id),
    onSuccess: async () => {
      if (getSelectedOrgId() === orgId) setSelectedOrgId(null);
      // Its members, workspaces, tables, files and record, whichever feature cached them.
      queryClient.removeQueries({ queryKey: organizationScope(orgId) });
      toast.success(`You left ${orgId}`);
      // Your organizations (and /me's list of them) no longer include it.
      await queryClient.invalidateQueries({ queryKey: accountScope });
    },
  });
}
