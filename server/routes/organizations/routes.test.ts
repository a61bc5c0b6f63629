import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withClient } from '../../db/index';
import { createTestServer, type TestServer } from '../../test/harness';

let server: TestServer;
beforeAll(async () => {
  server = await createTestServer();
});
afterAll(() => server.close());

describe('organizations', () => {
  it('lists the caller’s organizations as a bare array, with the creator and their role', async () => {
    const res = await server.call(server.adminToken, 'GET', '/api/organizations');
    const me = await server.call(server.adminToken, 'GET', '/api/me');
    expect(res.status).toBe(200);
    // The hosted service's shape, with `role` as our extra; its clients read `[0].id`.
    expect(res.body).toEqual([
      {
        id: 'default',
        name: 'Default organization',
        creator: me.body.id,
        created_at: expect.any(String),
        role: 'admin',
      },
    ]);
    expect(new Date(res.body[0].created_at).toString()).not.toBe('Invalid Date');
  });

  it('creates an organization whose creator is its admin', async () => {
    const alice = await server.user('alice@example.com');
    const res = await server.call(alice.token, 'POST', '/api/organizations', {
      body: { id: 'acme', name: 'Acme' },
    });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      organization: { id: 'acme', name: 'Acme', creator: alice.id, created_at: expect.any(String) },
    });
    const mine = await server.call(alice.token, 'GET', '/api/organizations');
    expect(mine.body).toEqual([
      expect.objectContaining({ id: 'acme', creator: alice.id, role: 'admin' }),
    ]);
    const one = await server.call(alice.token, 'GET', '/api/organizations/acme');
    expect(one.body).toEqual(res.body);
    const me = await server.call(alice.token, 'GET', '/api/me');
    expect(me.body.organizations).toEqual(['acme']);
  });

  it('refuses an id that exists with 409', async () => {
    const res = await server.call(server.adminToken, 'POST', '/api/organizations', {
      body: { id: 'default', name: 'Again' },
    });
    expect(res.status).toBe(409);
    expect(res.body.error).toEqual({
      code: 'conflict',
      message: expect.stringContaining('default'),
    });
  });

  it.each([
    [{ id: 'Acme', name: 'x' }, 'id: must start with a lower-case letter or a digit'],
    [{ id: '-acme', name: 'x' }, 'id: must start with a lower-case letter or a digit'],
    [{ id: 'ac me', name: 'x' }, 'id: may only contain'],
    [{ id: 'a";drop', name: 'x' }, 'id: may only contain'],
    [{ id: 'a'.repeat(64), name: 'x' }, 'id: must be at most 63 bytes'],
    [{ id: 'ok', name: '' }, 'name: is required'],
    [{ id: 'ok' }, 'name: is required'],
    [{ id: 'ok', name: 7 }, 'name: must be a string'],
    [{ name: 'x' }, 'id: is required'],
  ])('refuses %j with a 400 that says which rule failed', async (body, message) => {
    const res = await server.call(server.adminToken, 'POST', '/api/organizations', { body });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('bad_request');
    expect(res.body.error.message).toContain(message);
  });

  it('renames and deletes for admins only; members get 403, strangers 404', async () => {
    const owner = await server.user('owner@example.com');
    const member = await server.user('member@example.com');
    const stranger = await server.user('stranger@example.com');
    await server.call(owner.token, 'POST', '/api/organizations', {
      body: { id: 'rules', name: 'Rules' },
    });
    await server.call(owner.token, 'POST', '/api/organizations/rules/members', {
      body: { email: 'member@example.com', role: 'member' },
    });

    expect((await server.call(member.token, 'GET', '/api/organizations/rules')).status).toBe(200);
    const rename = { body: { name: 'Renamed' } };
    expect(
      (await server.call(member.token, 'PATCH', '/api/organizations/rules', rename)).status,
    ).toBe(403);
    expect((await server.call(member.token, 'DELETE', '/api/organizations/rules')).status).toBe(
      403,
    );
    for (const method of ['GET', 'PATCH', 'DELETE'] as const) {
      const res = await server.call(stranger.token, method, '/api/organizations/rules', rename);
      expect(res.status).toBe(404);
    }

    const renamed = await server.call(owner.token, 'PATCH', '/api/organizations/rules', rename);
    expect(renamed.status).toBe(200);
    expect(renamed.body.organization).toMatchObject({ id: 'rules', name: 'Renamed' });
  });

  it('deletes an organization with its workspaces and their databases', async () => {
    const owner = await server.user('deleter@example.com');
    await server.call(owner.token, 'POST', '/api/organizations', {
      body: { id: 'doomed', name: 'Doomed' },
    });
    const ws = await server.call(owner.token, 'POST', '/api/workspaces', {
      org: 'doomed',
      body: { id: 'doomed-ws', name: 'Doomed WS' },
    });
    expect(ws.status).toBe(201);
    const database = await server.workspaceDatabase('doomed-ws');
    await withClient(database.url, (client) => client.query('CREATE TABLE "doomed-ws".t (x int)'));

    const res = await server.call(owner.token, 'DELETE', '/api/organizations/doomed');
    expect(res.status).toBe(204);
    expect((await server.call(owner.token, 'GET', '/api/organizations/doomed')).status).toBe(404);
    expect(
      await server.db.query('SELECT 1 FROM pg_database WHERE datname = $1', [database.name]),
    ).toHaveLength(0);
    expect(
      await server.db.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [database.name]),
    ).toHaveLength(0);
  });

  it('answers 400 for an unsafe id in the path', async () => {
    const res = await server.call(server.adminToken, 'GET', '/api/organizations/Bad%20Id');
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/organization id "Bad Id" must start/);
  });

  it('takes Content-Type: application/json with no body on GET and DELETE, as hosted clients send', async () => {
    const json = { 'content-type': 'application/json' };
    const list = await server.call(server.adminToken, 'GET', '/api/organizations', {
      headers: json,
    });
    expect(list.status).toBe(200);
    expect(list.body.map((org: { id: string }) => org.id)).toContain('default');

    const owner = await server.user('empty-body@example.com');
    await server.call(owner.token, 'POST', '/api/organizations', {
      body: { id: 'empty-body', name: 'Empty body' },
    });
    const one = await server.call(owner.token, 'GET', '/api/organizations/empty-body', {
      body: '',
      headers: json,
    });
    expect(one.status).toBe(200);
    // Whitespace alone is no body either.
    const deleted = await server.call(owner.token, 'DELETE', '/api/organizations/empty-body', {
      body: ' \r\n\t ',
      headers: json,
    });
    expect(deleted.status).toBe(204);
  });

  it('answers its own 400 when a route that needs a body gets an empty JSON one', async () => {
    for (const [method, url] of [
      ['POST', '/api/organizations'],
      ['PATCH', '/api/organizations/default'],
    ] as const) {
      const res = await server.call(server.adminToken, method, url, {
        body: ' ',
        headers: { 'content-type': 'application/json' },
      });
      expect(res.status, url).toBe(400);
      expect(res.body.error).toEqual({
        code: 'bad_request',
        message: 'request body is required (JSON)',
      });
    }
  });
});

