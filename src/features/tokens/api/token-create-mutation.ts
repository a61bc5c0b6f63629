import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CreateToken } from '../../../../contract/tokens';
import { api } from '../../../lib/api-client';
import { readCreatedToken } from './answers';
import { tokenKeys } from './keys';

/** Makes a token; its secret is in the answer only, so the caller shows it at once. */
export function useCreateToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (values: CreateToken) =>
      readCreatedToken(await api.post<unknown>('/users/me/tokens', values)),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: tokenKeys.list() }),
  });
}
