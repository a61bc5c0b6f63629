import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  cliInviteMemberSchema,
  inviteMemberSchema,
  updateMemberSchema,
} from '../../../contract/organizations';
import type { InviteMember, MemberResponse } from '../../../contract/organizations';
import { assertRole } from '../../auth/access';
import { organizationAdminsOnly } from '../../auth/organization-access';
import { ensureUser, issueInviteToken } from '../../auth/users-repository';
import type { Db, Queryable } from '../../db/index';
import { conflict, notFound } from '../../errors';
import { memberPath } from '../params';
import type { ZodTypeProvider } from '../zod-provider';
import {
  addMember,
  countAdmins,
  getMember,
  listMembers,
  lockMemberships,
  removeMember,
  setRole,
} from './repository';

const lastAdmin = (orgId: string, action: string) =>
  conflict(
    `Cannot ${action} the last admin of "${orgId}": an organization needs at least one admin. ` +
      'Make another member admin first.',
  );

async function requireTarget(tx: Queryable, orgId: string, userId: string) {
  const member = await getMember(tx, orgId, userId);
  if (!member) throw notFound(`No member "${userId}" in organization "${orgId}"`);
  return member;
}

/** Where a person opens the console: this server's own address, as the caller reached it. */
function consoleOrigin(request: FastifyRequest) {
  return `${request.protocol}://${request.host}`;
}

/**
 * The members of an organization. Each route finds its organization, and the caller's role, in
 * `request.organizationAccess` (server/auth/organization-access.ts).
 */
export async function memberRoutes(instance: FastifyInstance, { db }: { db: Db }) {
  const app = instance.withTypeProvider<ZodTypeProvider>();

  app.get('/organizations/:org_id/members', async (request) => ({
    members: await listMembers(db, request.organizationAccess.orgId),
  }));

  /**
   * Adds someone by email, making the user if there is none yet. Two doors, one rule: the
   * documented `{email, role}` and the hosted CLI's `{username, access_mode}`.
   */
  async function invite(
    request: FastifyRequest,
    reply: FastifyReply,
    { email, role }: InviteMember,
  ): Promise<MemberResponse> {
    const { orgId } = request.organizationAccess;
    const result = await db.transaction(async (tx) => {
      const { user, created } = await ensureUser(tx, email);
      const member = await addMember(tx, { orgId, userId: user.id, email, role });
      // No mail server: a person who had no account gets a sign-in link to pass on by hand.
      // Its token works once and expires (server/auth/users-repository.ts).
      const token = created ? await issueInviteToken(tx, user.id, orgId) : null;
      return { member, token };
    });
    reply.code(201);
    return {
      member: result.member,
      ...(result.token ? { invite_link: `${consoleOrigin(request)}/#token=${result.token}` } : {}),
    };
  }

  const inviting = organizationAdminsOnly('invite members');
  app.post(
    '/organizations/:org_id/members',
    { config: inviting, schema: { body: inviteMemberSchema } },
    (request, reply) => invite(request, reply, request.body),
  );
  app.post(
    '/organizations/:org_id/members/invite',
    { config: inviting, schema: { body: cliInviteMemberSchema } },
    (request, reply) => invite(request, reply, request.body),
  );

  app.patch(
    '/organizations/:org_id/members/:user_id',
    {
      config: organizationAdminsOnly('change roles'),
      schema: { params: memberPath, body: updateMemberSchema },
    },
    async (request) => {
      const { orgId } = request.organizationAccess;
      const userId = request.params.user_id;
      const { role } = request.body;
      const member = await db.transaction(async (tx) => {
        await lockMemberships(tx, orgId);
        const target = await requireTarget(tx, orgId, userId);
        if (target.role === 'admin' && role !== 'admin' && (await countAdmins(tx, orgId)) <= 1) {
          throw lastAdmin(orgId, 'demote');
        }
        return setRole(tx, orgId, userId, role);
      });
      return { member };
    },
  );

  app.delete(
    '/organizations/:org_id/members/:user_id',
    { schema: { params: memberPath } },
    async (request, reply) => {
      const { orgId, role: callerRole } = request.organizationAccess;
      const userId = request.params.user_id;
      const leaving = userId === request.user.id;
      if (!leaving) assertRole(callerRole, 'admin', orgId, 'remove other members');
      await db.transaction(async (tx) => {
        await lockMemberships(tx, orgId);
        const target = await requireTarget(tx, orgId, userId);
        if (target.role === 'admin' && (await countAdmins(tx, orgId)) <= 1) {
          throw lastAdmin(orgId, 'remove');
        }
        await removeMember(tx, orgId, userId);
      });
      reply.code(204);
    },
  );
}
