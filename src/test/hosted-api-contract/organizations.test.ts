import { act } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { useInviteMember } from '../../features/members/api/member-invite-mutation';
import {
  useLeaveOrganization,
  useRemoveMember,
} from '../../features/members/api/member-remove-mutation';
import { useChangeMemberRole } from '../../features/members/api/member-role-mutation';
import { memberListQueryOptions } from '../../features/members/api/members-query';
import { useCreateOrganization } from '../../features/organizations/api/organization-create-mutation';
import { useDeleteOrganization } from '../../features/organizations/api/organization-delete-mutation';
import { organizationQueryOptions } from '../../features/organizations/api/organization-query';
import { useRenameOrganization } from '../../features/organizations/api/organization-rename-mutation';
import { organizationListQueryOptions } from '../../features/organizations/api/organizations-query';
import { getSelectedOrgId, setSelectedOrgId, signIn } from '../../lib/sign-in-state';
import { json, mockApi } from '../fetch-mock';
import { RECORDED } from '../recorded-answers';
import { answer, answers, client, failure, mutationHook, ORG, orgHeader } from './helpers';

/**
 * Organizations and their members: every query and mutation against every recorded shape
 * (recorded-answers/accounts.ts), and what each sends.
 */

beforeEach(() => signIn('token'));

describe('organizations', () => {
  it('GET /organizations: a bare array without role, with role, and the older envelope', async () => {
    const api = answer('GET /organizations', RECORDED.organizations.hosted);
    expect(await client().fetchQuery(organizationListQueryOptions())).toEqual([
      { id: ORG, name: 'My Organization', created_at: '2025-06-01T12:00:00Z' },
    ]);
    // Called before any organization is chosen: no org header, as the hosted clients call it.
    expect(orgHeader(api.requests[0])).toBeNull();
    answer('GET /organizations', RECORDED.organizations.bundled);
    expect(await client().fetchQuery(organizationListQueryOptions())).toEqual([
      {
        id: 'default',
        name: 'Default organization',
        created_at: '2026-11-20T10:00:00.000Z',
        role: 'admin',
      },
    ]);
    answer('GET /organizations', RECORDED.organizations.bundledBefore);
    expect(await client().fetchQuery(organizationListQueryOptions())).toEqual([
      { id: 'default', name: 'Default', created_at: '2026-11-20T10:00:00Z', role: 'writer' },
    ]);
  });

  it('GET /organizations: an answer that is no list is a clear error, not an empty console', async () => {
    answer('GET /organizations', { source: 'a wrong base URL', status: 200, body: { ok: 1 } });
    const error = await failure(client().fetchQuery(organizationListQueryOptions()));
    expect(error.code).toBe('unexpected_answer');
    expect(error.message).toMatch(/not a list of organizations/);
  });

  it('GET /organizations/{id} sends the org header and reads the organization', async () => {
    const api = answer(`GET /organizations/my-org`, RECORDED.organization.hosted);
    expect(await client().fetchQuery(organizationQueryOptions('my-org'))).toEqual({
      id: 'my-org',
      name: 'My Organization',
    });
    expect(api.requests[0]!.headers.get('X-Activeloop-Org-Id')).toBe('my-org');

    const bundled = answer(`GET /organizations/${ORG}`, RECORDED.organization.bundled);
    expect(await client().fetchQuery(organizationQueryOptions(ORG))).toEqual({
      id: ORG,
      name: 'My Organization',
      created_at: '2026-11-20T10:00:00.000Z',
    });
    expect(orgHeader(bundled.requests[0])).toBe(ORG);
  });

  it('POST /organizations sends {id, name} and reads the created organization', async () => {
    const api = answer('POST /organizations', RECORDED.organization.created);
    const create = mutationHook(() => useCreateOrganization());
    let created: unknown;
    await act(async () => {
      created = await create.current.mutateAsync({ id: 'acme', name: 'Acme' });
    });
    expect(created).toEqual({ id: 'acme', name: 'Acme', created_at: '2026-11-21T09:30:00.000Z' });
    const [request] = api.requests;
    expect(request).toMatchObject({ method: 'POST', path: '/organizations' });
    expect(request!.body).toEqual({ id: 'acme', name: 'Acme' });
    // The organization does not exist yet: there is none to name in the header.
    expect(orgHeader(request)).toBeNull();
    expect(getSelectedOrgId()).toBe('acme');
  });

  it('PATCH /organizations/{id} sends {name} with the org header and reads the answer', async () => {
    const api = answer(`PATCH /organizations/${ORG}`, RECORDED.organization.renamed);
    const rename = mutationHook(() => useRenameOrganization());
    let renamed: unknown;
    await act(async () => {
      renamed = await rename.current.mutateAsync({ orgId: ORG, name: 'Renamed' });
    });
    expect(renamed).toEqual({ id: ORG, name: 'Renamed', created_at: '2026-11-20T10:00:00.000Z' });
    expect(api.requests[0]!.body).toEqual({ name: 'Renamed' });
    expect(orgHeader(api.requests[0])).toBe(ORG);
  });

  it('DELETE /organizations/{id} sends the org header and no body; a 204 is done', async () => {
    const api = answer(`DELETE /organizations/${ORG}`, RECORDED.organization.deleted);
    setSelectedOrgId(ORG);
    const remove = mutationHook(() => useDeleteOrganization());
    await act(async () => {
      expect(await remove.current.mutateAsync(ORG)).toBeUndefined();
    });
    expect(api.requests).toHaveLength(1);
    expect(api.requests[0]!.body).toBeUndefined();
    expect(orgHeader(api.requests[0])).toBe(ORG);
    expect(getSelectedOrgId()).toBeNull();
  });
});

