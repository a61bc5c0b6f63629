import { useMutation, useQueryClient } from '@tanstack/react-query';
import { toast } from 'sonner';
import { api, segment } from '../../../lib/api-client';
import { useSignOut } from '../../auth';
import type { TokenView } from './answers';
import { tokenKeys } from './keys';

/** Revokes a token at once. Revoking the console's own token signs this console out. */
export function useRevokeToken() {
  const queryClient = useQueryClient();
  const signOut = useSignOut();
  return useMutation({
    mutationFn: (token: TokenView) => api.delete(`/users/me/tokens/${segment(token.id)}`),
    onSuccess: async (_nothing, token) => {
      toast.success(`Token ${token.name} revoked`);
      if (token.current) {
        signOut();
        return;
      }
      await queryClient.invalidateQueries({ queryKey: tokenKeys.list() });
    },
  });
}
