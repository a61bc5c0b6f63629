// Kept apart from tokens.ts so the console's first page can check it without pulling in zod.

/** The prefix of a one-time sign-in link's token, so the console knows to exchange it. */
export const INVITE_TOKEN_PREFIX = 'dli_';
