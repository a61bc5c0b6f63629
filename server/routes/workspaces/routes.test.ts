import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, type TestServer } from '../../test/harness';
import { withClient } from '../../db/index';

let server: TestServer;
beforeAll(async () => {
  server = await createTestServer();
});
afterAll(() => server.close());

describe('workspaces', () => {
  it('lists the default organization’s workspaces when no org header is sent', async () => {
    const res = await server.call(server.adminToken, 'GET', '/api/workspaces');
    expect(res.status).toBe(200);
    // `{data: [...]}`, as the hosted service answers.
    expect(res.body).toEqual({
      data: [
        {
          id: 'default',
          org_id: 'default',
          name: 'Default workspace',
          type: 'deeplake',
          created_at: expect.any(String),
        },
      ],
    });
  });

  it('takes Content-Type: application/json with no body on GET and DELETE', async () => {
    const json = { 'content-type': 'application/json' };
    await server.call(server.adminToken, 'POST', '/api/workspaces', {
      body: { id: 'empty-body', name: 'Empty body' },
    });
    const list = await server.call(server.adminToken, 'GET', '/api/workspaces', { headers: json });
    expect(list.status).toBe(200);
    expect(list.body.data.map((w: { id: string }) => w.id)).toContain('empty-body');
    const deleted = await server.call(server.adminToken, 'DELETE', '/api/workspaces/empty-body', {
      body: '',
      headers: json,
    });
    expect(deleted.status).toBe(204);
    const create = await server.call(server.adminToken, 'POST', '/api/workspaces', {
      body: '',
      headers: json,
    });
    expect(create.status).toBe(400);
    expect(create.body.error.message).toBe('request body is required (JSON)');
  });

  it('creates a workspace in the org the header picks, with its own schema', async () => {
    const ana = await server.user('ana@example.com');
    await server.call(ana.token, 'POST', '/api/organizations', {
      body: { id: 'lab', name: 'Lab' },
    });
    const res = await server.call(ana.token, 'POST', '/api/workspaces', {
      org: 'lab',
      body: { id: 'experiments', name: 'Experiments' },
    });
    expect(res.status).toBe(201);
    expect(res.body.workspace).toMatchObject({
      id: 'experiments',
      org_id: 'lab',
      name: 'Experiments',
    });
    // Its schema is in a database of its own, named without its id; none in the console's.
    const database = await server.workspaceDatabase('experiments');
    expect(database.name).not.toMatch(/experiments/);
    const schema = await withClient(database.url, (client) =>
      client.query(`SELECT 1 FROM pg_namespace WHERE nspname = 'experiments'`),
    );
    expect(schema).toHaveLength(1);
    expect(
      await server.db.query(`SELECT 1 FROM pg_namespace WHERE nspname = 'experiments'`),
    ).toHaveLength(0);

    const list = await server.call(ana.token, 'GET', '/api/workspaces', { org: 'lab' });
    expect(list.body.data.map((w: { id: string }) => w.id)).toEqual(['experiments']);
    // Without the header: the caller's first organization, which is "lab" for ana.
    const byDefault = await server.call(ana.token, 'GET', '/api/workspaces');
    expect(byDefault.body.data.map((w: { id: string }) => w.id)).toEqual(['experiments']);
  });

  it('refuses a taken id with 409 and a bad id with 400', async () => {
    const taken = await server.call(server.adminToken, 'POST', '/api/workspaces', {
      body: { id: 'default', name: 'Again' },
    });
    expect(taken.status).toBe(409);
    const reserved = await server.call(server.adminToken, 'POST', '/api/workspaces', {
      body: { id: 'information_schema', name: 'x' },
    });
    expect(reserved.status).toBe(400);
    expect(reserved.body.error.message).toContain('reserved');
    const nothingMade = await server.db.query(
      `SELECT 1 FROM deeplake_console.workspaces WHERE id IN ('information_schema')`,
    );
    expect(nothingMade).toHaveLength(0);
  });

  it('lets members use but not create, rename or delete workspaces', async () => {
    const admin = await server.user('ws-admin@example.com');
    const member = await server.user('ws-member@example.com');
    await server.call(admin.token, 'POST', '/api/organizations', {
      body: { id: 'shop', name: 'Shop' },
    });
    await server.call(admin.token, 'POST', '/api/organizations/shop/members', {
      body: { email: 'ws-member@example.com', role: 'member' },
    });
    await server.call(admin.token, 'POST', '/api/workspaces', {
      org: 'shop',
      body: { id: 'sales', name: 'Sales' },
    });

    expect(
      (await server.call(member.token, 'GET', '/api/workspaces', { org: 'shop' })).status,
    ).toBe(200);
    expect((await server.call(member.token, 'GET', '/api/workspaces/sales')).status).toBe(200);
    const create = await server.call(member.token, 'POST', '/api/workspaces', {
      org: 'shop',
      body: { id: 'mine', name: 'Mine' },
    });
    expect(create.status).toBe(403);
    const rename = await server.call(member.token, 'PATCH', '/api/workspaces/sales', {
      body: { name: 'X' },
    });
    expect(rename.status).toBe(403);
    expect((await server.call(member.token, 'DELETE', '/api/workspaces/sales')).status).toBe(403);

    const renamed = await server.call(admin.token, 'PATCH', '/api/workspaces/sales', {
      body: { name: 'Sales EU' },
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body.workspace.name).toBe('Sales EU');
  });

  it('hides workspaces from non-members and from the wrong org header (404)', async () => {
    const outsider = await server.user('ws-outsider@example.com');
    expect((await server.call(outsider.token, 'GET', '/api/workspaces/default')).status).toBe(404);
    expect(
      (await server.call(outsider.token, 'GET', '/api/workspaces', { org: 'default' })).status,
    ).toBe(404);
    expect(
      (await server.call(outsider.token, 'DELETE', '/api/workspaces/default', { org: 'default' }))
        .status,
    ).toBe(404);
    // A member of "lab" asking for a "default" workspace through the lab header.
    const wrongHeader = await server.call(server.adminToken, 'GET', '/api/workspaces/default', {
      org: 'lab',
    });
    expect(wrongHeader.status).toBe(404);
  });

  it('deletes a workspace with its tables', async () => {
    await server.call(server.adminToken, 'POST', '/api/workspaces', {
      body: { id: 'scratch', name: 'Scratch' },
    });
    const database = await server.workspaceDatabase('scratch');
    await withClient(database.url, (client) => client.query('CREATE TABLE scratch.items (id int)'));
    const res = await server.call(server.adminToken, 'DELETE', '/api/workspaces/scratch');
    expect(res.status).toBe(204);
    expect((await server.call(server.adminToken, 'GET', '/api/workspaces/scratch')).status).toBe(
      404,
    );
    // Its database and role are gone, and nothing is left queued.
    expect(
      await server.db.query('SELECT 1 FROM pg_database WHERE datname = $1', [database.name]),
    ).toHaveLength(0);
    expect(
      await server.db.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [database.name]),
    ).toHaveLength(0);
    expect(
      await server.db.query('SELECT 1 FROM deeplake_console.workspace_storage_drops'),
    ).toHaveLength(0);
  });

  it('tells a user in no organization what to do', async () => {
    const lonely = await server.user('lonely@example.com');
    const res = await server.call(lonely.token, 'GET', '/api/workspaces');
    expect(res.status).toBe(404);
    expect(res.body.error.message).toMatch(/no organization/);
  });
});
