import type { FastifyInstance } from 'fastify';
import type { Db } from '../db/index';
import { unauthorized } from '../errors';
import type { Logger } from '../logger';
import { clock } from './clock';
import { bearerToken, hashToken } from './tokens';
import { tokenRefusal, touchToken, type TokenKind } from './tokens-repository';
import type { User } from './users-repository';

/** The token a request was made with. */
export interface AuthToken {
  id: string;
  kind: TokenKind;
  /** The organization it was made for, if any. */
  orgId: string | null;
}

interface TokenUserRow extends User {
  token_id: string;
  kind: TokenKind;
  org_id: string | null;
  expires_at: string | null;
  revoked_at: string | null;
  used_at: string | null;
  last_used_at: string | null;
}

/**
 * Who sends `Authorization: Bearer <token>`. A token the server does not know, one that was
 * revoked or has expired, and a sign-in link's one-time token are each a 401 that says which.
 */
export async function authenticate(
  db: Db,
  header: string | undefined,
  logger: Pick<Logger, 'warn'>,
): Promise<{ user: User; token: AuthToken }> {
  const secret = bearerToken(header);
  if (!secret) throw unauthorized('Sign in: send "Authorization: Bearer <token>"');
  const [row] = await db.query<TokenUserRow>(
    `SELECT u.id, u.email, u.name, u.verified, u.created_at,
            t.id AS token_id, t.kind, t.org_id, t.expires_at, t.revoked_at, t.used_at,
            t.last_used_at
       FROM deeplake_console.tokens t
       JOIN deeplake_console.users u ON u.id = t.user_id
      WHERE t.hash = $1`,
    [hashToken(secret)],
  );
  if (!row) throw unauthorized('The token is not valid: sign in again');
  const now = clock.now();
  const refusal = tokenRefusal(row, now);
  if (refusal) throw unauthorized(refusal);
  if (row.kind === 'invite') {
    throw unauthorized(
      'This token belongs to a one-time sign-in link: open the link in the console to sign in',
    );
  }
  // Bookkeeping: a failure to note the time must not fail the request.
  await touchToken(db, row.token_id, row.last_used_at, now).catch((error: unknown) =>
    logger.warn({ err: error }, 'could not note when a token was last used'),
  );
  const { id, email, name, verified, created_at } = row;
  return {
    user: { id, email, name, verified, created_at },
    token: { id: row.token_id, kind: row.kind, orgId: row.org_id },
  };
}

/**
 * Registers on `app`'s scope that every request signs in with its bearer token: the routes
 * registered in it afterwards find `request.user` and `request.token`. The API and the older
 * File API under /engine both sign in through this one hook.
 */
export function requireSignIn(
  app: FastifyInstance,
  { db, logger }: { db: Db; logger: Pick<Logger, 'warn'> },
) {
  app.decorateRequest('user', null as unknown as User);
  app.decorateRequest('token', null as unknown as AuthToken);
  app.addHook('onRequest', async (request) => {
    const { user, token } = await authenticate(db, request.headers.authorization, logger);
    request.user = user;
    request.token = token;
  });
}
