import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, type TestServer } from '../test/harness';

/**
 * The one check of `/workspaces/:ws…` routes: the workspace must be one the caller can see
 * (else the same 404), a route for writers refuses viewers (403), and both come before what
 * the request sends is validated.
 */
let server: TestServer;
let viewer: { id: string; token: string };
let writer: { id: string; token: string };
let stranger: { id: string; token: string };

const VIEWER_REFUSAL =
  /^You are a viewer in "default": viewers read tables and files but change nothing \(you cannot (.+);/;

beforeAll(async () => {
  server = await createTestServer();
  viewer = await server.user('ws-viewer@example.com');
  writer = await server.user('ws-writer@example.com');
  stranger = await server.user('ws-stranger@example.com');
  for (const [email, role] of [
    ['ws-viewer@example.com', 'viewer'],
    ['ws-writer@example.com', 'writer'],
  ]) {
    const invited = await server.call(
      server.adminToken,
      'POST',
      '/api/organizations/default/members',
      {
        body: { email, role },
      },
    );
    expect(invited.status).toBe(201);
  }
  // The stranger's own organization and workspace.
  expect(
    (
      await server.call(stranger.token, 'POST', '/api/organizations', {
        body: { id: 'elsewhere', name: 'Elsewhere' },
      })
    ).status,
  ).toBe(201);
  expect(
    (
      await server.call(stranger.token, 'POST', '/api/workspaces', {
        org: 'elsewhere',
        body: { id: 'theirs', name: 'Theirs' },
      })
    ).status,
  ).toBe(201);
});
afterAll(() => server.close());

const notFound = (id: string) => ({
  error: { code: 'not_found', message: `Workspace "${id}" not found` },
});

describe('the workspace of a request', () => {
  it('is the workspace itself for those who may see it', async () => {
    for (const token of [server.adminToken, viewer.token, writer.token]) {
      const res = await server.call(token, 'GET', '/api/workspaces/default');
      expect(res.status).toBe(200);
      expect(res.body.workspace).toMatchObject({ id: 'default', org_id: 'default' });
    }
  });

  it("is the same 404 for another organization's workspace as for none, whatever is sent", async () => {
    for (const id of ['theirs', 'nowhere']) {
      for (const [method, path, body] of [
        ['GET', '', undefined],
        ['GET', '/files?limit=0', undefined],
        ['POST', '/tables/query', { query: 42 }],
        ['POST', '/tables/query/batch', { params_batch: 'x' }],
        ['DELETE', `/tables/${'t'.repeat(64)}`, undefined],
        ['GET', '/files/not-a-uuid', undefined],
        ['PATCH', '', { name: '' }],
      ] as const) {
        const res = await server.call(server.adminToken, method, `/api/workspaces/${id}${path}`, {
          ...(body === undefined ? {} : { body }),
        });
        expect(res.status, `${method} ${id}${path}`).toBe(404);
        expect(res.body).toEqual(notFound(id));
      }
    }
  });

  it('is a 404 when the org header names another organization than its own', async () => {
    const res = await server.call(stranger.token, 'GET', '/api/workspaces/theirs', {
      org: 'default',
    });
    expect(res.status).toBe(404);
    expect(res.body).toEqual(notFound('theirs'));
    const own = await server.call(stranger.token, 'GET', '/api/workspaces/theirs', {
      org: 'elsewhere',
    });
    expect(own.status).toBe(200);
  });

  it('answers 400 for an id no workspace can have, in the words it always had', async () => {
    const res = await server.call(server.adminToken, 'GET', '/api/workspaces/1ws/tables');
    expect(res.status).toBe(400);
    expect(res.body.error).toEqual({
      code: 'bad_request',
      message: 'workspace id "1ws" must start with a lower-case letter',
    });
  });
});

describe("a writers' route", () => {
  it("refuses a viewer's write with 403 before looking at what it sends", async () => {
    for (const [method, path, action, body] of [
      ['DELETE', `/tables/${'t'.repeat(64)}`, 'drop tables', undefined],
      ['DELETE', '/files/not-a-uuid', 'delete files', undefined],
      ['POST', '/tables', 'create or import tables', { table_name: 7 }],
    ] as const) {
      const res = await server.call(viewer.token, method, `/api/workspaces/default${path}`, {
        ...(body === undefined ? {} : { body }),
      });
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(res.body.error.code).toBe('forbidden');
      expect(res.body.error.message.match(VIEWER_REFUSAL)?.[1]).toBe(action);
    }
  });

  it('lets a writer through to the checks of what is sent', async () => {
    const missing = await server.call(
      writer.token,
      'DELETE',
      `/api/workspaces/default/tables/${'t'.repeat(64)}`,
    );
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toBe(`No table "${'t'.repeat(64)}"`);
    const file = await server.call(writer.token, 'DELETE', '/api/workspaces/default/files/nope');
    expect(file.status).toBe(404);
    expect(file.body.error.message).toBe('No file "nope"');
  });

  it("refuses a writer an admin's route with 403, whatever the body", async () => {
    const res = await server.call(writer.token, 'PATCH', '/api/workspaces/default', {
      body: { name: '' },
    });
    expect(res.status).toBe(403);
    expect(res.body.error.message).toBe('Only admins of "default" can rename workspaces');
    const admin = await server.call(server.adminToken, 'PATCH', '/api/workspaces/default', {
      body: { name: '' },
    });
    expect(admin.status).toBe(400);
    expect(admin.body.error.message).toMatch(/^name: /);
  });
});

describe('an organization route', () => {
  it('answers a non-member 404 and a member below admin 403, whatever the body', async () => {
    const body = { name: 42 };
    const outside = await server.call(stranger.token, 'PATCH', '/api/organizations/default', {
      body,
    });
    expect(outside.status).toBe(404);
    expect(outside.body.error.message).toBe('Organization "default" not found');
    const member = await server.call(writer.token, 'PATCH', '/api/organizations/default', {
      body,
    });
    expect(member.status).toBe(403);
    expect(member.body.error.message).toBe('Only admins of "default" can rename the organization');
    const admin = await server.call(server.adminToken, 'PATCH', '/api/organizations/default', {
      body,
    });
    expect(admin.status).toBe(400);
    expect(admin.body.error.message).toMatch(/^name: /);
  });

  it("checks membership before a member id, and says which organization it isn't in", async () => {
    const outside = await server.call(
      stranger.token,
      'DELETE',
      '/api/organizations/default/members/nobody',
    );
    expect(outside.status).toBe(404);
    expect(outside.body.error.message).toBe('Organization "default" not found');
    const inside = await server.call(
      viewer.token,
      'DELETE',
      '/api/organizations/default/members/nobody',
    );
    expect(inside.status).toBe(404);
    expect(inside.body.error.message).toBe('No member "nobody" in organization "default"');
  });

  it('answers 400 for an id no organization can have', async () => {
    const res = await server.call(server.adminToken, 'GET', '/api/organizations/Default/members');
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe(
      'organization id "Default" must start with a lower-case letter or a digit',
    );
  });
});