describe('an organization with a UUID id, as the hosted service gives', () => {
  const orgId = '3f2b8c1e-9a4d-4e6f-8b7a-1c2d3e4f5a6b';

  it('is created, listed, sent in the org header and holds workspaces that run SQL', async () => {
    const owner = await server.user('uuid-owner@example.com');
    const created = await server.call(owner.token, 'POST', '/api/organizations', {
      body: { id: orgId, name: 'UUID org' },
    });
    expect(created.status).toBe(201);
    expect(created.body.organization).toMatchObject({ id: orgId, creator: owner.id });

    expect((await server.call(owner.token, 'GET', '/api/organizations')).body).toEqual([
      expect.objectContaining({ id: orgId, role: 'admin' }),
    ]);
    expect((await server.call(owner.token, 'GET', '/api/me')).body.organizations).toEqual([orgId]);
    expect((await server.call(owner.token, 'GET', `/api/organizations/${orgId}`)).status).toBe(200);

    // The org header picks it; workspace ids keep their own rule (they become schema names).
    const ws = await server.call(owner.token, 'POST', '/api/workspaces', {
      org: orgId,
      body: { id: 'uuid-org-ws', name: 'In a UUID org' },
    });
    expect(ws.status).toBe(201);
    expect(ws.body.workspace).toMatchObject({ id: 'uuid-org-ws', org_id: orgId });
    const list = await server.call(owner.token, 'GET', '/api/workspaces', { org: orgId });
    expect(list.status).toBe(200);
    expect(list.body.data.map((w: { id: string }) => w.id)).toEqual(['uuid-org-ws']);
    const badWorkspace = await server.call(owner.token, 'POST', '/api/workspaces', {
      org: orgId,
      body: { id: '1ws', name: 'x' },
    });
    expect(badWorkspace.status).toBe(400);
    expect(badWorkspace.body.error.message).toContain('id: must start with a lower-case letter');

    const sql = (query: string) =>
      server.call(owner.token, 'POST', '/api/workspaces/uuid-org-ws/tables/query', {
        org: orgId,
        body: { query },
      });
    expect((await sql('CREATE TABLE notes (id int, body text)')).status).toBe(200);
    expect((await sql(`INSERT INTO notes VALUES (1, 'hello')`)).status).toBe(200);
    const read = await sql('SELECT id, body FROM notes');
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ columns: ['id', 'body'], rows: [[1, 'hello']] });
  });

  it('has members, who are invited and removed through its id', async () => {
    const owner = await server.user('uuid-owner@example.com');
    const invited = await server.call(owner.token, 'POST', `/api/organizations/${orgId}/members`, {
      body: { email: 'uuid-member@example.com', role: 'member' },
    });
    expect(invited.status).toBe(201);
    const member = await server.user('uuid-member@example.com');
    expect(
      (await server.call(member.token, 'GET', '/api/workspaces', { org: orgId })).body.data,
    ).toEqual([expect.objectContaining({ id: 'uuid-org-ws' })]);
    const removed = await server.call(
      owner.token,
      'DELETE',
      `/api/organizations/${orgId}/members/${member.id}`,
    );
    expect(removed.status).toBe(204);
  });

  it('is deleted with its workspace', async () => {
    const owner = await server.user('uuid-owner@example.com');
    const res = await server.call(owner.token, 'DELETE', `/api/organizations/${orgId}`);
    expect(res.status).toBe(204);
    expect(
      await server.db.query(`SELECT 1 FROM pg_namespace WHERE nspname = 'uuid-org-ws'`),
    ).toHaveLength(0);
    expect((await server.call(owner.token, 'GET', '/api/organizations')).body).toEqual([]);
  });
});
