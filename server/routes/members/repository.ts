import type { Member, Role } from '../../../contract/organizations';
import type { Queryable } from '../../db/index';
import { conflict } from '../../errors';

const COLUMNS = 'u.id AS user_id, u.email, u.name, m.role, m.joined_at';
const FROM = `deeplake_console.memberships m JOIN deeplake_console.users u ON u.id = m.user_id`;

export async function listMembers(db: Queryable, orgId: string) {
  return db.query<Member>(
    `SELECT ${COLUMNS} FROM ${FROM} WHERE m.org_id = $1 ORDER BY m.joined_at, u.email`,
    [orgId],
  );
}

export async function getMember(db: Queryable, orgId: string, userId: string) {
  const [member] = await db.query<Member>(
    `SELECT ${COLUMNS} FROM ${FROM} WHERE m.org_id = $1 AND m.user_id = $2`,
    [orgId, userId],
  );
  return member ?? null;
}

export async function addMember(
  tx: Queryable,
  { orgId, userId, email, role }: { orgId: string; userId: string; email: string; role: Role },
): Promise<Member> {
  const [row] = await tx.query<{ user_id: string }>(
    `INSERT INTO deeplake_console.memberships (org_id, user_id, role) VALUES ($1, $2, $3)
     ON CONFLICT DO NOTHING RETURNING user_id`,
    [orgId, userId, role],
  );
  if (!row) throw conflict(`${email} is already a member of "${orgId}"`);
  return (await getMember(tx, orgId, userId))!;
}

/**
 * Locks the organization's membership list for the rest of the transaction, so two admins
 * demoting each other at once cannot leave it with none.
 */
export async function lockMemberships(tx: Queryable, orgId: string) {
  await tx.query('SELECT 1 FROM deeplake_console.organizations WHERE id = $1 FOR UPDATE', [orgId]);
}

export async function countAdmins(tx: Queryable, orgId: string): Promise<number> {
  const [row] = await tx.query<{ admins: number }>(
    `SELECT count(*)::int AS admins FROM deeplake_console.memberships
      WHERE org_id = $1 AND role = 'admin'`,
    [orgId],
  );
  return row?.admins ?? 0;
}

export async function setRole(tx: Queryable, orgId: string, userId: string, role: Role) {
  await tx.query(
    'UPDATE deeplake_console.memberships SET role = $3 WHERE org_id = $1 AND user_id = $2',
    [orgId, userId, role],
  );
  return (await getMember(tx, orgId, userId))!;
}

export async function removeMember(tx: Queryable, orgId: string, userId: string) {
  await tx.query('DELETE FROM deeplake_console.memberships WHERE org_id = $1 AND user_id = $2', [
    orgId,
    userId,
  ]);
}
