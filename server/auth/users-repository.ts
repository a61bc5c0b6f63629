import type { Queryable } from '../db/index';
import { clock, secondsFrom } from './clock';
import { newInviteToken } from './tokens';
import { insertToken } from './tokens-repository';

export interface User {
  id: string;
  email: string;
  name: string;
  verified: boolean;
  created_at: string;
}

const USER_COLUMNS = 'u.id, u.email, u.name, u.verified, u.created_at';

export async function findUserByEmail(db: Queryable, email: string): Promise<User | null> {
  const [user] = await db.query<User>(
    `SELECT ${USER_COLUMNS} FROM deeplake_console.users u WHERE u.email = $1`,
    [email.toLowerCase()],
  );
  return user ?? null;
}

/** The user with this email, created when there is none; `created` says which. */
export async function ensureUser(
  db: Queryable,
  email: string,
  { verified = false }: { verified?: boolean } = {},
): Promise<{ user: User; created: boolean }> {
  const normalized = email.toLowerCase();
  const [inserted] = await db.query<User>(
    `INSERT INTO deeplake_console.users AS u (email, name, verified)
     VALUES ($1, $2, $3)
     ON CONFLICT (email) DO NOTHING
     RETURNING ${USER_COLUMNS}`,
    [normalized, normalized.split('@')[0] ?? '', verified],
  );
  if (inserted) return { user: inserted, created: true };
  const existing = await findUserByEmail(db, normalized);
  if (!existing) throw new Error(`user ${normalized} vanished while being created`);
  return { user: existing, created: false };
}

/**
 * Issues a sign-in token with no expiry for the user (the first admin, `npm run token`, the
 * test harness); only its hash is stored, so this is the one time it is seen.
 */
export async function issueToken(
  db: Queryable,
  userId: string,
  { token, label = '' }: { token?: string; label?: string } = {},
): Promise<string> {
  const issued = await insertToken(db, userId, {
    ...(token ? { secret: token } : {}),
    name: label || 'Sign-in token',
  });
  return issued.secret;
}

/** How long an invite's sign-in link works, unless it is used first. */
export const INVITE_LINK_DAYS = 7;

/**
 * The token of an invite's sign-in link: it expires, and it works once, for exchanging at
 * POST /auth/invite/accept for a lasting sign-in token (it opens nothing else).
 */
export async function issueInviteToken(
  db: Queryable,
  userId: string,
  orgId: string,
): Promise<string> {
  const now = clock.now();
  const issued = await insertToken(db, userId, {
    secret: newInviteToken(),
    name: `Invite to ${orgId}`,
    kind: 'invite',
    orgId,
    expiresAt: secondsFrom(now, INVITE_LINK_DAYS * 24 * 3600),
    now,
  });
  return issued.secret;
}