describe('members', () => {
  it('GET …/members: access modes become roles, a missing joined_at stays missing', async () => {
    const api = answer(`GET /organizations/${ORG}/members`, RECORDED.members.hosted);
    const members = await client().fetchQuery(memberListQueryOptions(ORG));
    expect(members.map((m) => m.role)).toEqual(['admin', 'writer', 'viewer']);
    expect(members[0]).not.toHaveProperty('joined_at');
    expect(api.requests[0]!.headers.get('X-Activeloop-Org-Id')).toBe(ORG);
  });

  it("GET …/members: the bundled server's roles and dates; a member without a name shows the email", async () => {
    answer(`GET /organizations/${ORG}/members`, RECORDED.members.bundled);
    expect(await client().fetchQuery(memberListQueryOptions(ORG))).toEqual([
      {
        user_id: 'u1',
        email: 'admin@localhost',
        name: 'admin',
        role: 'admin',
        joined_at: '2026-11-20T10:00:00.000Z',
      },
      {
        user_id: 'u2',
        email: 'bob@example.com',
        name: 'bob@example.com',
        role: 'writer',
        joined_at: '2026-11-21T09:00:00.000Z',
      },
    ]);
  });

  it('member mutations send the org header and read the member answer', async () => {
    const member = { user_id: 'u2', name: 'bob', email: 'bob@example.com', role: 'WRITE' };
    const api = mockApi({
      [`POST /organizations/${ORG}/members`]: () => json(201, { member }),
      [`PATCH /organizations/${ORG}/members/u2`]: () =>
        json(200, { member: { ...member, role: 'ADMIN' } }),
      [`DELETE /organizations/${ORG}/members/u2`]: () => json(204),
      [`PATCH /organizations/${ORG}`]: () =>
        json(200, { organization: { id: ORG, name: 'Renamed' } }),
    });
    const invite = mutationHook(() => useInviteMember(ORG));
    const role = mutationHook(() => useChangeMemberRole(ORG));
    const remove = mutationHook(() => useRemoveMember(ORG));
    const rename = mutationHook(() => useRenameOrganization());

    await act(async () => {
      const invited = await invite.current.mutateAsync({
        email: 'bob@example.com',
        role: 'writer',
      });
      expect(invited.member.role).toBe('writer');
      const changed = await role.current.mutateAsync({ userId: 'u2', role: 'admin' });
      expect(changed.member.role).toBe('admin');
      await remove.current.mutateAsync({ ...invited.member });
      expect(await rename.current.mutateAsync({ orgId: ORG, name: 'Renamed' })).toEqual({
        id: ORG,
        name: 'Renamed',
      });
    });
    expect(api.requests.map((r) => r.headers.get('X-Activeloop-Org-Id'))).toEqual([
      ORG,
      ORG,
      ORG,
      ORG,
    ]);
  });

  it('POST …/members sends {email, role} with a writer as "member", and keeps the invite link', async () => {
    const api = answer(`POST /organizations/${ORG}/members`, RECORDED.member.invitedNewPerson);
    const invite = mutationHook(() => useInviteMember(ORG));
    let invited: unknown;
    await act(async () => {
      invited = await invite.current.mutateAsync({ email: 'new@example.com', role: 'writer' });
    });
    // `member` is the name both the bundled server and the hosted REST reference accept.
    expect(api.requests[0]!.body).toEqual({ email: 'new@example.com', role: 'member' });
    expect(orgHeader(api.requests[0])).toBe(ORG);
    expect(invited).toEqual({
      member: {
        user_id: 'u4',
        email: 'new@example.com',
        name: 'new@example.com',
        role: 'writer',
        joined_at: '2026-11-21T09:30:00.000Z',
      },
      invite_link: 'http://localhost:8080/#token=dli_abc',
    });
  });

  it('PATCH …/members/{user_id} sends {role} and reads the changed member', async () => {
    const api = answer(`PATCH /organizations/${ORG}/members/u2`, RECORDED.member.roleChanged);
    const role = mutationHook(() => useChangeMemberRole(ORG));
    let changed: unknown;
    await act(async () => {
      changed = await role.current.mutateAsync({ userId: 'u2', role: 'admin' });
    });
    expect(api.requests[0]).toMatchObject({ method: 'PATCH', body: { role: 'admin' } });
    expect(orgHeader(api.requests[0])).toBe(ORG);
    expect(changed).toEqual({
      member: {
        user_id: 'u2',
        email: 'bob@example.com',
        name: 'bob',
        role: 'admin',
        joined_at: '2026-11-21T09:00:00.000Z',
      },
    });
  });

  it('DELETE …/members/{user_id}: removing someone, and leaving, send no body and the org header', async () => {
    const api = answers({
      [`DELETE /organizations/${ORG}/members/u2`]: RECORDED.member.removed,
      [`DELETE /organizations/${ORG}/members/u1`]: RECORDED.member.removed,
    });
    setSelectedOrgId(ORG);
    const remove = mutationHook(() => useRemoveMember(ORG));
    const leave = mutationHook(() => useLeaveOrganization(ORG));
    const person = {
      user_id: 'u2',
      email: 'bob@example.com',
      name: 'bob',
      role: 'writer' as const,
    };
    await act(async () => {
      expect(await remove.current.mutateAsync(person)).toBeUndefined();
      expect(
        await leave.current.mutateAsync({ ...person, user_id: 'u1', role: 'admin' }),
      ).toBeUndefined();
    });
    expect(api.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      `DELETE /organizations/${ORG}/members/u2`,
      `DELETE /organizations/${ORG}/members/u1`,
    ]);
    expect(api.requests.map((r) => r.body)).toEqual([undefined, undefined]);
    expect(api.requests.map(orgHeader)).toEqual([ORG, ORG]);
    // Leaving forgets the organization chosen.
    expect(getSelectedOrgId()).toBeNull();
  });
});
