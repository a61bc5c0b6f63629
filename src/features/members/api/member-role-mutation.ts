import { useMutation, useQueryClient } from '@tanstack/react-query';
import { toast } from 'sonner';
import type { Role } from '../../../../contract/organizations';
import { api, segment } from '../../../lib/api-client';
import { accountScope } from '../../../lib/query-scope';
import { readMemberAnswer, roleOnTheWire } from './answers';
import { memberKeys } from './keys';

export function useChangeMemberRole(orgId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ userId, role }: { userId: string; role: Role }) =>
      readMemberAnswer(
        await api.patch<unknown>(
          `/organizations/${segment(orgId)}/members/${segment(userId)}`,
          { role: roleOnTheWire(role) },
          { orgId },
        ),
      ),
    onSuccess: async ({ member }) => {
      toast.success(
        `${member.email} is now ${member.role === 'admin' ? 'an admin' : `a ${member.role}`}`,
      );
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: memberKeys.list(orgId) }),
        // Your own role shows in the organization list (the account's: it lists your role in
        // each) and decides which actions you see.
        queryClient.invalidateQueries({ queryKey: accountScope }),
      ]);
    },
  });
}
