import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, type TestServer } from '../../test/harness';

let server: TestServer;
beforeAll(async () => {
  server = await createTestServer();
});
afterAll(() => server.close());

describe('organizations', () => {
  it('lists the caller’s organizations with their role', async () => {
    const res = await server.call(server.adminToken, 'GET', '/api/organizations');
    expect(res.status).toBe(200);
    expect(res.body.organizations).toEqual([
      expect.objectContaining({ id: 'default', name: 'Default organization', role: 'admin' }),
    ]);
    expect(new Date(res.body.organizations[0].created_at).toString()).not.toBe('Invalid Date');
  });

  it('creates an organization whose creator is its admin', async () => {
    const alice = await server.user('alice@example.com');
    const res = await server.call(alice.token, 'POST', '/api/organizations', {
      body: { id: 'acme', name: 'Acme' },
    });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      organization: { id: 'acme', name: 'Acme', created_at: expect.any(String) },
    });
    const mine = await server.call(alice.token, 'GET', '/api/organizations');
    expect(mine.body.organizations).toEqual([
      expect.objectContaining({ id: 'acme', role: 'admin' }),
    ]);
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
    [{ id: 'Acme', name: 'x' }, 'id: must start with a lower-case letter'],
    [{ id: '1acme', name: 'x' }, 'id: must start with a lower-case letter'],
    [{ id: 'ac me', name: 'x' }, 'id: may only contain'],
    [{ id: 'a'.repeat(64), name: 'x' }, 'id: must be at most 63 bytes'],
    [{ id: 'pg_catalog', name: 'x' }, 'id: must not start with "pg_"'],
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

  it('deletes an organization with its workspaces and their schemas', async () => {
    const owner = await server.user('deleter@example.com');
    await server.call(owner.token, 'POST', '/api/organizations', {
      body: { id: 'doomed', name: 'Doomed' },
    });
    const ws = await server.call(owner.token, 'POST', '/api/workspaces', {
      org: 'doomed',
      body: { id: 'doomed-ws', name: 'Doomed WS' },
    });
    expect(ws.status).toBe(201);
    await server.db.query('CREATE TABLE "doomed-ws".t (x int)');

    const res = await server.call(owner.token, 'DELETE', '/api/organizations/doomed');
    expect(res.status).toBe(204);
    expect((await server.call(owner.token, 'GET', '/api/organizations/doomed')).status).toBe(404);
    const schemas = await server.db.query(`SELECT 1 FROM pg_namespace WHERE nspname = 'doomed-ws'`);
    expect(schemas).toHaveLength(0);
  });

  it('answers 400 for an unsafe id in the path', async () => {
    const res = await server.call(server.adminToken, 'GET', '/api/organizations/Bad%20Id');
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/organization id "Bad Id" must start/);
  });
});
