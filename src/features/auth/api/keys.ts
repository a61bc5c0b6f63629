import { accountScope } from '../../../lib/query-scope';

/** Who is signed in belongs to the account: it changes with the organizations one is in. */
export const authKeys = {
  me: () => [...accountScope, 'me'] as const,
};
