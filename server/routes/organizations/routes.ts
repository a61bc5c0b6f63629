import type { FastifyInstance } from 'fastify';
import {
  createOrganizationSchema,
  updateOrganizationSchema,
} from '../../../contract/organizations';
import { requireAdmin } from '../../auth/access';
import { organizationAdminsOnly } from '../../auth/organization-access';
import type { Db } from '../../db/index';
import type { FileStore } from '../../files/store';
import type { WorkspaceSandbox } from '../../sql/sandbox';
import { checkOrganizationQuota, DEFAULT_TENANT_LIMITS, type TenantLimits } from '../tenant-limits';
import type { ZodTypeProvider } from '../zod-provider';
import {
  createOrganization,
  deleteOrganization,
  getOrganization,
  listOrganizationsOf,
  renameOrganization,
} from './repository';

/**
 * The caller's organizations. The `/organizations/:org_id` routes find theirs, and the caller's
 * role, in `request.organizationAccess` (server/auth/organization-access.ts).
 */
export async function organizationRoutes(
  instance: FastifyInstance,
  {
    db,
    sandbox,
    files,
    limits = DEFAULT_TENANT_LIMITS,
  }: { db: Db; sandbox: WorkspaceSandbox; files: FileStore; limits?: TenantLimits },
) {
  const app = instance.withTypeProvider<ZodTypeProvider>();
  // A bare array, as the hosted service answers: its clients read `[0].id`.
  app.get('/organizations', async (request) => listOrganizationsOf(db, request.user.id));

  app.post(
    '/organizations',
    { schema: { body: createOrganizationSchema } },
    async (request, reply) => {
      const { body } = request;
      const organization = await db.transaction(async (tx) => {
        await checkOrganizationQuota(tx, request.user.id, limits);
        return createOrganization(tx, { ...body, adminUserId: request.user.id });
      });
      reply.code(201);
      return { organization };
    },
  );

  app.get('/organizations/:org_id', async (request) => ({
    organization: await getOrganization(db, request.organizationAccess.orgId),
  }));

  app.patch(
    '/organizations/:org_id',
    {
      config: organizationAdminsOnly('rename the organization'),
      schema: { body: updateOrganizationSchema },
    },
    async (request) => ({
      organization: await renameOrganization(
        db,
        request.organizationAccess.orgId,
        request.body.name,
      ),
    }),
  );

  app.delete('/organizations/:org_id', async (request, reply) => {
    const { orgId } = request.organizationAccess;
    const dropped = await db.transaction(async (tx) => {
      // Members were let through (organization-access.ts); the admin check goes with the delete.
      await requireAdmin(tx, request.user.id, orgId, 'delete the organization');
      return deleteOrganization(tx, orgId);
    });
    await Promise.all(dropped.workspaceIds.map((id) => sandbox.forget(id, dropped.roles)));
    for (const { workspaceId, fileIds } of dropped.files) {
      await files.removeWorkspace(workspaceId, fileIds);
    }
    reply.code(204);
  });
}
