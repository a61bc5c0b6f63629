import { serverScope } from '../../../lib/query-scope';

/** The server's health is the same for anyone, signed in or not. */
export const healthKeys = {
  all: [...serverScope, 'health'] as const,
  live: () => [...healthKeys.all, 'live'] as const,
  ready: () => [...healthKeys.all, 'ready'] as const,
};
