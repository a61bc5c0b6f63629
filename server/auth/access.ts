import type { FastifyRequest, RouteOptions } from 'fastify';
import type { Role } from '../../contract/organizations';
import type { Queryable } from '../db/index';
import { forbidden, notFound } from '../errors';

/**
 * The role rules in one place. A caller who is not a member of an organization learns nothing
 * about it (404); a member asking for more than their role allows is refused (403): a viewer
 * reads, a writer also changes tables and files, an admin also manages the organization.
 */

const RANK: Record<Role, number> = { viewer: 0, writer: 1, admin: 2 };

/** Whether `role` includes the rights of `needed`. */
export const roleAllows = (role: Role, needed: Role) => RANK[role] >= RANK[needed];

/** What a viewer hears whenever they try to change something. */
export function viewerRefusalMessage(orgId: string, action: string): string {
  return (
    `You are a viewer in "${orgId}": viewers read tables and files but change nothing ` +
    `(you cannot ${action}; an admin can make you a writer)`
  );
}

/** Refuses (403) a caller whose role is below `needed`, saying what they tried. */
export function assertRole(role: Role, needed: Role, orgId: string, action: string): void {
  if (roleAllows(role, needed)) return;
  if (role === 'viewer') throw forbidden(viewerRefusalMessage(orgId, action));
  throw forbidden(`Only admins of "${orgId}" can ${action}`);
}

/** What a route needs beyond membership, and what its refusal says was tried. */
export interface RoleNeeded {
  needs: Exclude<Role, 'viewer'>;
  action: string;
}

/**
 * Makes `hook` the first preValidation hook of a route (from an onRoute hook): who may use a
 * route is settled before what the request sends is validated, as handlers checked it first.
 */
export function runFirst(route: RouteOptions, hook: (request: FastifyRequest) => Promise<void>) {
  const own = route.preValidation === undefined ? [] : [route.preValidation].flat();
  route.preValidation = [hook, ...own] as RouteOptions['preValidation'];
}

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
  assertRole(await requireMember(db, userId, orgId), 'admin', orgId, action);
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
