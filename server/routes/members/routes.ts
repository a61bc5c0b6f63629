import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  cliInviteMemberSchema,
  inviteMemberSchema,
  updateMemberSchema,
} from '../../../contract/organizations';
import type { InviteMember, MemberResponse } from '../../../contract/organizations';
import { assertRole, requireAdmin, requireMember } from '../../auth/access';
import { ensureUser, issueInviteToken } from '../../auth/users-repository';
import type { Db, Queryable } from '../../db/index';
import { conflict, notFound, parseWith } from '../../errors';
import { orgIdParam } from '../organizations/params';
import { userIdParam } from '../params';
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

export async function memberRoutes(app: FastifyInstance, { db }: { db: Db }) {
  app.get('/organizations/:org_id/members', async (request) => {
    const orgId = orgIdParam(request.params);
    await requireMember(db, request.user.id, orgId);
    return { members: await listMembers(db, orgId) };
  });

  /**
   * Adds someone by email, making the user if there is none yet. Two doors, one rule: the
   * documented `{email, role}` and the hosted CLI's `{username, access_mode}`.
   */
  async function invite(
    request: FastifyRequest,
    reply: FastifyReply,
    read: (body: unknown) => InviteMember,
  ): Promise<MemberResponse> {
    const orgId = orgIdParam(request.params);
    await requireAdmin(db, request.user.id, orgId, 'invite members');
    const { email, role } = read(request.body);
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

  app.post('/organizations/:org_id/members', (request, reply) =>
    invite(request, reply, (body) => parseWith(inviteMemberSchema, body)),
  );
  app.post('/organizations/:org_id/members/invite', (request, reply) =>
    invite(request, reply, (body) => parseWith(cliInviteMemberSchema, body)),
  );

  app.patch('/organizations/:org_id/members/:user_id', async (request) => {
    const orgId = orgIdParam(request.params);
    await requireAdmin(db, request.user.id, orgId, 'change roles');
    const userId = userIdParam(request.params, orgId);
    const { role } = parseWith(updateMemberSchema, request.body);
    const member = await db.transaction(async (tx) => {
      await lockMemberships(tx, orgId);
      const target = await requireTarget(tx, orgId, userId);
      if (target.role === 'admin' && role !== 'admin' && (await countAdmins(tx, orgId)) <= 1) {
        throw lastAdmin(orgId, 'demote');
      }
      return setRole(tx, orgId, userId, role);
    });
    return { member };
  });

  app.delete('/organizations/:org_id/members/:user_id', async (request, reply) => {
    const orgId = orgIdParam(request.params);
    const callerRole = await requireMember(db, request.user.id, orgId);
    const userId = userIdParam(request.params, orgId);
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
  });
}
