import http from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, type TestServer } from '../test/harness';

/**
 * The adversarial suite: a workspace's SQL tries every known way out of its sandbox. Each
 * attempt must fail, and afterwards the other workspace's data is intact and the server answers.
 */

let server: TestServer;
const sqlIn =
  (workspace: string) =>
  (query: string, params?: unknown[]): Promise<{ status: number; body: any }> =>
    server.call(server.adminToken, 'POST', `/api/workspaces/${workspace}/tables/query`, {
      body: params ? { query, params } : { query },
    });
const attacker = sqlIn('default');
const victim = sqlIn('victim');

beforeAll(async () => {
  server = await createTestServer({ sqlLimits: { deadlineMs: 2_000 } });
  const created = await server.call(server.adminToken, 'POST', '/api/workspaces', {
    body: { id: 'victim', name: 'Victim' },
  });
  expect(created.status).toBe(201);
  await victim('CREATE TABLE secrets (id int PRIMARY KEY, secret text)');
  await victim("INSERT INTO secrets VALUES (1, 'the crown jewels')");
});
afterAll(() => server.close());

async function expectRefused(query: string, status: number, pattern?: RegExp) {
  const res = await attacker(query);
  expect(res.status, `${query} → ${JSON.stringify(res.body)}`).toBe(status);
  if (pattern) expect(res.body.error.message).toMatch(pattern);
  return res.body.error;
}

describe('another workspace is out of reach', () => {
  // Each workspace has a database of its own: another's tables, and the console's, are not
  // refused but absent, whatever the statement.
  it.each([
    'SELECT * FROM "victim"."secrets"',
    `INSERT INTO "victim"."secrets" VALUES (2, 'planted')`,
    'UPDATE victim.secrets SET secret = NULL',
    'DELETE FROM victim.secrets',
    'DROP TABLE victim.secrets',
    'ALTER TABLE victim.secrets ADD COLUMN x int',
    'CREATE TABLE victim.planted (a int)',
    'SELECT * FROM deeplake_console.tokens',
    'SELECT * FROM deeplake_console.workspace_roles',
  ])('%s: it is not there', async (query) => {
    const res = await attacker(query);
    expect(res.status, JSON.stringify(res.body)).toBe(400);
    expect(res.body.error.code).toBe('sql_error');
    // 42P01: no such table; 3F000: no such schema.
    expect(['42P01', '3F000']).toContain(res.body.error.sqlstate);
    expect(res.body.error.message).toMatch(/does not exist/);
  });

  it('leaves the other workspace’s data as it was', async () => {
    expect((await victim('SELECT id, secret FROM secrets')).body.rows).toEqual([
      [1, 'the crown jewels'],
    ]);
  });

  it('cannot open up its own tables to others', async () => {
    await attacker('CREATE TABLE mine (a int)');
    await expectRefused('GRANT SELECT ON mine TO PUBLIC', 403, /GRANT/);
    await expectRefused('GRANT USAGE ON SCHEMA "default" TO PUBLIC', 403, /GRANT/);
    await expectRefused('ALTER TABLE mine OWNER TO postgres', 403, /OWNER TO/);
  });
});

describe('role and session changes are refused', () => {
  it.each([
    ['SET ROLE postgres', /SET ROLE/],
    ['RESET ROLE', /RESET ROLE/],
    ['SET SESSION AUTHORIZATION postgres', /SESSION AUTHORIZATION/],
    ["SELECT set_config('role', 'postgres', false)", /set_config\(\)/],
    ["DO $$ BEGIN EXECUTE 'SET ROLE postgres'; END $$", /DO/],
    [
      'CREATE FUNCTION escalate() RETURNS void SECURITY DEFINER LANGUAGE sql AS $$ SELECT 1 $$',
      /CREATE FUNCTION/,
    ],
    ['CREATE ROLE intruder SUPERUSER', /CREATE ROLE/],
    ['ALTER ROLE CURRENT_USER SET search_path = victim', /ALTER ROLE/],
    ['BEGIN', /BEGIN/],
    ['COMMIT', /COMMIT/],
  ])('%s', async (query, pattern) => {
    await expectRefused(query, 403, pattern);
  });
});

