import { z } from 'zod';
import { organizationIdSchema } from './identifier';

/** Longest lifetime a token may be given: ten years, in seconds. */
export const TOKEN_MAX_DURATION_SECONDS = 10 * 365 * 24 * 3600;

/** The expiries the console offers, in days. */
export const TOKEN_DURATION_DAYS = [7, 30, 90, 365] as const;

/**
 * `POST /users/me/tokens`, as the hosted service's clients send it: `duration` in seconds,
 * `organization_id` an organization the caller belongs to.
 */
export const createTokenSchema = z.object({
  name: z
    .string({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be a string') })
    .trim()
    .min(1, 'is required')
    .max(200, 'must be at most 200 characters'),
  duration: z
    .number({
      error: (issue) => (issue.input === undefined ? 'is required' : 'must be a number of seconds'),
    })
    .int('must be a whole number of seconds')
    .min(1, 'must be at least 1 second')
    .max(TOKEN_MAX_DURATION_SECONDS, 'must be at most ten years'),
  organization_id: organizationIdSchema,
});
export type CreateToken = z.infer<typeof createTokenSchema>;

/** A token as listed: never its secret. Times are ISO text; null when it has none. */
export interface TokenInfo {
  id: string;
  name: string;
  organization_id: string | null;
  created_at: string;
  expires_at: string | null;
  last_used_at: string | null;
  /** An extra of the bundled server: whether the request was made with this token. */
  current?: boolean;
}

/** `GET /users/me/tokens`. */
export interface TokenList {
  tokens: TokenInfo[];
}

/** `POST /users/me/tokens` (201): the secret, this once. */
export interface CreatedToken {
  token: Omit<TokenInfo, 'last_used_at' | 'current'> & { token: string };
}

/** `POST /auth/invite/accept`: a one-time sign-in link's token, exchanged for a lasting one. */
export const acceptInviteSchema = z.object({
  token: z
    .string({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be a string') })
    .trim()
    .min(1, 'is required')
    .max(200, 'is not a sign-in link token'),
});
export type AcceptInvite = z.infer<typeof acceptInviteSchema>;

export { INVITE_TOKEN_PREFIX } from './invite-token';
