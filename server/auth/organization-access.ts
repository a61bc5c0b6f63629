import type { FastifyInstance } from 'fastify';
import type { Role } from '../../contract/organizations';
import type { Queryable } from '../db/index';
import { organizationPath } from '../routes/params';
import { parsePart } from '../routes/zod-provider';
import { assertRole, requireMember, runFirst, type RoleNeeded } from './access';

/**
 * Every `/organizations/:org_id…` route gets the caller's membership checked once, here, before
 * anything it sends is validated: a non-member hears the same 404 whatever they send, and a
 * member below the role a route needs a 403 whatever they send.
 */

/** The organization of an `/organizations/:org_id` route, and the caller's role in it. */
export interface OrganizationAccess {
  orgId: string;
  role: Role;
}

declare module 'fastify' {
  interface FastifyRequest {
    /**
     * Set on `/organizations/:org_id` routes before validation (organization-access.ts), and
     * by the routes that act in the org header's organization (`POST /workspaces`).
     */
    organizationAccess: OrganizationAccess;
  }
  interface FastifyContextConfig {
    /** An `/organizations/:org_id` route only admins may use. */
    organizationRole?: RoleNeeded;
  }
}

/** Route config of an organization route that manages it: admins. */
export const organizationAdminsOnly = (action: string) => ({
  organizationRole: { needs: 'admin', action } satisfies RoleNeeded,
});

const ORGANIZATION_ROUTE = /\/organizations\/:org_id(?:\/|$)/;

/**
 * Registers the check on `app`'s scope, for the organization routes registered in it
 * afterwards: each gets `request.organizationAccess`, and the role its config needs.
 */
export function registerOrganizationAccess(app: FastifyInstance, { db }: { db: Queryable }) {
  app.decorateRequest('organizationAccess', null as unknown as OrganizationAccess);
  app.addHook('onRoute', (route) => {
    if (!ORGANIZATION_ROUTE.test(route.url)) return;
    const needed = route.config?.organizationRole;
    runFirst(route, async (request) => {
      const { org_id: orgId } = parsePart(organizationPath, 'params', request.params);
      const role = await requireMember(db, request.user.id, orgId);
      if (needed) assertRole(role, needed.needs, orgId, needed.action);
      request.organizationAccess = { orgId, role };
    });
  });
}
