import { useMutation, useQueryClient } from '@tanstack/react-query';
import { isInviteToken, setApiBaseUrl, signIn } from '../../../lib/sign-in-state';
import { exchangeInviteToken } from './invite-exchange';
import { authKeys } from './keys';
import { fetchMe } from './me-query';

export interface SignInValues {
  token: string;
  remember: boolean;
  baseUrl: string;
  /** Signing in by opening an invite's link, rather than with a typed token. */
  viaInvite?: boolean;
}

/**
 * Checks the token with GET /me before keeping it, so a wrong token is reported in place. An
 * invite link's one-time token is first exchanged for a lasting one, which is what is kept.
 */
export function useSignIn() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ token, baseUrl }: SignInValues) => {
      const lasting = isInviteToken(token) ? await exchangeInviteToken(token, baseUrl) : token;
      return { me: await fetchMe({ token: lasting, baseUrl }), token: lasting };
    },
    onSuccess: ({ me, token }, { remember, baseUrl }) => {
      // Whatever was cached belonged to the previous user or API.
      queryClient.clear();
      setApiBaseUrl(baseUrl);
      queryClient.setQueryData(authKeys.me(), me);
      signIn(token, { remember });
    },
  });
}
