import type { TokenInfo } from '../../contract/tokens';
import type { Queryable } from '../db/index';
import { clock } from './clock';
import { hashToken, newToken } from './tokens';

/**
 * session: a sign-in (console, `npm run token`, the first admin); api: made by its owner at
 * POST /users/me/tokens; device: handed out by the device flow; invite: a one-time sign-in
 * link, good only for exchanging once for a session token.
 */
export type TokenKind = 'session' | 'api' | 'device' | 'invite';

const INFO_COLUMNS = 'id, name, org_id AS organization_id, created_at, expires_at, last_used_at';

/** Revoked and expired tokens are kept this long, so using one says why it no longer works. */
const KEEP_ENDED_DAYS = 90;

export interface NewToken {
  /** The secret, shown this once: only its hash is stored. */
  secret: string;
  info: TokenInfo;
}

export async function insertToken(
  db: Queryable,
  userId: string,
  {
    secret = newToken(),
    name,
    kind = 'session',
    orgId = null,
    expiresAt = null,
    now = clock.now(),
  }: {
    secret?: string;
    name: string;
    kind?: TokenKind;
    orgId?: string | null;
    expiresAt?: Date | null;
    now?: Date;
  },
): Promise<NewToken> {
  const [info] = await db.query<TokenInfo>(
    `INSERT INTO deeplake_console.tokens
       (hash, user_id, name, kind, org_id, expires_at, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     RETURNING ${INFO_COLUMNS}`,
    [hashToken(secret), userId, name, kind, orgId, expiresAt, now],
  );
  return { secret, info: info! };
}

/** The user's tokens, newest first: never invite links, never revoked ones, never secrets. */
export async function listTokens(db: Queryable, userId: string): Promise<TokenInfo[]> {
  return db.query<TokenInfo>(
    `SELECT ${INFO_COLUMNS} FROM deeplake_console.tokens
      WHERE user_id = $1 AND kind <> 'invite' AND revoked_at IS NULL
      ORDER BY created_at DESC, id`,
    [userId],
  );
}

/** Revokes one of the user's own tokens; false when they have no such token. */
export async function revokeToken(
  db: Queryable,
  userId: string,
  tokenId: string,
  now = clock.now(),
): Promise<boolean> {
  const rows = await db.query(
    `UPDATE deeplake_console.tokens SET revoked_at = $3
      WHERE id = $1 AND user_id = $2 AND kind <> 'invite' AND revoked_at IS NULL
      RETURNING id`,
    [tokenId, userId, now],
  );
  return rows.length > 0;
}

/** Forgets the user's tokens that ended long ago: the list and the table stay short. */
export async function pruneEndedTokens(db: Queryable, userId: string, now = clock.now()) {
  const before = new Date(now.getTime() - KEEP_ENDED_DAYS * 24 * 3600 * 1000);
  await db.query(
    `DELETE FROM deeplake_console.tokens
      WHERE user_id = $1 AND (revoked_at < $2 OR expires_at < $2 OR used_at < $2)`,
    [userId, before],
  );
}

/** How often a token's last_used_at is written at most: not a write on every request. */
export const LAST_USED_RESOLUTION_MS = 60_000;

/** Notes that the token was used, unless that was noted less than a minute ago. */
export async function touchToken(
  db: Queryable,
  tokenId: string,
  lastUsedAt: string | null,
  now = clock.now(),
) {
  if (lastUsedAt !== null && now.getTime() - Date.parse(lastUsedAt) < LAST_USED_RESOLUTION_MS) {
    return;
  }
  // The condition again in SQL: parallel requests of one token write it once.
  await db.query(
    `UPDATE deeplake_console.tokens SET last_used_at = $2
      WHERE id = $1 AND (last_used_at IS NULL OR last_used_at <= $3)`,
    [tokenId, now, new Date(now.getTime() - LAST_USED_RESOLUTION_MS)],
  );
}

/** What the API says when a token it knows no longer works; null while it does. */
export function tokenRefusal(
  token: {
    kind: TokenKind;
    expires_at: string | null;
    revoked_at: string | null;
    used_at: string | null;
  },
  now = clock.now(),
): string | null {
  const invite = token.kind === 'invite';
  if (token.revoked_at !== null) {
    return invite
      ? `This sign-in link was revoked on ${token.revoked_at}: ask for a new invite`
      : `This token was revoked on ${token.revoked_at}: make a new one, or sign in again`;
  }
  if (invite && token.used_at !== null) {
    return (
      `This sign-in link was already used, on ${token.used_at}: it works once. ` +
      'Sign in with a token, or ask an admin for a new invite'
    );
  }
  if (token.expires_at !== null && Date.parse(token.expires_at) <= now.getTime()) {
    return invite
      ? `This sign-in link expired on ${token.expires_at}: ask an admin for a new invite`
      : `This token expired on ${token.expires_at}: make a new one, or sign in again`;
  }
  return null;
}
