import { useMutation, useQueryClient } from '@tanstack/react-query';
import { setApiBaseUrl, signIn } from '../../../lib/session';
import { authKeys } from './keys';
import { fetchMe } from './me-query';

export interface SignInValues {
  token: string;
  remember: boolean;
  baseUrl: string;
}

/** Checks the token with GET /me before keeping it, so a wrong token is reported in place. */
export function useSignIn() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ token, baseUrl }: SignInValues) => fetchMe({ token, baseUrl }),
    onSuccess: (me, { token, remember, baseUrl }) => {
      // Whatever was cached belonged to the previous user or API.
      queryClient.clear();
      setApiBaseUrl(baseUrl);
      queryClient.setQueryData(authKeys.me(), me);
      signIn(token, { remember });
    },
  });
}
