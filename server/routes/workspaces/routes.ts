import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ORG_HEADER } from '../../../contract/headers';
import { createWorkspaceSchema, updateWorkspaceSchema } from '../../../contract/workspaces';
import {
  assertRole,
  requireAdmin,
  requireWriter,
  resolveOrganization,
  roleIn,
} from '../../auth/access';
import type { Db, Queryable } from '../../db/index';
import { notFound, parseWith } from '../../errors';
import type { FileStore } from '../../files/store';
import type { WorkspaceSandbox } from '../../sql/sandbox';
import { workspaceIdParam } from '../params';
import {
  createWorkspace,
  deleteWorkspace,
  getWorkspace,
  listWorkspaces,
  renameWorkspace,
} from './repository';
import { checkWorkspaceQuota, DEFAULT_TENANT_LIMITS, type TenantLimits } from '../tenant-limits';

function orgHeader(request: FastifyRequest): string | undefined {
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
  workspaceId: string,
) {
  const workspace = await getWorkspace(db, workspaceId);
  const header = orgHeader(request);
  const role = workspace ? await roleIn(db, request.user.id, workspace.org_id) : null;
  if (!workspace || !role || (header !== undefined && header !== workspace.org_id)) {
    throw notFound(`Workspace "${workspaceId}" not found`);
  }
  return { workspace, role };
}

/** The workspace of a request that changes its tables or files: refused (403) to a viewer. */
export async function writableWorkspace(
  db: Queryable,
  request: FastifyRequest,
  workspaceId: string,
  action: string,
) {
  const { workspace, role } = await accessibleWorkspace(db, request, workspaceId);
  requireWriter(role, workspace.org_id, action);
  return workspace;
}

export async function workspaceRoutes(
  app: FastifyInstance,
  {
    db,
    sandbox,
    files,
    limits = DEFAULT_TENANT_LIMITS,
  }: { db: Db; sandbox: WorkspaceSandbox; files: FileStore; limits?: TenantLimits },
) {
  app.get('/workspaces', async (request) => {
    const { orgId } = await resolveOrganization(db, request.user.id, orgHeader(request));
    // `data`, as the hosted service answers.
    return { data: await listWorkspaces(db, orgId) };
  });

  app.post('/workspaces', async (request, reply) => {
    const { orgId, role } = await resolveOrganization(db, request.user.id, orgHeader(request));
    assertRole(role, 'admin', orgId, 'create workspaces');
    const body = parseWith(createWorkspaceSchema, request.body);
    const workspace = await db.transaction(async (tx) => {
      await checkWorkspaceQuota(tx, orgId, limits);
      return createWorkspace(tx, { ...body, orgId });
    });
    try {
      await sandbox.prepare(workspace.id);
    } catch (error) {
      // Not left half made: the workspace goes again, and its database with it.
      const { roles } = await db.transaction((tx) => deleteWorkspace(tx, workspace.id));
      await sandbox.forget(workspace.id, roles);
      throw error;
    }
    reply.code(201);
    return { workspace };
  });

  app.get('/workspaces/:ws', async (request) => {
    const { workspace } = await accessibleWorkspace(db, request, workspaceIdParam(request.params));
    return { workspace };
  });

  app.patch('/workspaces/:ws', async (request) => {
    const { workspace } = await accessibleWorkspace(db, request, workspaceIdParam(request.params));
    await requireAdmin(db, request.user.id, workspace.org_id, 'rename workspaces');
    const { name } = parseWith(updateWorkspaceSchema, request.body);
    return { workspace: await renameWorkspace(db, workspace.id, name) };
  });

  app.delete('/workspaces/:ws', async (request, reply) => {
    const { workspace } = await accessibleWorkspace(db, request, workspaceIdParam(request.params));
    await requireAdmin(db, request.user.id, workspace.org_id, 'delete workspaces');
    // Sessions still running the workspace's SQL would hold locks the drop waits for.
    await sandbox.forget(workspace.id);
    const { roles, fileIds } = await db.transaction((tx) => deleteWorkspace(tx, workspace.id));
    await sandbox.forget(workspace.id, roles);
    await files.removeWorkspace(workspace.id, fileIds);
    reply.code(204);
  });
}
