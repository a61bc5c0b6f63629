import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, type TestServer } from '../test/harness';
import { encodeForm } from '../test/multipart';
import { upload } from './files/test-helpers';

/**
 * What a viewer may do, endpoint by endpoint: read the organization, its members, workspaces,
 * tables and files, and run SQL that only reads. Everything that changes something is a 403
 * that says the viewer role only reads.
 */

let server: TestServer;
let viewer: { id: string; token: string };
let fileId: string;
const VIEWER_REFUSAL =
  /^You are a viewer in "default": viewers read tables and files but change nothing/;

const as = (
  token: string,
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  url: string,
  body?: unknown,
) => server.call(token, method, `/api${url}`, body === undefined ? {} : { body });
const sql = (token: string, query: string, params?: unknown[]) =>
  as(token, 'POST', '/workspaces/default/tables/query', { query, ...(params ? { params } : {}) });

beforeAll(async () => {
  server = await createTestServer();
  const admin = server.adminToken;
  for (const statement of [
    'CREATE TABLE items (id int PRIMARY KEY, name text)',
    "INSERT INTO items VALUES (1, 'one'), (2, 'two')",
    'CREATE SEQUENCE counter',
  ]) {
    expect((await sql(admin, statement)).status, statement).toBe(200);
  }
  const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#c33' } })
    .png()
    .toBuffer();
  const stored = await upload(server, png, 'dot.png', { type: 'image/png' });
  expect(stored.status).toBe(201);
  fileId = stored.body.id;
  viewer = await server.user('viewer@example.com');
  const invited = await as(admin, 'POST', '/organizations/default/members', {
    email: 'viewer@example.com',
    role: 'viewer',
  });
  expect(invited.status).toBe(201);
  expect(invited.body.member.role).toBe('viewer');
});
afterAll(() => server.close());

function expectViewerRefusal(res: { status: number; body: any }) {
  expect(res.status, JSON.stringify(res.body)).toBe(403);
  expect(res.body.error.code).toBe('forbidden');
  expect(res.body.error.message).toMatch(VIEWER_REFUSAL);
}

