import { describe, expect, it } from 'vitest';
import { refusal, useGuardDatabase, W } from '../test/guard-support';
import { StatementRefused, StatementSyntaxError, checkStatement } from './guard';
import { deniedFunction } from './guard-functions';

/**
 * The function denylist (./guard-functions.ts) in every notation that calls a function, and
 * other ways around the guard.
 */

const { onPg } = useGuardDatabase();

const SETTINGS = 'session settings are reset after every request';

describe('function denylist', () => {
  const denied = [
    'set_config',
    'pg_read_file',
    'pg_read_binary_file',
    'pg_ls_dir',
    'pg_ls_waldir',
    'pg_ls_logdir',
    'pg_ls_tmpdir',
    'pg_stat_file',
    'lo_import',
    'lo_export',
    'lo_unlink',
    'lo_get',
    'lo_put',
    'lo_from_bytea',
    'lo_creat',
    'loread',
    'lowrite',
    'pg_terminate_backend',
    'pg_cancel_backend',
    'pg_signal_backend',
    'pg_reload_conf',
    'pg_rotate_logfile',
    'pg_promote',
    'pg_switch_wal',
    'pg_create_restore_point',
    'pg_backup_start',
    'pg_backup_stop',
    'pg_logical_emit_message',
    'pg_logical_slot_get_changes',
    'pg_replication_origin_create',
    'pg_replication_slot_advance',
    'pg_create_logical_replication_slot',
    'pg_create_physical_replication_slot',
    'pg_copy_logical_replication_slot',
    'pg_drop_replication_slot',
    'pg_advisory_lock',
    'pg_advisory_xact_lock_shared',
    'pg_advisory_unlock_all',
    'pg_try_advisory_lock',
    'pg_notify',
    'dblink',
    'dblink_exec',
    'dblink_connect',
    'query_to_xml',
    'query_to_xml_and_xmlschema',
    'query_to_xmlschema',
    'cursor_to_xml',
    'cursor_to_xmlschema',
    'pg_import_system_collations',
    'pg_stat_reset',
    'pg_stat_reset_shared',
    'pg_file_write',
    'pg_file_unlink',
    'ts_stat',
  ];

  it.each(denied)('%s() is refused', (name) => {
    const error = refusal(`select ${name}()`);
    expect(error.message).toMatch(new RegExp(`^${name}\\(\\) is not allowed in a workspace`));
    expect(error.position).toBe(8);
    expect(error.sqlstate).toBe('42501');
  });

  it('says why where it is not obvious', () => {
    expect(refusal('select set_config($1, $2, false)').message).toBe(
      'set_config() is not allowed in a workspace',
    );
    expect(refusal("select * from query_to_xml('set role x', true, true, '')").message).toBe(
      'query_to_xml() is not allowed in a workspace: it runs SQL given as a string, which this check cannot see',
    );
    expect(refusal('select pg_advisory_lock(1)').message).toMatch(/shared by the whole database/);
  });

  it('ts_rewrite is refused only in its form that runs a query string', () => {
    expect(refusal("select ts_rewrite('a'::tsquery, 'select t, s from aliases')").message).toMatch(
      /^ts_rewrite\(\) is not allowed/,
    );
    expect(checkStatement("select ts_rewrite('a'::tsquery, 'a'::tsquery, 'b'::tsquery)").kind).toBe(
      'SelectStmt',
    );
  });

  const calls = [
    "set_config('role', 'postgres', false)",
    "pg_catalog.set_config('role', 'postgres', false)",
    "SET_CONFIG('role', 'postgres', false)",
    `"set_config"('role', 'postgres', false)`,
    `PG_CATALOG."set_config"('role', 'postgres', false)`,
    `U&"set\\005fconfig"('role', 'postgres', false)`,
    "pg_read_file('/etc/passwd')",
    "lo_import('/etc/passwd')",
    'pg_advisory_lock(42)',
    "query_to_xml('set role x', true, true, '')",
    "public.dblink('dbname=postgres', 'select 1')",
  ];
  const contexts: [string, string][] = [
    ['select list', 'SELECT {}'],
    ['CTE', 'WITH x AS (SELECT {}) SELECT * FROM x'],
    ['nested CTE', 'WITH x AS (WITH y AS (SELECT {}) SELECT * FROM y) SELECT * FROM x'],
    ['subquery in WHERE', `SELECT 1 FROM ${W}.t WHERE a IN (SELECT {})`],
    ['scalar subquery', 'SELECT (SELECT (SELECT {}))'],
    ['EXISTS', `SELECT 1 WHERE EXISTS (SELECT {})`],
    ['FROM item', 'SELECT * FROM {}'],
    ['ROWS FROM', 'SELECT * FROM ROWS FROM ({}) AS r'],
    ['lateral join', `SELECT * FROM ${W}.t, LATERAL (SELECT {}) s`],
    ['join condition', `SELECT * FROM ${W}.t JOIN ${W}.u ON {} IS NOT NULL`],
    ['CASE', 'SELECT CASE WHEN true THEN {} END'],
    ['function argument', 'SELECT lower({}::text)'],
    ['aggregate FILTER', `SELECT count(*) FILTER (WHERE {} IS NULL) FROM ${W}.t`],
    ['window ORDER BY', 'SELECT row_number() OVER (ORDER BY {})'],
    ['ORDER BY', 'SELECT 1 ORDER BY {}'],
    ['HAVING', `SELECT count(*) FROM ${W}.t HAVING {} IS NOT NULL`],
    ['ARRAY constructor', 'SELECT ARRAY[{}]'],
    ['VALUES', 'VALUES (1), ({})'],
    ['UNION arm', 'SELECT 1 UNION SELECT {}'],
    ['SELECT INTO', `SELECT {} INTO ${W}.c`],
    ['INSERT VALUES', `INSERT INTO ${W}.t (a) VALUES ({})`],
    ['INSERT … SELECT', `INSERT INTO ${W}.t (a) SELECT {}`],
    ['ON CONFLICT', `INSERT INTO ${W}.t (a) VALUES (1) ON CONFLICT (a) DO UPDATE SET b = {}`],
    ['UPDATE SET', `UPDATE ${W}.t SET a = {}`],
    ['UPDATE WHERE', `UPDATE ${W}.t SET a = 1 WHERE a = {}`],
    ['RETURNING', `DELETE FROM ${W}.t RETURNING {}`],
    ['DML in a CTE', `WITH d AS (DELETE FROM ${W}.t WHERE a = {} RETURNING *) SELECT * FROM d`],
    ['MERGE', `MERGE INTO ${W}.t USING ${W}.s ON true WHEN MATCHED THEN UPDATE SET a = {}`],
    ['column DEFAULT', `CREATE TABLE ${W}.t (a text DEFAULT {})`],
    ['CHECK constraint', `CREATE TABLE ${W}.t (a text, CHECK ({} IS NOT NULL))`],
    ['generated column', `CREATE TABLE ${W}.t (a text GENERATED ALWAYS AS ({}) STORED)`],
    ['ALTER … SET DEFAULT', `ALTER TABLE ${W}.t ALTER COLUMN a SET DEFAULT {}`],
    ['ALTER … ADD COLUMN', `ALTER TABLE ${W}.t ADD COLUMN b text DEFAULT {}`],
    ['ALTER … ADD CHECK', `ALTER TABLE ${W}.t ADD CHECK ({} IS NOT NULL)`],
    ['ALTER … TYPE USING', `ALTER TABLE ${W}.t ALTER COLUMN a TYPE text USING {}`],
    ['index expression', `CREATE INDEX ON ${W}.t (({}))`],
    ['index predicate', `CREATE INDEX ON ${W}.t (a) WHERE {} IS NOT NULL`],
    ['deeplake index expression', `CREATE INDEX ON ${W}.t USING deeplake_index (({}) DESC)`],
    ['view body', `CREATE VIEW ${W}.v AS SELECT {}`],
    ['materialized view', `CREATE MATERIALIZED VIEW ${W}.mv AS SELECT {}`],
    ['CREATE TABLE AS', `CREATE TABLE ${W}.c AS SELECT {}`],
    ['domain CHECK', `CREATE DOMAIN ${W}.d AS text CHECK ({} IS NOT NULL)`],
    ['statistics expression', `CREATE STATISTICS ${W}.st ON ({}) FROM ${W}.t`],
    ['EXPLAIN ANALYZE', 'EXPLAIN ANALYZE SELECT {}'],
    ['EXPLAIN of an INSERT', `EXPLAIN (ANALYZE) INSERT INTO ${W}.t VALUES ({})`],
  ];
  const cases = contexts.flatMap(([where, template]) =>
    calls.map((call) => [where, call, template.replace('{}', call)] as const),
  );

  it.each(cases)('in %s: %s', (_where, call, sql) => {
    const error = refusal(sql);
    expect(error.message).toMatch(/^\w+\(\) is not allowed in a workspace/);
    expect(error.position).toBe(sql.indexOf(call) + 1);
  });

  it('field notation calls a function too: (expr).pg_read_file is refused', async () => {
    const sql = "select ('PG_VERSION'::text).pg_read_file";
    expect(refusal(sql).message).toBe('pg_read_file() is not allowed in a workspace');
    expect(refusal(sql).position).toBe(9);
    expect(refusal("select (('x'::text).lower).lo_get").message).toMatch(/^lo_get\(\)/);
    // Why: PostgreSQL runs it as pg_read_file('PG_VERSION') (this connection is a superuser).
    const rows = await onPg((client) => client.query<{ pg_read_file: string }>(sql));
    expect(rows[0]!.pg_read_file).toMatch(/^\d+\n$/);
  });

  it('changing pg_settings (SET by another name) is refused, reading it is not', async () => {
    const update = "UPDATE pg_settings SET setting = '1GB' WHERE name = 'work_mem'";
    expect(refusal(update).message).toBe(
      `Changing pg_settings is not allowed in a workspace: ${SETTINGS}`,
    );
    expect(refusal(update).position).toBe(8);
    expect(
      refusal(`EXPLAIN ANALYZE ${update.replace('pg_settings', 'pg_catalog.pg_settings')}`),
    ).toBeInstanceOf(StatementRefused);
    expect(refusal(`WITH u AS (${update} RETURNING 1) SELECT 1`)).toBeInstanceOf(StatementRefused);
    expect(refusal("INSERT INTO pg_settings (name) VALUES ('x')")).toBeInstanceOf(StatementRefused);
    expect(refusal("DELETE FROM pg_settings WHERE name = 'x'")).toBeInstanceOf(StatementRefused);

    const view = `CREATE VIEW ${W}.knobs AS SELECT name, setting FROM pg_settings`;
    expect(refusal(view).message).toBe('A view over pg_settings is not allowed in a workspace');
    expect(refusal(view).position).toBe(view.indexOf('pg_settings') + 1);
    expect(
      refusal(
        `CREATE OR REPLACE VIEW ${W}.k AS WITH s AS (SELECT * FROM pg_catalog.pg_settings) SELECT * FROM s`,
      ),
    ).toBeInstanceOf(StatementRefused);
    expect(checkStatement("SELECT setting FROM pg_settings WHERE name = 'work_mem'").kind).toBe(
      'SelectStmt',
    );

    // Why: an updatable view over pg_settings reaches set_config() through pg_settings' rules.
    const workMem = await onPg(async (client) => {
      await client.query(view);
      await client.query(`UPDATE ${W}.knobs SET setting = '7MB' WHERE name = 'work_mem'`);
      const rows = await client.query<{ work_mem: string }>('SHOW work_mem');
      await client.query(`DROP VIEW ${W}.knobs`);
      return rows[0]!.work_mem;
    });
    expect(workMem).toBe('7MB');
  });

  it.each([
    "select current_setting('work_mem')",
    'select pg_sleep(0)',
    "select lower('X'), upper('x'), length('x')",
    `select lo_price, t.lo_price, ${W}.t.lo_price, t.dblink_id from ${W}.t`,
    `select (t.address).city from ${W}.t`,
    'select * from pg_stat_activity',
    'select pg_size_pretty(pg_database_size(current_database()))',
    'select pg_stat_get_numscans(1)',
    "select pg_column_size('x'), pg_typeof(1)",
    `select setting from pg_settings where name = 'work_mem'`,
    `select * from ${W}.lo_settings`,
    `CREATE TABLE ${W}.t (lo_x int, set_config text)`,
    `select "set_config" from ${W}.t`,
  ])('look-alikes are allowed: %s', (sql) => {
    expect(checkStatement(sql).text).toBe(sql);
  });

  it('matches exactly these functions of the PostgreSQL catalog', async () => {
    const rows = await onPg((client) =>
      client.query<{ proname: string; pronargs: number }>(
        'SELECT DISTINCT proname, pronargs FROM pg_proc',
      ),
    );
    const refused = [
      ...new Set(
        rows
          .filter((row) => deniedFunction(row.proname, row.pronargs) !== null)
          .map((row) => row.proname),
      ),
    ].sort();
    expect(refused).toEqual([
      'cursor_to_xml',
      'cursor_to_xmlschema',
      'lo_close',
      'lo_creat',
      'lo_create',
      'lo_export',
      'lo_from_bytea',
      'lo_get',
      'lo_import',
      'lo_lseek',
      'lo_lseek64',
      'lo_open',
      'lo_put',
      'lo_tell',
      'lo_tell64',
      'lo_truncate',
      'lo_truncate64',
      'lo_unlink',
      'loread',
      'lowrite',
      'pg_advisory_lock',
      'pg_advisory_lock_shared',
      'pg_advisory_unlock',
      'pg_advisory_unlock_all',
      'pg_advisory_unlock_shared',
      'pg_advisory_xact_lock',
      'pg_advisory_xact_lock_shared',
      'pg_backup_start',
      'pg_backup_stop',
      'pg_cancel_backend',
      'pg_copy_logical_replication_slot',
      'pg_copy_physical_replication_slot',
      'pg_create_logical_replication_slot',
      'pg_create_physical_replication_slot',
      'pg_create_restore_point',
      'pg_drop_replication_slot',
      'pg_import_system_collations',
      'pg_logical_emit_message',
      'pg_logical_slot_get_binary_changes',
      'pg_logical_slot_get_changes',
      'pg_logical_slot_peek_binary_changes',
      'pg_logical_slot_peek_changes',
      'pg_ls_archive_statusdir',
      'pg_ls_dir',
      'pg_ls_logdir',
      'pg_ls_logicalmapdir',
      'pg_ls_logicalsnapdir',
      'pg_ls_replslotdir',
      'pg_ls_summariesdir',
      'pg_ls_tmpdir',
      'pg_ls_waldir',
      'pg_notify',
      'pg_promote',
      'pg_read_binary_file',
      'pg_read_file',
      'pg_reload_conf',
      'pg_replication_origin_advance',
      'pg_replication_origin_create',
      'pg_replication_origin_drop',
      'pg_replication_origin_oid',
      'pg_replication_origin_progress',
      'pg_replication_origin_session_is_setup',
      'pg_replication_origin_session_progress',
      'pg_replication_origin_session_reset',
      'pg_replication_origin_session_setup',
      'pg_replication_origin_xact_reset',
      'pg_replication_origin_xact_setup',
      'pg_replication_slot_advance',
      'pg_rotate_logfile',
      'pg_stat_file',
      'pg_stat_reset',
      'pg_stat_reset_backend_stats',
      'pg_stat_reset_replication_slot',
      'pg_stat_reset_shared',
      'pg_stat_reset_single_function_counters',
      'pg_stat_reset_single_table_counters',
      'pg_stat_reset_slru',
      'pg_stat_reset_subscription_stats',
      'pg_switch_wal',
      'pg_terminate_backend',
      'pg_try_advisory_lock',
      'pg_try_advisory_lock_shared',
      'pg_try_advisory_xact_lock',
      'pg_try_advisory_xact_lock_shared',
      'query_to_xml',
      'query_to_xml_and_xmlschema',
      'query_to_xmlschema',
      'set_config',
      'ts_rewrite',
      'ts_stat',
    ]);
  });
});

