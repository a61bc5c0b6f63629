import type { FastifyInstance } from 'fastify';
import { createWorkspaceSchema, updateWorkspaceSchema } from '../../../contract/workspaces';
import { assertRole, resolveOrganization } from '../../auth/access';
import { adminsOnly, orgHeader } from '../../auth/workspace-access';
import type { Db } from '../../db/index';
import type { FileStore } from '../../files/store';
import type { WorkspaceSandbox } from '../../sql/sandbox';
import { checkWorkspaceQuota, DEFAULT_TENANT_LIMITS, type TenantLimits } from '../tenant-limits';
import type { ZodTypeProvider } from '../zod-provider';
import { createWorkspace, deleteWorkspace, listWorkspaces, renameWorkspace } from './repository';

/**
 * Workspaces of the caller's organizations. The `/workspaces/:ws` routes find theirs, and the
 * caller's role, in `request.workspaceAccess` (server/auth/workspace-access.ts).
 */
export async function workspaceRoutes(
  instance: FastifyInstance,
  {
    db,
    sandbox,
    files,
    limits = DEFAULT_TENANT_LIMITS,
  }: { db: Db; sandbox: WorkspaceSandbox; files: FileStore; limits?: TenantLimits },
) {
  const app = instance.withTypeProvider<ZodTypeProvider>();

  app.get('/workspaces', async (request) => {
    const { orgId } = await resolveOrganization(db, request.user.id, orgHeader(request));
    // `data`, as the hosted service answers.
    return { data: await listWorkspaces(db, orgId) };
  });

  app.post(
    '/workspaces',
    {
      schema: { body: createWorkspaceSchema },
      // Who may create comes first: a viewer hears 403 whatever the body says.
      preValidation: async (request) => {
        const { orgId, role } = await resolveOrganization(db, request.user.id, orgHeader(request));
        assertRole(role, 'admin', orgId, 'create workspaces');
        request.organizationAccess = { orgId, role };
      },
    },
    async (request, reply) => {
      const { orgId } = request.organizationAccess;
      const { body } = request;
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
    },
  );

  app.get('/workspaces/:ws', async (request) => ({
    workspace: request.workspaceAccess.workspace,
  }));

  app.patch(
    '/workspaces/:ws',
    { config: adminsOnly('rename workspaces'), schema: { body: updateWorkspaceSchema } },
    async (request) => {
      const { workspace } = request.workspaceAccess;
      return { workspace: await renameWorkspace(db, workspace.id, request.body.name) };
    },
  );

  app.delete(
    '/workspaces/:ws',
    { config: adminsOnly('delete workspaces') },
    async (request, reply) => {
      const { workspace } = request.workspaceAccess;
      // Sessions still running the workspace's SQL would hold locks the drop waits for.
      await sandbox.forget(workspace.id);
      const { roles, fileIds } = await db.transaction((tx) => deleteWorkspace(tx, workspace.id));
      await sandbox.forget(workspace.id, roles);
      await files.removeWorkspace(workspace.id, fileIds);
      reply.code(204);
    },
  );
}