describe('the server’s files and programs are out of reach', () => {
  it.each([
    ["SELECT pg_read_file('/etc/passwd')", /pg_read_file/],
    ["SELECT lo_import('/etc/passwd')", /lo_import/],
    ["COPY (SELECT 1) TO PROGRAM 'id'", /COPY/],
    ["COPY mine FROM '/etc/passwd'", /COPY/],
    ['CREATE EXTENSION dblink', /CREATE EXTENSION/],
    ["ALTER SYSTEM SET work_mem = '1GB'", /ALTER SYSTEM/],
    ["LOAD 'plpgsql'", /LOAD/],
    ["SELECT * FROM query_to_xml('SET ROLE postgres', true, true, '')", /query_to_xml/],
  ])('%s', async (query, pattern) => {
    await expectRefused(query, 403, pattern);
  });

  it('runs one statement per request', async () => {
    const error = await expectRefused(
      'SELECT 1; SELECT * FROM victim.secrets',
      403,
      /one statement per request/,
    );
    expect(error.position).toBe(11);
  });
});

describe('the role layer holds on its own, without the statement check', () => {
  // Straight to Postgres as the workspace's role: what the guard would have refused.
  let client: pg.Client;
  beforeAll(async () => {
    client = new pg.Client({ connectionString: await server.workspaceRoleUrl('default') });
    await client.connect();
  });
  afterAll(() => client.end());

  it.each([
    'SET ROLE postgres',
    'SET SESSION AUTHORIZATION postgres',
    "SELECT set_config('role', 'postgres', false)",
    "DO $$ BEGIN EXECUTE 'SET ROLE postgres'; END $$",
    "SELECT pg_read_file('/etc/passwd')",
    "SELECT lo_import('/etc/passwd')",
    "COPY (SELECT 1) TO PROGRAM 'id'",
    'CREATE EXTENSION dblink',
    "ALTER SYSTEM SET work_mem = '1GB'",
    'CREATE ROLE intruder',
    'CREATE SCHEMA elsewhere',
    'DROP SCHEMA "default" CASCADE',
  ])('%s', async (query) => {
    await expect(client.query(query)).rejects.toThrow(/permission denied|must be|not allowed/);
  });

  it.each([
    'SELECT * FROM victim.secrets',
    'SELECT * FROM deeplake_console.tokens',
    'GRANT USAGE ON SCHEMA victim TO PUBLIC',
  ])('%s: not in its database', async (query) => {
    await expect(client.query(query)).rejects.toThrow(/does not exist/);
  });

  it('a function that changes role cannot gain anything', async () => {
    await client.query(
      `CREATE FUNCTION "default".sneak() RETURNS text SECURITY DEFINER LANGUAGE plpgsql AS
       $$ BEGIN EXECUTE 'SET ROLE postgres'; RETURN current_user; END $$`,
    );
    await expect(client.query('SELECT "default".sneak()')).rejects.toThrow(
      /permission denied|cannot set parameter "role"/,
    );
    await client.query('DROP FUNCTION "default".sneak()');
  });
});