describe('a viewer', () => {
  it('reads the organization, its members and its workspaces', async () => {
    const orgs = await as(viewer.token, 'GET', '/organizations');
    expect(orgs.body).toEqual([expect.objectContaining({ id: 'default', role: 'viewer' })]);
    expect((await as(viewer.token, 'GET', '/organizations/default')).status).toBe(200);
    const members = await as(viewer.token, 'GET', '/organizations/default/members');
    expect(members.body.members).toContainEqual(
      expect.objectContaining({ email: 'viewer@example.com', role: 'viewer' }),
    );
    expect((await as(viewer.token, 'GET', '/workspaces')).body.data).toEqual([
      expect.objectContaining({ id: 'default' }),
    ]);
    expect((await as(viewer.token, 'GET', '/workspaces/default')).status).toBe(200);
  });

  it('lists, describes and previews tables', async () => {
    const list = await as(viewer.token, 'GET', '/workspaces/default/tables');
    expect(list.status).toBe(200);
    expect(list.body.tables.map((t: { table_name: string }) => t.table_name)).toContain('items');
    const described = await as(viewer.token, 'GET', '/workspaces/default/tables/items');
    expect(described.status).toBe(200);
    expect(described.body.columns.map((c: { name: string }) => c.name)).toEqual(['id', 'name']);
    const rows = await sql(
      viewer.token,
      'SELECT id, name FROM items WHERE id > $1 ORDER BY id',
      [0],
    );
    expect(rows.status).toBe(200);
    expect(rows.body.rows).toEqual([
      [1, 'one'],
      [2, 'two'],
    ]);
  });

  it('runs reading SQL: SELECT, VALUES, SHOW, EXPLAIN, WITH, and array parameters', async () => {
    for (const [query, params] of [
      ['VALUES (1)', undefined],
      ['SHOW TimeZone', undefined],
      ['EXPLAIN SELECT * FROM items', undefined],
      ['WITH x AS (SELECT count(*) FROM items) SELECT * FROM x', undefined],
      ['SELECT * FROM items WHERE id = ANY($1)', [[1, 2]]],
    ] as const) {
      const res = await sql(viewer.token, query, params as unknown[] | undefined);
      expect(res.status, `${query}: ${JSON.stringify(res.body)}`).toBe(200);
    }
  });

  it.each([
    ["INSERT INTO items VALUES (3, 'three')", 'run INSERT'],
    ['UPDATE items SET name = 1', 'run UPDATE'],
    ['DELETE FROM items', 'run DELETE'],
    ['CREATE TABLE other (a int)', 'run CREATE TABLE'],
    ['DROP TABLE items', 'run DROP'],
    ['ALTER TABLE items ADD COLUMN b int', 'run ALTER'],
    ['TRUNCATE items', 'run TRUNCATE'],
    ["COMMENT ON TABLE items IS 'x'", 'run COMMENT'],
    ['VACUUM items', 'run VACUUM'],
    ['SELECT * INTO copied FROM items', 'run SELECT INTO'],
    ['SELECT * FROM items FOR UPDATE', 'run SELECT … FOR UPDATE/SHARE'],
    ['WITH d AS (DELETE FROM items RETURNING *) SELECT * FROM d', 'run WITH … DELETE'],
  ])('is refused %s before PostgreSQL, with a 403 that says why', async (query, action) => {
    const res = await sql(viewer.token, query);
    expectViewerRefusal(res);
    expect(res.body.error.message).toContain(`you cannot ${action}`);
    expect(res.body.error.sqlstate).toBe('25006');
  });

  it("gets PostgreSQL's read-only refusal, as a 403, for a write only PostgreSQL sees", async () => {
    const res = await sql(viewer.token, "SELECT nextval('counter')");
    expect(res.status, JSON.stringify(res.body)).toBe(403);
    expect(res.body.error).toMatchObject({
      code: 'forbidden',
      sqlstate: '25006',
      message: expect.stringContaining('read-only transaction'),
      hint: expect.stringMatching(VIEWER_REFUSAL),
    });
    const setval = await sql(viewer.token, "SELECT setval('counter', 42)");
    expect(setval.status).toBe(403);
    // Nothing changed, and the session it ran on went back to the pool read-write (sessions
    // are lent last in, first out: the next statement runs on the same one).
    const mode = await sql(server.adminToken, 'SHOW default_transaction_read_only');
    expect(mode.body.rows).toEqual([['off']]);
    const admin = await sql(server.adminToken, "SELECT nextval('counter') AS n");
    expect(admin.status, JSON.stringify(admin.body)).toBe(200);
    expect(admin.body.rows).toEqual([[1]]);
    expect((await sql(server.adminToken, "INSERT INTO items VALUES (9, 'nine')")).status).toBe(200);
    expect((await sql(server.adminToken, 'DELETE FROM items WHERE id = 9')).status).toBe(200);
  });

  it('cannot use batch mode', async () => {
    const res = await as(viewer.token, 'POST', '/workspaces/default/tables/query/batch', {
      query: 'SELECT $1::int',
      params_batch: [[1]],
    });
    expectViewerRefusal(res);
  });

  it('cannot create, import or drop tables', async () => {
    expectViewerRefusal(
      await as(viewer.token, 'POST', '/workspaces/default/tables', {
        table_name: 'made',
        table_schema: { a: 'INT64' },
      }),
    );
    const { payload, contentType } = await encodeForm([
      ['table_name', 'imported'],
      ['file', { content: 'a,b\n1,2\n', filename: 'rows.csv', type: 'text/csv' }],
    ]);
    expectViewerRefusal(
      await server.call(viewer.token, 'POST', '/api/workspaces/default/tables', {
        body: payload,
        headers: { 'content-type': contentType },
      }),
    );
    expectViewerRefusal(await as(viewer.token, 'DELETE', '/workspaces/default/tables/items'));
    const tables = await as(server.adminToken, 'GET', '/workspaces/default/tables');
    expect(tables.body.tables.map((t: { table_name: string }) => t.table_name)).toEqual(['items']);
  });

  it('lists and downloads files and thumbnails, but cannot upload or delete', async () => {
    const list = await as(viewer.token, 'GET', '/workspaces/default/files');
    expect(list.status).toBe(200);
    expect(list.body.files.map((f: { id: string }) => f.id)).toEqual([fileId]);
    expect((await as(viewer.token, 'GET', `/workspaces/default/files/${fileId}`)).status).toBe(200);
    for (const query of ['', '?w=64']) {
      const res = await as(
        viewer.token,
        'GET',
        `/workspaces/default/files/${fileId}/content${query}`,
      );
      expect(res.status, query).toBe(200);
    }
    const uploaded = await upload(server, 'hello', 'note.txt', { token: viewer.token });
    expectViewerRefusal(uploaded);
    expect(uploaded.headers.connection).toBe('close');
    expectViewerRefusal(await as(viewer.token, 'DELETE', `/workspaces/default/files/${fileId}`));
    expect((await as(server.adminToken, 'GET', '/workspaces/default/files')).body.total).toBe(1);
  });

  it('cannot create, rename or delete workspaces', async () => {
    expectViewerRefusal(
      await as(viewer.token, 'POST', '/workspaces', { id: 'mine', name: 'Mine' }),
    );
    expectViewerRefusal(
      await as(viewer.token, 'PATCH', '/workspaces/default', { name: 'Renamed' }),
    );
    expectViewerRefusal(await as(viewer.token, 'DELETE', '/workspaces/default'));
  });

  it('cannot take any admin action, but may leave', async () => {
    expectViewerRefusal(await as(viewer.token, 'PATCH', '/organizations/default', { name: 'X' }));
    expectViewerRefusal(await as(viewer.token, 'DELETE', '/organizations/default'));
    expectViewerRefusal(
      await as(viewer.token, 'POST', '/organizations/default/members', {
        email: 'friend@example.com',
        role: 'viewer',
      }),
    );
    expectViewerRefusal(
      await as(viewer.token, 'POST', '/organizations/default/members/invite', {
        username: 'friend@example.com',
        access_mode: 'READ',
      }),
    );
    expectViewerRefusal(
      await as(viewer.token, 'PATCH', `/organizations/default/members/${viewer.id}`, {
        role: 'writer',
      }),
    );
    const members = await as(server.adminToken, 'GET', '/organizations/default/members');
    const admin = members.body.members.find((m: { role: string }) => m.role === 'admin');
    expectViewerRefusal(
      await as(viewer.token, 'DELETE', `/organizations/default/members/${admin.user_id}`),
    );
    expect(
      (await as(viewer.token, 'DELETE', `/organizations/default/members/${viewer.id}`)).status,
    ).toBe(204);
    expect((await as(viewer.token, 'GET', '/workspaces/default')).status).toBe(404);
  });
});

describe('a writer', () => {
  it('keeps what members had: changes tables and files, but no admin action', async () => {
    const writer = await server.user('writer@example.com');
    await as(server.adminToken, 'POST', '/organizations/default/members', {
      email: 'writer@example.com',
      role: 'writer',
    });
    expect((await sql(writer.token, "INSERT INTO items VALUES (5, 'five')")).status).toBe(200);
    expect((await sql(writer.token, "SELECT nextval('counter')")).status).toBe(200);
    const batch = await as(writer.token, 'POST', '/workspaces/default/tables/query/batch', {
      query: 'DELETE FROM items WHERE id = $1',
      params_batch: [[5]],
    });
    expect(batch.status).toBe(200);
    const uploaded = await upload(server, 'hello', 'note.txt', { token: writer.token });
    expect(uploaded.status).toBe(201);
    expect(
      (await as(writer.token, 'DELETE', `/workspaces/default/files/${uploaded.body.id}`)).status,
    ).toBe(204);
    const create = await as(writer.token, 'POST', '/workspaces', { id: 'nope', name: 'Nope' });
    expect(create.status).toBe(403);
    expect(create.body.error.message).toBe('Only admins of "default" can create workspaces');
  });
});
