import { useMutation, useQueryClient } from '@tanstack/react-query';
import { toast } from 'sonner';
import type { InviteMember } from '../../../../contract/organizations';
import { api, segment } from '../../../lib/api-client';
import { readMemberAnswer, roleOnTheWire } from './answers';
import { memberKeys } from './keys';

/**
 * Adds a person by email. Against the bundled server the answer may carry an `invite_link`
 * for someone who had no account yet; the dialog shows it because no mail is sent.
 */
export function useInviteMember(orgId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (values: InviteMember) =>
      readMemberAnswer(
        await api.post<unknown>(
          `/organizations/${segment(orgId)}/members`,
          { ...values, role: roleOnTheWire(values.role) },
          { orgId },
        ),
      ),
    onSuccess: async ({ member }) => {
      toast.success(`${member.email} added as ${member.role}`);
      await queryClient.invalidateQueries({ queryKey: memberKeys.list(orgId) });
    },
  });
}
