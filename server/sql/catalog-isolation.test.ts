import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, type TestServer } from '../test/harness';

/**
 * What a workspace's SQL can learn of the rest of the server through PostgreSQL's catalogs:
 * nothing of another workspace (of its own organization or another) or of the console. Each
 * workspace has a database of its own, and what PostgreSQL shares across databases is withheld
 * from its role.
 */

let server: TestServer;
const sqlIn =
  (token: () => string, workspace: string) =>
  (query: string): Promise<{ status: number; body: any }> =>
    server.call(token(), 'POST', `/api/workspaces/${workspace}/tables/query`, {
      body: { query },
    });
let rivalToken = '';
const attacker = sqlIn(() => server.adminToken, 'default');
const sibling = sqlIn(() => server.adminToken, 'sibling-ws');
const rival = sqlIn(() => rivalToken, 'rival-ws');

/** Words only the other workspaces wrote: in their names, DDL, defaults, checks, comments. */
const THEIRS = [
  'sibling-ws',
  'rival-ws',
  'rival-org',
  'codename',
  'secret_plans',
  'plans_view',
  'default-literal-x',
  'check-literal-y',
  'view-literal-z',
  'comment-literal-w',
  'enum-literal-q',
  'mood_of_rival',
];
/** The console's own schema and tables. */
const CONSOLE = ['deeplake_console', 'workspace_roles', 'memberships', 'storage_drops'];

async function plant(run: (query: string) => Promise<{ status: number; body: any }>) {
  for (const statement of [
    `CREATE TYPE mood_of_rival AS ENUM ('enum-literal-q')`,
    `CREATE TABLE secret_plans (
       codename text DEFAULT 'default-literal-x' CHECK (codename <> 'check-literal-y'),
       mood mood_of_rival)`,
    `CREATE VIEW plans_view AS SELECT * FROM secret_plans WHERE codename = 'view-literal-z'`,
    `COMMENT ON TABLE secret_plans IS 'comment-literal-w'`,
    `INSERT INTO secret_plans VALUES ('x', 'enum-literal-q')`,
    'ANALYZE secret_plans',
  ]) {
    const res = await run(statement);
    expect(res.status, `${statement} → ${JSON.stringify(res.body)}`).toBe(200);
  }
}

beforeAll(async () => {
  server = await createTestServer();
  const created = await server.call(server.adminToken, 'POST', '/api/workspaces', {
    body: { id: 'sibling-ws', name: 'Sibling' },
  });
  expect(created.status).toBe(201);
  const owner = await server.user('rival@example.com');
  rivalToken = owner.token;
  await server.call(rivalToken, 'POST', '/api/organizations', {
    body: { id: 'rival-org', name: 'Rival' },
  });
  const rivalWs = await server.call(rivalToken, 'POST', '/api/workspaces', {
    org: 'rival-org',
    body: { id: 'rival-ws', name: 'Rival WS' },
  });
  expect(rivalWs.status).toBe(201);
  await plant(sibling);
  await plant(rival);
  expect((await attacker('CREATE TABLE mine (a int)')).status).toBe(200);
});
afterAll(() => server.close());

/** Each catalog a workspace may read, whole, as text. */
const CATALOGS = [
  'SELECT * FROM pg_namespace',
  'SELECT * FROM pg_class',
  'SELECT attname FROM pg_attribute',
  'SELECT typname FROM pg_type',
  'SELECT * FROM pg_enum',
  'SELECT * FROM pg_description',
  'SELECT pg_get_expr(adbin, adrelid) FROM pg_attrdef',
  'SELECT pg_get_constraintdef(oid) FROM pg_constraint',
  'SELECT * FROM pg_views',
  'SELECT * FROM pg_tables',
  'SELECT * FROM pg_stat_user_tables',
  'SELECT * FROM pg_statio_user_tables',
  'SELECT * FROM pg_stats',
  'SELECT * FROM information_schema.tables',
  'SELECT * FROM information_schema.columns',
  'SELECT * FROM information_schema.schemata',
  // Its names only (information_schema reads them), which are opaque.
  'SELECT oid, datname FROM pg_database',
];

