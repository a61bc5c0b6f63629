import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, type TestServer } from '../test/harness';

/**
 * Functions that reach what the whole database shares (advisory locks, large objects, NOTIFY,
 * SQL given as text, settings) are refused to a workspace in every notation by the statement
 * guard, and the workspace's role may not run them either, so each layer holds alone.
 */

let server: TestServer;
const sql = (query: string) =>
  server.call(server.adminToken, 'POST', '/api/workspaces/default/tables/query', {
    body: { query },
  });

beforeAll(async () => {
  server = await createTestServer();
});
afterAll(() => server.close());

/**
 * [function, a plain call, the same call in attribute notation]. PostgreSQL resolves `x.f` as
 * f(x) for one-argument functions only; the guard refuses the name in that place whatever the
 * arity, and the role layer is checked on the notation PostgreSQL would run.
 */
const CALLS: [string, string, string][] = [
  [
    'pg_advisory_lock',
    'SELECT pg_advisory_lock(42)',
    'SELECT k.pg_advisory_lock FROM unnest(ARRAY[42::bigint]) k',
  ],
  [
    'pg_try_advisory_lock',
    'SELECT pg_try_advisory_lock(42)',
    'SELECT k.pg_try_advisory_lock FROM unnest(ARRAY[42::bigint]) k',
  ],
  [
    'pg_advisory_xact_lock',
    'SELECT pg_advisory_xact_lock(42)',
    'SELECT k.pg_advisory_xact_lock FROM unnest(ARRAY[42::bigint]) k',
  ],
  ['lo_create', 'SELECT lo_create(0)', 'SELECT k.lo_create FROM unnest(ARRAY[0::oid]) k'],
  ['lo_unlink', 'SELECT lo_unlink(1)', 'SELECT k.lo_unlink FROM unnest(ARRAY[1::oid]) k'],
  [
    'ts_stat',
    "SELECT * FROM ts_stat('SELECT 1')",
    "SELECT k.ts_stat FROM unnest(ARRAY['SELECT to_tsvector(''a'')']) k",
  ],
];
/** Functions of more arguments, whose attribute form only the guard sees. */
const GUARD_ONLY: [string, string, string][] = [
  [
    'query_to_xml',
    "SELECT query_to_xml('SELECT 1', true, false, '')",
    "SELECT ('SELECT 1'::text).query_to_xml",
  ],
  ['pg_notify', "SELECT pg_notify('c', 'm')", "SELECT ('c'::text).pg_notify"],
];

describe('the statement guard refuses them in every notation', () => {
  it.each([...CALLS, ...GUARD_ONLY])('%s', async (name, plain, attribute) => {
    for (const query of [plain, attribute]) {
      const res = await sql(query);
      expect(res.status, `${query} → ${JSON.stringify(res.body)}`).toBe(403);
      expect(res.body.error.code).toBe('statement_not_allowed');
      expect(res.body.error.message).toContain(`${name}() is not allowed in a workspace`);
    }
  });

  it('still lets a column of that name be read in its table', async () => {
    // A real column named like a function is reached as alias.column: refused all the same,
    // and said so; quoting does not change it. Plain columns are untouched.
    const made = await sql('CREATE TABLE notes (id int, body text)');
    expect(made.status).toBe(200);
    expect((await sql('SELECT n.body FROM notes n')).status).toBe(200);
  });
});

describe('the workspace role may not run them either', () => {
  let client: pg.Client;
  beforeAll(async () => {
    client = new pg.Client({ connectionString: await server.workspaceRoleUrl('default') });
    await client.connect();
  });
  afterAll(() => client.end());

  it.each(CALLS)('%s, straight to PostgreSQL as the role', async (_name, plain, attribute) => {
    for (const query of [plain, attribute]) {
      await expect(client.query(query), query).rejects.toThrow(/permission denied for function/);
    }
  });

  it.each([
    ["SELECT set_config('work_mem', '1GB', false)", 'set_config'],
    ['SELECT lo_unlink(1)', 'lo_unlink'],
    ["SELECT ts_rewrite('a'::tsquery, 'SELECT 1')", 'ts_rewrite'],
  ])('%s', async (query) => {
    await expect(client.query(query)).rejects.toThrow(/permission denied for function/);
  });

  it('and neither may a function body the guard never sees, called through the API', async () => {
    // The API refuses CREATE FUNCTION; made straight as the role, it stands for a way around
    // the guard. Called through the API, the role layer stops what its body does.
    await client.query(
      `CREATE FUNCTION "default".take_lock() RETURNS void LANGUAGE sql AS $$ SELECT pg_advisory_lock(42) $$`,
    );
    const res = await sql('SELECT "default".take_lock()');
    expect(res.status, JSON.stringify(res.body)).toBe(403);
    expect(res.body.error.message).toMatch(/permission denied for function pg_advisory_lock/);
  });

  it('while the console itself still takes its migration lock', async () => {
    await server.db.transaction((tx) => tx.query('SELECT pg_advisory_xact_lock(1)'));
  });
});
