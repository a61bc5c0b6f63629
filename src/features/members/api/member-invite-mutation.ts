import { useMutation, useQueryClient } from '@tanstack/react-query';
import { toast } from 'sonner';
import type { MemberResponse, InviteMember } from '../../../../contract/organizations';
import { api, segment } from '../../../lib/api-client';
import { memberKeys } from './keys';

/**
 * Adds a person by email. Against the bundled server the answer may carry an `invite_link`
 * for someone who had no account yet; the dialog shows it because no mail is sent.
 */
export function useInviteMember(orgId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (values: InviteMember) =>
      api.post<MemberResponse>(`/organizations/${segment(orgId)}/members`, values),
    onSuccess: async ({ member }) => {
      toast.success(`${member.email} added as ${member.role}`);
      await queryClient.invalidateQueries({ queryKey: memberKeys.list(orgId) });
    },
  });
}