describe('adversarial escapes', () => {
  it.each([
    ['SET ROLE postgres', /^SET ROLE is not allowed/],
    ['RESET ROLE', /^RESET ROLE is not allowed/],
    ['SET SESSION AUTHORIZATION postgres', /^SET SESSION AUTHORIZATION is not allowed/],
    ["select set_config('role','postgres',false)", /^set_config\(\) is not allowed/],
    ["DO $$ begin execute 'set role postgres'; end $$", /^DO is not allowed/],
    [
      "CREATE FUNCTION f() returns void security definer language sql as 'select 1'",
      /^CREATE FUNCTION is not allowed/,
    ],
    ["select pg_read_file('/etc/passwd')", /^pg_read_file\(\) is not allowed/],
    ["select lo_import('/etc/passwd')", /^lo_import\(\) is not allowed/],
    ["COPY t FROM PROGRAM 'id'", /^COPY is not allowed.*import endpoint/],
    ["COPY t TO '/tmp/x'", /^COPY is not allowed.*import endpoint/],
    ['CREATE EXTENSION dblink', /^CREATE EXTENSION is not allowed/],
    ['ALTER SYSTEM SET x = 1', /^ALTER SYSTEM is not allowed/],
    ['CREATE ROLE x', /^CREATE ROLE is not allowed/],
    ['select 1; select 2', /^Send one statement per request \(found 2\)$/],
    ['begin', /^BEGIN is not allowed/],
    ['commit', /^COMMIT is not allowed/],
    ['grant select on t to public', /^GRANT is not allowed/],
    ['alter table t owner to postgres', /^ALTER TABLE … OWNER TO is not allowed/],
    ['drop schema x cascade', /^DROP SCHEMA is not allowed/],
    ['alter role current_user set search_path = x', /^ALTER ROLE is not allowed/],
    [
      "select * from query_to_xml('set role x', true, true, '')",
      /^query_to_xml\(\) is not allowed/,
    ],
    ['select 1; set role postgres', /^Send one statement/],
    ["select ts_stat('select 1')", /^ts_stat\(\) is not allowed/],
    ["explain analyze select set_config('role', 'postgres', false)", /^set_config\(\)/],
    ["select ('role'::text).pg_advisory_lock", /^pg_advisory_lock\(\)/],
    ["UPDATE pg_catalog.pg_settings SET setting = 'postgres' WHERE name = 'role'", /pg_settings/],
    // The server's own settings belong to no workspace.
    ['SHOW port', /^SHOW port is not allowed in a workspace: the server's own settings/],
    ['show ALL', /^SHOW ALL is not allowed/],
    ['SHOW data_directory', /^SHOW data_directory is not allowed/],
    ['SHOW listen_addresses', /^SHOW listen_addresses is not allowed/],
  ])('%s', (sql, message) => {
    expect(refusal(sql).message).toMatch(message);
  });

  it('a statement hidden after a NUL is not let through', () => {
    expect(() =>
      checkStatement("select 1\0; select set_config('role', 'postgres', false)"),
    ).toThrow(StatementSyntaxError);
  });
});
