import type { FastifyInstance } from 'fastify';
import {
  createOrganizationSchema,
  updateOrganizationSchema,
} from '../../../contract/organizations';
import { requireAdmin, requireMember } from '../../auth/access';
import type { Db } from '../../db/index';
import { parseWith } from '../../errors';
import type { FileStore } from '../../files/store';
import type { WorkspaceSandbox } from '../../sql/sandbox';
import { checkOrganizationQuota, DEFAULT_TENANT_LIMITS, type TenantLimits } from '../tenant-limits';
import { orgIdParam } from './params';
import {
  createOrganization,
  deleteOrganization,
  getOrganization,
  listOrganizationsOf,
  renameOrganization,
} from './repository';

export async function organizationRoutes(
  app: FastifyInstance,
  {
    db,
    sandbox,
    files,
    limits = DEFAULT_TENANT_LIMITS,
  }: { db: Db; sandbox: WorkspaceSandbox; files: FileStore; limits?: TenantLimits },
) {
  // A bare array, as the hosted service answers: its clients read `[0].id`.
  app.get('/organizations', async (request) => listOrganizationsOf(db, request.user.id));

  app.post('/organizations', async (request, reply) => {
    const body = parseWith(createOrganizationSchema, request.body);
    const organization = await db.transaction(async (tx) => {
      await checkOrganizationQuota(tx, request.user.id, limits);
      return createOrganization(tx, { ...body, adminUserId: request.user.id });
    });
    reply.code(201);
    return { organization };
  });

  app.get('/organizations/:org_id', async (request) => {
    const orgId = orgIdParam(request.params);
    await requireMember(db, request.user.id, orgId);
    return { organization: await getOrganization(db, orgId) };
  });

  app.patch('/organizations/:org_id', async (request) => {
    const orgId = orgIdParam(request.params);
    await requireAdmin(db, request.user.id, orgId, 'rename the organization');
    const { name } = parseWith(updateOrganizationSchema, request.body);
    return { organization: await renameOrganization(db, orgId, name) };
  });

  app.delete('/organizations/:org_id', async (request, reply) => {
    const orgId = orgIdParam(request.params);
    const dropped = await db.transaction(async (tx) => {
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
