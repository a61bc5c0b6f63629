import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ORG_HEADER } from '../../contract/headers';
import type { Role } from '../../contract/organizations';
import type { Workspace } from '../../contract/workspaces';
import type { Queryable } from '../db/index';
import { notFound } from '../errors';
import { workspacePath } from '../routes/params';
import { getWorkspace } from '../routes/workspaces/repository';
import { parsePart } from '../routes/zod-provider';
import { assertRole, runFirst, roleIn, type RoleNeeded } from './access';

/**
 * Every `/workspaces/:ws…` route gets its workspace resolved and authorised once, here, before
 * anything it sends is validated: a request about a workspace the caller cannot see is the
 * same 404 whatever its body or query, and a viewer's write is a 403 whatever it sends.
 */

/** The workspace of a `/workspaces/:ws` route, and the caller's role in its organization. */
export interface WorkspaceAccess {
  workspace: Workspace;
  role: Role;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set on `/workspaces/:ws` routes before validation (server/auth/workspace-access.ts). */
    workspaceAccess: WorkspaceAccess;
  }
  interface FastifyContextConfig {
    /** A `/workspaces/:ws` route that viewers (or everyone but admins) may not use. */
    workspaceRole?: RoleNeeded;
  }
}

/** Route config of a workspace route that changes tables or files: writers and admins. */
export const writersOnly = (action: string) => ({
  workspaceRole: { needs: 'writer', action } satisfies RoleNeeded,
});

/** Route config of a workspace route that manages the workspace itself: admins. */
export const adminsOnly = (action: string) => ({
  workspaceRole: { needs: 'admin', action } satisfies RoleNeeded,
});

/** The organization the `X-Activeloop-Org-Id` header names, if it is sent. */
export function orgHeader(request: FastifyRequest): string | undefined {
  const value = request.headers[ORG_HEADER];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * The workspace a request names, if the caller may use it: it must belong to an organization
 * the caller is a member of, and to the one the org header names when it is sent. Anything
 * else is the same 404, so ids of other people's workspaces stay private.
 */
export async function accessibleWorkspace(
  db: Queryable,
  request: FastifyRequest,
): Promise<WorkspaceAccess> {
  const { ws } = parsePart(workspacePath, 'params', request.params);
  const workspace = await getWorkspace(db, ws);
  const header = orgHeader(request);
  const role = workspace ? await roleIn(db, request.user.id, workspace.org_id) : null;
  if (!workspace || !role || (header !== undefined && header !== workspace.org_id)) {
    throw notFound(`Workspace "${ws}" not found`);
  }
  return { workspace, role };
}

const WORKSPACE_ROUTE = /\/workspaces\/:ws(?:\/|$)/;

/**
 * Registers the check on `app`'s scope, for the workspace routes registered in it afterwards:
 * each gets `request.workspaceAccess`, and the role its `workspaceRole` config needs.
 */
export function registerWorkspaceAccess(
  app: FastifyInstance,
  {
    db,
    routes = WORKSPACE_ROUTE,
  }: {
    db: Queryable;
    /** Which routes name a workspace as `:ws` (the older File API's are `/engine/:ws/…`). */
    routes?: RegExp;
  },
) {
  app.decorateRequest('workspaceAccess', null as unknown as WorkspaceAccess);
  app.addHook('onRoute', (route) => {
    if (!routes.test(route.url)) return;
    const needed = route.config?.workspaceRole;
    runFirst(route, async (request) => {
      const access = await accessibleWorkspace(db, request);
      if (needed) assertRole(access.role, needed.needs, access.workspace.org_id, needed.action);
      request.workspaceAccess = access;
    });
  });
}
