import type { Role } from '../../contract/organizations';
import type { Queryable } from '../db/index';
import { forbidden, notFound } from '../errors';

/**
 * The role rules in one place. A caller who is not a member of an organization learns nothing
 * about it (404); a member asking for an admin action is refused (403).
 */

export async function roleIn(db: Queryable, userId: string, orgId: string): Promise<Role | null> {
  const [row] = await db.query<{ role: Role }>(
    'SELECT role FROM deeplake_console.memberships WHERE org_id = $1 AND user_id = $2',
    [orgId, userId],
  );
  return row?.role ?? null;
}

export const organizationNotFound = (orgId: string) =>
  notFound(`Organization "${orgId}" not found`);

export async function requireMember(db: Queryable, userId: string, orgId: string): Promise<Role> {
  const role = await roleIn(db, userId, orgId);
  if (!role) throw organizationNotFound(orgId);
  return role;
}

export async function requireAdmin(
  db: Queryable,
  userId: string,
  orgId: string,
  action: string,
): Promise<void> {
  const role = await requireMember(db, userId, orgId);
  if (role !== 'admin') {
    throw forbidden(`Only admins of "${orgId}" can ${action}`);
  }
}

/**
 * The organization a workspace request is about: the `X-Activeloop-Org-Id` header when sent,
 * else the caller's default organization (the one they joined first).
 */
export async function resolveOrganization(
  db: Queryable,
  userId: string,
  header: string | undefined,
): Promise<{ orgId: string; role: Role }> {
  if (header) {
    return { orgId: header, role: await requireMember(db, userId, header) };
  }
  const [row] = await db.query<{ org_id: string; role: Role }>(
    `SELECT org_id, role FROM deeplake_console.memberships
      WHERE user_id = $1 ORDER BY joined_at, org_id LIMIT 1`,
    [userId],
  );
  if (!row) {
    throw notFound('You belong to no organization: create one, or ask an admin to invite you');
  }
  return { orgId: row.org_id, role: row.role };
}
