import { useMutation, useQueryClient } from '@tanstack/react-query';
import { toast } from 'sonner';
import type { MemberView } from './answers';
import { api, segment } from '../../../lib/api-client';
import { getSelectedOrgId, setSelectedOrgId } from '../../../lib/sign-in-state';
import { authKeys } from '../../auth/api/keys';
import { organizationKeys } from '../../organizations/api/keys';
import { workspaceKeys } from '../../workspaces/api/keys';
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
      queryClient.removeQueries({ queryKey: memberKeys.org(orgId) });
      queryClient.removeQueries({ queryKey: workspaceKeys.org(orgId) });
      queryClient.removeQueries({ queryKey: organizationKeys.detail(orgId) });
      toast.success(`You left ${orgId}`);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: organizationKeys.list() }),
        queryClient.invalidateQueries({ queryKey: authKeys.me() }),
      ]);
    },
  });
}
