import { accountScope } from '../../../lib/query-scope';

/** The signed-in person's own tokens: one list, whatever organization is selected. */
export const tokenKeys = {
  all: [...accountScope, 'tokens'] as const,
  list: () => [...tokenKeys.all, 'list'] as const,
};
