import { QueryClientProvider } from '@tanstack/react-query';
import { act, renderHook } from '@testing-library/react';
import { createElement, type ReactNode } from 'react';
import { beforeEach, describe, expect, it } from 'vitest';
import { meQueryOptions } from '../features/auth/api/me-query';
import { useInviteMember } from '../features/members/api/member-invite-mutation';
import { useRemoveMember } from '../features/members/api/member-remove-mutation';
import { useChangeMemberRole } from '../features/members/api/member-role-mutation';
import { memberListQueryOptions } from '../features/members/api/members-query';
import { useRenameOrganization } from '../features/organizations/api/organization-rename-mutation';
import { organizationQueryOptions } from '../features/organizations/api/organization-query';
import { organizationListQueryOptions } from '../features/organizations/api/organizations-query';
import { runQuery } from '../features/tables/api/run-query';
import { workspaceListQueryOptions } from '../features/workspaces/api/workspaces-query';
import { apiRequest, isApiError, type ApiError } from '../lib/api-client';
import { signIn } from '../lib/session';
import { json, mockApi } from './fetch-mock';
import { RECORDED, respond, type Recorded } from './recorded-answers';
import { createTestQueryClient } from './render';

/**
 * The console's API layer against answers in every shape the public sources show for the
 * hosted Deeplake API, and the bundled server's (recorded-answers.ts): each query and mutation
 * reads each shape into the one the screens use, and sends what the hosted clients send.
 */

const ORG = '0c7e4d2a-5f1b-4c3e-9a8d-1b2c3d4e5f60';

function answer(route: string, recorded: Recorded) {
  return mockApi({ [route]: () => respond(recorded) });
}

/** Runs a query's function as React Query would, on a fresh cache. */
const client = () => createTestQueryClient();

async function failure(request: Promise<unknown>): Promise<ApiError> {
  try {
    await request;
  } catch (error) {
    if (isApiError(error)) return error;
    throw error;
  }
  throw new Error('expected the request to fail');
}

function mutationHook<T>(hook: () => T) {
  const queryClient = createTestQueryClient();
  const wrapper = ({ children }: { children: ReactNode }) =>
    createElement(QueryClientProvider, { client: queryClient }, children);
  return renderHook(hook, { wrapper }).result;
}

beforeEach(() => signIn('token'));

describe('the API layer reads every recorded shape', () => {
  it('GET /me: epoch seconds and ISO text both become a date', async () => {
    answer('GET /me', RECORDED.me.hosted);
    expect(await client().fetchQuery(meQueryOptions())).toEqual({
      id: 'user-abc123',
      email: 'jane@example.com',
      name: 'jane.doe',
      display_name: 'Jane Doe',
      organizations: ['org-uuid-1', 'org-uuid-2'],
      date_joined: '2024-06-01T00:00:00.000Z',
    });
    answer('GET /me', RECORDED.me.bundledBefore);
    expect(await client().fetchQuery(meQueryOptions())).toMatchObject({
      date_joined: '2026-11-20T10:00:00.000Z',
    });
  });

  it('GET /organizations: a bare array without role, with role, and the older envelope', async () => {
    answer('GET /organizations', RECORDED.organizations.hosted);
    expect(await client().fetchQuery(organizationListQueryOptions())).toEqual([
      { id: ORG, name: 'My Organization', created_at: '2025-06-01T12:00:00Z' },
    ]);
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
  });

  it('GET …/members: access modes become roles, a missing joined_at stays missing', async () => {
    const api = answer(`GET /organizations/${ORG}/members`, RECORDED.members.hosted);
    const members = await client().fetchQuery(memberListQueryOptions(ORG));
    expect(members.map((m) => m.role)).toEqual(['admin', 'writer', 'viewer']);
    expect(members[0]).not.toHaveProperty('joined_at');
    expect(api.requests[0]!.headers.get('X-Activeloop-Org-Id')).toBe(ORG);
  });

  it('GET /workspaces: {data} with a nameless workspace, and the older envelope', async () => {
    answer('GET /workspaces', RECORDED.workspaces.hosted);
    expect(await client().fetchQuery(workspaceListQueryOptions(ORG))).toEqual([
      { id: 'default', name: 'Default' },
      { id: 'scratch', name: 'scratch' },
    ]);
    answer('GET /workspaces', RECORDED.workspaces.bundledBefore);
    expect(await client().fetchQuery(workspaceListQueryOptions(ORG))).toEqual([
      {
        id: 'default',
        org_id: 'default',
        name: 'Default',
        type: 'deeplake',
        created_at: '2026-11-20T10:00:00Z',
      },
    ]);
  });

  it('POST …/tables/query: rows null, rows missing and a bare row_count are no rows', async () => {
    answer('POST /workspaces/default/tables/query', RECORDED.query.rowsNull);
    expect(await runQuery(ORG, 'default', 'SELECT 1', [])).toEqual({
      columns: ['id'],
      rows: [],
      row_count: 0,
    });
    answer('POST /workspaces/default/tables/query', RECORDED.query.noRows);
    expect(await runQuery(ORG, 'default', 'DELETE FROM t', [])).toEqual({
      columns: [],
      rows: [],
      row_count: 3,
    });
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
});

describe('errors in every shape keep their own message', () => {
  const fail = (recorded: Recorded) => {
    mockApi({ 'GET /anything': () => respond(recorded) });
    return failure(apiRequest('/anything', { retry: false }));
  };

  it('402: the account is out of credit, and what the service said', async () => {
    const error = await fail(RECORDED.errors.insufficientBalance);
    expect(error).toMatchObject({ status: 402, code: 'payment_required' });
    expect(error.message).toBe(
      'The Deeplake account is out of credit: top up its balance to go on. The service said: “insufficient balance, please top up”.',
    );
  });

  it('{"error": "text"}, {"detail": […]}, {"message": …} and plain text', async () => {
    expect((await fail(RECORDED.errors.tableMissing)).message).toBe(
      'Table does not exist: relation "skills" does not exist (HTTP 400)',
    );
    expect((await fail(RECORDED.errors.detail)).message).toBe(
      'body.name: field required (HTTP 422)',
    );
    expect((await fail(RECORDED.errors.message)).message).toBe('Internal server error (HTTP 500)');
    expect((await fail(RECORDED.errors.plainText)).message).toBe(
      'upstream connect error (HTTP 500)',
    );
  });

  it('an HTML page from a proxy: its title, and that it is not the API answering', async () => {
    const error = await fail(RECORDED.errors.proxyPage);
    expect(error).toMatchObject({ status: 403, code: 'forbidden' });
    expect(error.message).toMatch(
      /^.*\(HTTP 403\): the answer was a web page \(“403 Forbidden”\), not the API's\. A proxy or gateway may be in the way\.$/,
    );
  });
});
