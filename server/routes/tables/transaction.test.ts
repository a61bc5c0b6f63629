import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, type TestServer } from '../../test/harness';

let server: TestServer;
let viewerToken: string;
const T = '"default"."edits"';

const transaction = (token: string, statements: unknown) =>
  server.call(token, 'POST', '/api/workspaces/default/tables/query/transaction', {
    body: { statements },
  });

beforeAll(async () => {
  server = await createTestServer();
  viewerToken = (await server.member('tx-viewer@example.com', { role: 'viewer' })).token;
  await server.sql(
    `CREATE TABLE ${T} (id int4 PRIMARY KEY, name text NOT NULL, tags text[], meta jsonb)`,
  );
  await server.sql(`INSERT INTO ${T} VALUES (1, 'one', NULL, NULL), (2, 'two', NULL, NULL)`);
});
afterAll(() => server.close());

const names = async () =>
  (await server.sql(`SELECT id, name FROM ${T} ORDER BY id`)) as [number, string][];

describe('POST …/tables/query/transaction', () => {
  it('runs UPDATE, INSERT and DELETE of different shapes together and counts each', async () => {
    const res = await transaction(server.adminToken, [
      { query: `UPDATE ${T} SET name = $1, tags = $2 WHERE id = $3`, params: ['uno', ['a'], 1] },
      {
        query: `INSERT INTO ${T} (id, name, meta) VALUES ($1, $2, $3)`,
        params: [3, 'three', { x: 1 }],
      },
      { query: `DELETE FROM ${T} WHERE id = $1`, params: [2] },
      { query: `DELETE FROM ${T} WHERE id = $1`, params: [99] },
    ]);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({
      row_count: 3,
      results: [{ row_count: 1 }, { row_count: 1 }, { row_count: 1 }, { row_count: 0 }],
      committed: true,
    });
    expect(await names()).toEqual([
      [1, 'uno'],
      [3, 'three'],
    ]);
    expect(
      await server.sql(`SELECT tags, meta FROM ${T} WHERE id = 1 OR id = 3 ORDER BY id`),
    ).toEqual([
      [['a'], null],
      [null, { x: 1 }],
    ]);
  });

  it('saves nothing when one statement fails, and names it', async () => {
    const before = await names();
    const res = await transaction(server.adminToken, [
      { query: `UPDATE ${T} SET name = $1 WHERE id = $2`, params: ['changed', 1] },
      { query: `DELETE FROM ${T} WHERE id = $1`, params: [3] },
      { query: `UPDATE ${T} SET name = $1 WHERE id = $2`, params: [null, 1] },
    ]);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'sql_error', sqlstate: '23502', batch_index: 2 });
    expect(res.body.error.message).toMatch(/^statements\[2\]: .*null value/);
    expect(await names()).toEqual(before);
  });

  it('rolls back a transaction of deletes only (no size watch) just the same', async () => {
    const before = await names();
    const res = await transaction(server.adminToken, [
      { query: `DELETE FROM ${T} WHERE id = $1`, params: [1] },
      { query: `DELETE FROM ${T} WHERE id = $1::int4`, params: ['not a number'] },
    ]);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ sqlstate: '22P02', batch_index: 1 });
    expect(await names()).toEqual(before);
  });

  it('guards each statement as the query endpoint does', async () => {
    const res = await transaction(server.adminToken, [
      { query: `DELETE FROM ${T} WHERE id = $1`, params: [1] },
      { query: 'COMMIT' },
    ]);
    expect(res.status).toBe(403);
    expect(res.body.error.batch_index).toBe(1);
    const params = await transaction(server.adminToken, [
      { query: `DELETE FROM ${T} WHERE id = $1`, params: [] },
    ]);
    expect(params.status).toBe(400);
    expect(params.body.error.message).toMatch(/^statements\[0\]/);
    const empty = await transaction(server.adminToken, []);
    expect(empty.status).toBe(400);
    expect((await names()).length).toBe(2);
  });

  it('refuses a viewer, whatever the statements', async () => {
    const res = await transaction(viewerToken, [
      { query: `DELETE FROM ${T} WHERE id = $1`, params: [1] },
    ]);
    expect(res.status).toBe(403);
    expect((await names()).length).toBe(2);
  });

  it('names the primary key in the table details', async () => {
    await server.sql('CREATE TABLE "default"."pairs" (a text, b int4, c text, PRIMARY KEY (b, a))');
    await server.sql('CREATE TABLE "default"."loose" (a text)');
    const pairs = await server.call(
      server.adminToken,
      'GET',
      '/api/workspaces/default/tables/pairs',
    );
    expect(pairs.body.primary_key).toEqual(['b', 'a']);
    const loose = await server.call(
      server.adminToken,
      'GET',
      '/api/workspaces/default/tables/loose',
    );
    expect(loose.body.primary_key).toEqual([]);
  });
});
