import { accountScope } from '../../../lib/query-scope';

/** A device sign-in request is decided by the signed-in person, for one of their organizations. */
export const deviceKeys = {
  all: [...accountScope, 'device'] as const,
  /** A sign-in request, by the user code typed or linked (as typed: the server normalizes). */
  request: (userCode: string) => [...deviceKeys.all, 'request', userCode] as const,
};