describe('limits', () => {
  it('cancels a statement past the deadline, whatever the session set', async () => {
    const started = Date.now();
    const res = await attacker('SELECT pg_sleep(30)');
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'query_timeout', sqlstate: '57014' });
    expect(Date.now() - started).toBeLessThan(6_000);
    await expectRefused('SET statement_timeout = 0', 403);
  });

  it('caps a 20-million-row SELECT', async () => {
    // In the select list the series streams; in FROM, Postgres would first store all 20M rows.
    const res = await attacker(
      'SELECT g, md5(g::text) FROM (SELECT generate_series(1, 20000000) AS g) s',
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ truncated: true, row_count: 100_000 });
    expect(res.body.rows).toHaveLength(100_000);
  });

  it('a long query does not slow other requests', async () => {
    const long = attacker('SELECT pg_sleep(1.5)');
    await new Promise((resolve) => setTimeout(resolve, 100));
    const started = Date.now();
    const [list, quick, other] = await Promise.all([
      server.call(server.adminToken, 'GET', '/api/workspaces'),
      attacker('SELECT 1'),
      victim('SELECT count(*) FROM secrets'),
    ]);
    expect(Date.now() - started).toBeLessThan(900);
    expect([list.status, quick.status, other.status]).toEqual([200, 200, 200]);
    expect((await long).status).toBe(200);
  });

  it('cancels the statement when the client goes away', async () => {
    await server.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = server.app.server.address() as AddressInfo;
    const request = http.request({
      host: '127.0.0.1',
      port,
      method: 'POST',
      path: '/api/workspaces/default/tables/query',
      headers: {
        authorization: `Bearer ${server.adminToken}`,
        'content-type': 'application/json',
      },
    });
    request.on('error', () => {});
    request.end(JSON.stringify({ query: 'SELECT pg_sleep(20) AS abandoned' }));
    const running = async () =>
      (
        await server.db.query<{ n: string }>(
          `SELECT count(*) AS n FROM pg_stat_activity
            WHERE query LIKE '%AS abandoned%' AND state = 'active' AND pid <> pg_backend_pid()`,
        )
      )[0]!.n;
    await expect.poll(running, { timeout: 1_000 }).toBe('1');
    request.destroy();
    await expect.poll(running, { timeout: 1_000 }).toBe('0');
  });
});

describe('sessions and roles', () => {
  it('resets session state between requests on the same connection', async () => {
    // The session goes back to the pool once DISCARD ALL is done, just after the answer.
    const settle = () => new Promise((resolve) => setTimeout(resolve, 50));
    const before = await attacker('SELECT pg_backend_pid()');
    await settle();
    expect((await attacker('CREATE TEMP TABLE scratch (a int)')).status).toBe(200);
    await settle();
    const after = await attacker(
      `SELECT pg_backend_pid(), to_regclass('pg_temp.scratch') IS NOT NULL AS still_there`,
    );
    expect(after.body.rows).toEqual([[before.body.rows[0][0], false]]);
  });

  it('gives a workspace made before roles existed its role on first use', async () => {
    await server.db.query(
      `INSERT INTO deeplake_console.workspaces (id, org_id, name) VALUES ('legacy', 'default', 'Legacy')`,
    );
    await server.db.query('CREATE SCHEMA legacy');
    const res = await sqlIn('legacy')('CREATE TABLE t (a int)');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const [role] = await server.db.query(
      `SELECT role_name FROM deeplake_console.workspace_roles WHERE workspace_id = 'legacy'`,
    );
    expect(role).toBeDefined();
  });

  it('drops the workspace’s role with the workspace, ending its sessions', async () => {
    await server.call(server.adminToken, 'POST', '/api/workspaces', {
      body: { id: 'doomed', name: 'Doomed' },
    });
    const doomed = sqlIn('doomed');
    expect((await doomed('SELECT 1')).status).toBe(200);
    const [{ role_name } = { role_name: '' }] = await server.db.query<{ role_name: string }>(
      `SELECT role_name FROM deeplake_console.workspace_roles WHERE workspace_id = 'doomed'`,
    );
    expect(role_name).not.toBe('');
    const running = doomed('SELECT pg_sleep(1)');
    await new Promise((resolve) => setTimeout(resolve, 100));
    const removed = await server.call(server.adminToken, 'DELETE', '/api/workspaces/doomed');
    expect(removed.status).toBe(204);
    expect((await running).status).not.toBe(200);
    expect(await server.db.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role_name])).toEqual(
      [],
    );
    expect((await doomed('SELECT 1')).status).toBe(404);
  });
});

describe('afterwards', () => {
  it('the other workspace’s data is intact and the server still answers', async () => {
    const res = await victim('SELECT id, secret FROM secrets');
    expect(res.body.rows).toEqual([[1, 'the crown jewels']]);
    const health = await server.call(null, 'GET', '/api/ready');
    expect(health.status).toBe(200);
    const roles = await server.db.query(
      `SELECT rolname FROM pg_roles WHERE rolname = 'intruder' OR (rolsuper AND rolname LIKE 'deeplake_ws_%')`,
    );
    expect(roles).toEqual([]);
  });
});