/** Shared across databases: withheld from workspace roles. */
const WITHHELD = [
  'SELECT * FROM pg_database',
  'SELECT * FROM pg_roles',
  'SELECT * FROM pg_db_role_setting',
  'SELECT * FROM pg_auth_members',
  'SELECT * FROM pg_shdescription',
  'SELECT * FROM pg_stat_activity',
  'SELECT * FROM pg_stat_database',
  'SELECT * FROM pg_locks',
  'SELECT * FROM pg_settings',
  "SELECT current_setting('port')",
  'SELECT inet_server_port()',
  'SELECT * FROM pg_show_all_settings()',
  'SELECT pg_stat_get_activity(NULL)',
  "SELECT pg_database_size('postgres')",
];

describe('through the API', () => {
  it.each(CATALOGS)('%s shows nothing of other workspaces or of the console', async (query) => {
    const res = await attacker(`SELECT string_agg(t::text, ' ') FROM (${query}) t`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const text = String(res.body.rows[0][0] ?? '');
    for (const word of [...THEIRS, ...CONSOLE]) expect(text).not.toContain(word);
  });

  it('still sees its own tables there', async () => {
    const res = await attacker(
      `SELECT string_agg(relname, ' ') FROM pg_stat_user_tables WHERE schemaname = 'default'`,
    );
    expect(res.body.rows).toEqual([['mine']]);
  });

  it.each(WITHHELD)('%s is refused', async (query) => {
    const res = await attacker(query);
    expect(res.status, JSON.stringify(res.body)).toBe(403);
    expect(res.body.error.message).toMatch(/permission denied/);
  });

  it.each(['SHOW port', 'SHOW ALL', 'SHOW listen_addresses', 'SHOW data_directory'])(
    '%s is refused',
    async (query) => {
      const res = await attacker(query);
      expect(res.status).toBe(403);
      expect(res.body.error.message).toMatch(/server's own settings/);
    },
  );

  it('reads its own session settings', async () => {
    const res = await attacker('SHOW search_path');
    expect(res.status).toBe(200);
    expect(res.body.rows).toEqual([['"default", public']]);
  });
});

describe('as the workspace role, past the statement check', () => {
  let client: pg.Client;
  beforeAll(async () => {
    client = new pg.Client({ connectionString: await server.workspaceRoleUrl('default') });
    await client.connect();
  });
  afterAll(() => client.end());

  it.each(CATALOGS)('%s shows nothing of other workspaces or of the console', async (query) => {
    const { rows } = await client.query(`SELECT string_agg(t::text, ' ') AS all FROM (${query}) t`);
    const text = String(rows[0].all ?? '');
    for (const word of [...THEIRS, ...CONSOLE]) expect(text).not.toContain(word);
  });

  it.each(WITHHELD)('%s is refused', async (query) => {
    await expect(client.query(query)).rejects.toThrow(/permission denied/);
  });

  it('cannot connect to another workspace’s database, nor to the console’s', async () => {
    const own = new URL(await server.workspaceRoleUrl('default'));
    for (const other of [
      await server.workspaceDatabase('sibling-ws'),
      { name: new URL(server.databaseUrl).pathname.slice(1) },
    ]) {
      const url = new URL(own);
      url.pathname = `/${other.name}`;
      const intruder = new pg.Client({ connectionString: url.toString() });
      await expect(intruder.connect()).rejects.toThrow(/permission denied for database/);
      await intruder.end().catch(() => {});
    }
  });

  it('writes none of its errors to the server’s log, and cannot change that', async () => {
    const { rows } = await client.query('SHOW log_min_messages');
    expect(rows).toEqual([{ log_min_messages: 'fatal' }]);
    await expect(client.query('SET log_min_messages = error')).rejects.toThrow(/permission denied/);
  });

  it('takes advisory locks and large objects nowhere', async () => {
    await expect(client.query('SELECT pg_advisory_lock(7411202611)')).rejects.toThrow(
      /permission denied/,
    );
    await expect(client.query('SELECT lo_create(0)')).rejects.toThrow(/permission denied/);
  });
});
