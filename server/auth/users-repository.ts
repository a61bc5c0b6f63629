import type { Queryable } from '../db/index';
import { hashToken, newToken } from './tokens';

export interface User {
  id: string;
  email: string;
  name: string;
  verified: boolean;
  created_at: string;
}

const USER_COLUMNS = 'u.id, u.email, u.name, u.verified, u.created_at';

export async function findUserByToken(db: Queryable, token: string): Promise<User | null> {
  const [user] = await db.query<User>(
    `SELECT ${USER_COLUMNS}
       FROM deeplake_console.tokens t
       JOIN deeplake_console.users u ON u.id = t.user_id
      WHERE t.hash = $1`,
    [hashToken(token)],
  );
  return user ?? null;
}

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

/** Issues a token for the user; only its hash is stored, so this is the one time it is seen. */
export async function issueToken(
  db: Queryable,
  userId: string,
  { token = newToken(), label = '' }: { token?: string; label?: string } = {},
): Promise<string> {
  await db.query('INSERT INTO deeplake_console.tokens (hash, user_id, label) VALUES ($1, $2, $3)', [
    hashToken(token),
    userId,
    label,
  ]);
  return token;
}
