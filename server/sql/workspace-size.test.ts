import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withClient } from '../db/index';
import { createTestServer, type TestServer } from '../test/harness';
import { encodeForm } from '../test/multipart';
import { databaseBytes } from './workspace-size';

/** A workspace's size limit: what would pass it fails clearly, leaves nothing, and room can be made. */

const MiB = 1024 * 1024;
// A new workspace's database (Deeplake's SQL, PostgreSQL's catalogs) is about 8 MiB.
const LIMIT = 24 * MiB;
let server: TestServer;

const sql = (query: string) =>
  server.call(server.adminToken, 'POST', '/api/workspaces/default/tables/query', {
    body: { query },
  });

async function bytesNow() {
  return databaseBytes(server.db, (await server.workspaceDatabase('default')).name);
}

beforeAll(async () => {
  server = await createTestServer({ sqlLimits: { workspaceBytes: LIMIT } });
  expect((await sql('CREATE TABLE notes (body text)')).status).toBe(200);
  expect((await sql("INSERT INTO notes VALUES ('kept')")).status).toBe(200);
  expect(await bytesNow()).toBeLessThan(LIMIT - 8 * MiB);
});
afterAll(() => server.close());

function expectFull(res: { status: number; body: any }) {
  expect(res.status, JSON.stringify(res.body)).toBe(507);
  expect(res.body.error.code).toBe('workspace_full');
  expect(res.body.error.message).toMatch(
    /^Workspace "default" holds .* at or past its limit of 24\.0 MiB: nothing more was written\. Drop or truncate tables/,
  );
}

describe('a statement that would pass the limit', () => {
  it('is cancelled, and nothing it wrote stays', async () => {
    // About 40 MiB of incompressible text, in one statement.
    const res = await sql(
      `INSERT INTO notes SELECT md5(i::text) || repeat(md5((i * 7)::text), 30)
         FROM generate_series(1, 40000) i`,
    );
    expectFull(res);
    expect((await sql('SELECT count(*) FROM notes')).body.rows).toEqual([[1]]);
  }, 60_000);

  it('as an import: fails, and no table is left', async () => {
    const lines = ['id,body'];
    for (let i = 0; i < 160_000; i++) lines.push(`${i},${i.toString(36).repeat(40).slice(0, 200)}`);
    const { payload, contentType } = await encodeForm([
      ['table_name', 'big'],
      ['file', { content: lines.join('\n'), filename: 'big.csv' }],
    ]);
    const res = await server.call(server.adminToken, 'POST', '/api/workspaces/default/tables', {
      body: payload,
      headers: { 'content-type': contentType },
    });
    expectFull(res);
    const tables = await server.call(server.adminToken, 'GET', '/api/workspaces/default/tables');
    expect(tables.body.tables.map((t: { table_name: string }) => t.table_name)).toEqual(['notes']);
  }, 60_000);
});

describe('a full workspace', () => {
  beforeAll(async () => {
    // Filled past its limit behind the sandbox's back, as a lowered limit would leave it.
    await withClient(await server.workspaceRoleUrl('default'), (client) =>
      client.query(
        `CREATE TABLE "default".ballast AS
           SELECT md5(i::text) || repeat(md5((i * 3)::text), 30) AS body
             FROM generate_series(1, 25000) i`,
      ),
    );
    expect(await bytesNow()).toBeGreaterThan(LIMIT);
  });

  it('refuses what would add to it, at once', async () => {
    expectFull(await sql("INSERT INTO notes VALUES ('one more')"));
    expectFull(await sql('CREATE TABLE more (a int)'));
    expectFull(await sql("UPDATE notes SET body = 'changed'"));
    expect((await sql('SELECT body FROM notes')).body.rows).toEqual([['kept']]);
  });

  it('still reads, and makes room by dropping', async () => {
    expect((await sql('SELECT count(*) FROM ballast')).body.rows).toEqual([[25000]]);
    expect((await sql('DELETE FROM ballast WHERE false')).status).toBe(200);
    expect((await sql('DROP TABLE ballast')).status).toBe(200);
    // What the cancelled INSERT wrote is dead but still on disk until VACUUM.
    expect((await sql('VACUUM notes')).status).toBe(200);
    expect(await bytesNow()).toBeLessThan(LIMIT);
    expect((await sql("INSERT INTO notes VALUES ('room again')")).status).toBe(200);
  });
});
