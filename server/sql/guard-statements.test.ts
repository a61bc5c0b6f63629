import { describe, expect, it } from 'vitest';
import { parseOne, refusal, useGuard, W } from '../test/guard-support';
import { checkStatement } from './guard';

/**
 * Which kinds of statement the guard lets a workspace run, and what it says of the others
 * (./guard-statements.ts).
 */

useGuard();

describe('allowed statements', () => {
  const allowed: [string, string][] = [
    ['SelectStmt', `SELECT id, title FROM ${W}.documents WHERE id = $1`],
    ['SelectStmt', 'VALUES (1, 2), (3, 4)'],
    ['SelectStmt', `SELECT 1 UNION ALL SELECT 2 EXCEPT SELECT 3 INTERSECT SELECT 4`],
    [
      'SelectStmt',
      `SELECT * INTO ${W}.archive FROM ${W}.documents WHERE created_at < now() - interval '1 year'`,
    ],
    ['SelectStmt', `TABLE ${W}.documents`],
    ['SelectStmt', `SELECT * FROM ${W}.documents FOR UPDATE SKIP LOCKED`],
    ['SelectStmt', 'SELECT * FROM pg_settings WHERE name = $1'],
    ['SelectStmt', `SELECT table_to_xml('${W}.documents', true, true, '')`],
    [
      'SelectStmt',
      `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10) SELECT sum(i) FROM n`,
    ],
    [
      'InsertStmt',
      `INSERT INTO ${W}.tags (name) VALUES ($1) ON CONFLICT (name) DO UPDATE SET hits = ${W}.tags.hits + 1 RETURNING id`,
    ],
    ['InsertStmt', `INSERT INTO ${W}.copy SELECT * FROM ${W}.documents`],
    [
      'InsertStmt',
      `WITH moved AS (DELETE FROM ${W}.inbox RETURNING *) INSERT INTO ${W}.archive SELECT * FROM moved`,
    ],
    [
      'UpdateStmt',
      `UPDATE ${W}.documents d SET title = s.title FROM ${W}.staging s WHERE d.id = s.id`,
    ],
    ['DeleteStmt', `DELETE FROM ${W}.documents USING ${W}.trash WHERE documents.id = trash.id`],
    [
      'MergeStmt',
      `MERGE INTO ${W}.stock t USING ${W}.delivery s ON t.item = s.item WHEN MATCHED THEN UPDATE SET qty = t.qty + s.qty WHEN NOT MATCHED THEN INSERT (item, qty) VALUES (s.item, s.qty)`,
    ],
    [
      'CreateStmt',
      `CREATE TABLE ${W}.events (id bigint GENERATED ALWAYS AS IDENTITY, at timestamptz NOT NULL DEFAULT now(), payload jsonb, CHECK (at > '2000-01-01')) PARTITION BY RANGE (at)`,
    ],
    [
      'CreateStmt',
      `CREATE TABLE ${W}.events_2024 PARTITION OF ${W}.events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')`,
    ],
    ['CreateStmt', `CREATE UNLOGGED TABLE ${W}.scratch (LIKE ${W}.documents INCLUDING ALL)`],
    ['CreateStmt', 'CREATE TEMP TABLE scratch (a int)'],
    [
      'CreateTableAsStmt',
      `CREATE TABLE ${W}.summary AS SELECT title, count(*) FROM ${W}.documents GROUP BY 1`,
    ],
    [
      'CreateTableAsStmt',
      `CREATE MATERIALIZED VIEW ${W}.mv AS SELECT * FROM ${W}.documents WITH NO DATA`,
    ],
    ['CreateTableAsStmt', `CREATE MATERIALIZED VIEW ${W}.settings AS SELECT * FROM pg_settings`],
    [
      'ViewStmt',
      `CREATE OR REPLACE VIEW ${W}.recent AS SELECT * FROM ${W}.documents WHERE created_at > now() - interval '7 days'`,
    ],
    ['RefreshMatViewStmt', `REFRESH MATERIALIZED VIEW CONCURRENTLY ${W}.mv`],
    [
      'IndexStmt',
      `CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS docs_title ON ${W}.documents (lower(title) DESC NULLS LAST) WHERE title IS NOT NULL`,
    ],
    ['IndexStmt', `CREATE INDEX ON ${W}.documents USING gin (metadata jsonb_path_ops)`],
    ['AlterTableStmt', `ALTER TABLE ${W}.documents ADD COLUMN source text DEFAULT 'web' NOT NULL`],
    [
      'AlterTableStmt',
      `ALTER TABLE IF EXISTS ${W}.documents ALTER COLUMN title SET NOT NULL, DROP COLUMN source`,
    ],
    [
      'AlterTableStmt',
      `ALTER TABLE ${W}.documents ALTER COLUMN embedding TYPE float8[] USING embedding::float8[]`,
    ],
    [
      'AlterTableStmt',
      `ALTER TABLE ${W}.documents ADD CONSTRAINT title_len CHECK (length(title) < 200)`,
    ],
    ['AlterTableStmt', `ALTER TABLE ${W}.documents SET ACCESS METHOD heap`],
    [
      'AlterTableStmt',
      `ALTER TABLE ${W}.events ATTACH PARTITION ${W}.events_2025 FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')`,
    ],
    ['AlterTableStmt', `ALTER INDEX ${W}.docs_title SET (fillfactor = 80)`],
    ['AlterTableStmt', `ALTER VIEW ${W}.recent ALTER COLUMN title SET DEFAULT 'untitled'`],
    ['AlterTableStmt', `ALTER MATERIALIZED VIEW ${W}.mv SET (autovacuum_enabled = false)`],
    ['AlterTableStmt', `ALTER SEQUENCE ${W}.ticket SET LOGGED`],
    ['AlterTableStmt', `ALTER TYPE ${W}.point2 ADD ATTRIBUTE z float8`],
    ['DropStmt', `DROP TABLE IF EXISTS ${W}.a, ${W}.b CASCADE`],
    ['DropStmt', `DROP VIEW ${W}.recent`],
    ['DropStmt', `DROP MATERIALIZED VIEW ${W}.mv`],
    ['DropStmt', `DROP INDEX CONCURRENTLY ${W}.docs_title`],
    ['DropStmt', `DROP SEQUENCE ${W}.ticket`],
    ['DropStmt', `DROP TYPE ${W}.mood`],
    ['DropStmt', `DROP DOMAIN ${W}.email`],
    ['DropStmt', `DROP STATISTICS ${W}.st`],
    ['TruncateStmt', `TRUNCATE ${W}.documents RESTART IDENTITY CASCADE`],
    ['RenameStmt', `ALTER TABLE ${W}.documents RENAME TO docs`],
    ['RenameStmt', `ALTER TABLE ${W}.documents RENAME COLUMN title TO heading`],
    ['RenameStmt', `ALTER TABLE ${W}.documents RENAME CONSTRAINT title_len TO heading_len`],
    ['RenameStmt', `ALTER INDEX ${W}.docs_title RENAME TO docs_heading`],
    ['RenameStmt', `ALTER VIEW ${W}.recent RENAME TO latest`],
    ['RenameStmt', `ALTER MATERIALIZED VIEW ${W}.mv RENAME TO mv2`],
    ['RenameStmt', `ALTER SEQUENCE ${W}.ticket RENAME TO ticket_no`],
    ['RenameStmt', `ALTER TYPE ${W}.mood RENAME TO feeling`],
    ['RenameStmt', `ALTER TYPE ${W}.point2 RENAME ATTRIBUTE x TO lon`],
    ['RenameStmt', `ALTER DOMAIN ${W}.email RENAME TO mail`],
    ['CommentStmt', `COMMENT ON TABLE ${W}.documents IS 'Articles'`],
    ['CommentStmt', `COMMENT ON COLUMN ${W}.documents.title IS NULL`],
    ['CreateSeqStmt', `CREATE SEQUENCE ${W}.ticket START 1000`],
    ['AlterSeqStmt', `ALTER SEQUENCE ${W}.ticket RESTART WITH 1 INCREMENT BY 2`],
    ['CreateEnumStmt', `CREATE TYPE ${W}.mood AS ENUM ('sad', 'ok', 'happy')`],
    ['CompositeTypeStmt', `CREATE TYPE ${W}.point2 AS (x float8, y float8)`],
    ['CreateDomainStmt', `CREATE DOMAIN ${W}.email AS text CHECK (VALUE ~ '@')`],
    ['AlterEnumStmt', `ALTER TYPE ${W}.mood ADD VALUE IF NOT EXISTS 'meh' BEFORE 'ok'`],
    ['AlterEnumStmt', `ALTER TYPE ${W}.mood RENAME VALUE 'sad' TO 'blue'`],
    [
      'ExplainStmt',
      `EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) SELECT * FROM ${W}.documents WHERE id = $1`,
    ],
    ['ExplainStmt', `EXPLAIN ANALYZE UPDATE ${W}.documents SET title = upper(title)`],
    ['ExplainStmt', `EXPLAIN CREATE TABLE ${W}.x AS SELECT 1`],
    ['VariableShowStmt', 'SHOW search_path'],
    ['VariableShowStmt', 'SHOW TimeZone'],
    ['VariableShowStmt', 'SHOW enable_seqscan'],
    ['VacuumStmt', `VACUUM (ANALYZE, VERBOSE) ${W}.documents`],
    ['VacuumStmt', `ANALYZE ${W}.documents (title)`],
    ['VacuumStmt', 'VACUUM'],
    ['ReindexStmt', `REINDEX INDEX ${W}.docs_title`],
    ['ReindexStmt', `REINDEX TABLE CONCURRENTLY ${W}.documents`],
    [
      'CreateStatsStmt',
      `CREATE STATISTICS ${W}.st (dependencies) ON title, content FROM ${W}.documents`,
    ],
    ['SelectStmt', 'select 1; '],
    ['SelectStmt', '  -- leading comment\n/* and another */ select 1 ;; '],
  ];

  it.each(allowed)('%s: %s', (kind, sql) => {
    const checked = checkStatement(sql);
    expect(checked.kind).toBe(kind);
    // Untouched text keeps PostgreSQL's error positions where the user typed them.
    expect(checked.text).toBe(sql);
    expect(checked.rewritten).toBe(false);
    expect(checked.ast).toEqual(parseOne(sql));
  });
});

const CONSOLE_ACCESS = 'access to a workspace is managed by the console';
const SETTINGS = 'session settings are reset after every request';
const OWN_ROLE = "statements run as the workspace's own role";
const TRANSACTION = 'each request is one statement in its own transaction';
const IMPORT = 'use the import endpoint to load files';
const SESSION = 'sessions do not outlive a request';
const OWNED = 'objects stay owned by the workspace';
const IN_SCHEMA = "objects stay in the workspace's schema";
const ONE_SCHEMA = 'a workspace is one schema, managed by the console';

describe('refused statements', () => {
  const refused: [string, string, string?][] = [
    ['SET search_path = x', 'SET', SETTINGS],
    ["SET LOCAL work_mem = '1GB'", 'SET', SETTINGS],
    ["SET TIME ZONE 'UTC'", 'SET', SETTINGS],
    ['RESET ALL', 'RESET', SETTINGS],
    ['RESET work_mem', 'RESET', SETTINGS],
    ['SET ROLE postgres', 'SET ROLE', OWN_ROLE],
    ['SET LOCAL ROLE postgres', 'SET ROLE', OWN_ROLE],
    ['RESET ROLE', 'RESET ROLE', OWN_ROLE],
    ['SET SESSION AUTHORIZATION postgres', 'SET SESSION AUTHORIZATION', OWN_ROLE],
    ['RESET SESSION AUTHORIZATION', 'RESET SESSION AUTHORIZATION', OWN_ROLE],
    ['SET TRANSACTION ISOLATION LEVEL SERIALIZABLE', 'SET TRANSACTION', TRANSACTION],
    [
      'SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY',
      'SET SESSION CHARACTERISTICS',
      SETTINGS,
    ],
    ['SET CONSTRAINTS ALL DEFERRED', 'SET CONSTRAINTS', TRANSACTION],
    ['BEGIN', 'BEGIN', TRANSACTION],
    ['START TRANSACTION READ WRITE', 'START TRANSACTION', TRANSACTION],
    ['COMMIT', 'COMMIT', TRANSACTION],
    ['END', 'COMMIT', TRANSACTION],
    ['ROLLBACK', 'ROLLBACK', TRANSACTION],
    ['ABORT', 'ROLLBACK', TRANSACTION],
    ['SAVEPOINT a', 'SAVEPOINT', TRANSACTION],
    ['RELEASE SAVEPOINT a', 'RELEASE SAVEPOINT', TRANSACTION],
    ['ROLLBACK TO SAVEPOINT a', 'ROLLBACK TO SAVEPOINT', TRANSACTION],
    ["PREPARE TRANSACTION 'x'", 'PREPARE TRANSACTION', TRANSACTION],
    ["COMMIT PREPARED 'x'", 'COMMIT PREPARED', TRANSACTION],
    ["ROLLBACK PREPARED 'x'", 'ROLLBACK PREPARED', TRANSACTION],
    ["COPY t FROM PROGRAM 'id'", 'COPY', IMPORT],
    ["COPY t TO '/tmp/x'", 'COPY', IMPORT],
    ['COPY t FROM STDIN', 'COPY', IMPORT],
    ['COPY (SELECT 1) TO STDOUT', 'COPY', IMPORT],
    ["DO $$ begin execute 'set role postgres'; end $$", 'DO'],
    [
      "CREATE FUNCTION f() returns void security definer language sql as 'select 1'",
      'CREATE FUNCTION',
    ],
    ["CREATE OR REPLACE PROCEDURE p() LANGUAGE sql AS 'select 1'", 'CREATE PROCEDURE'],
    ['ALTER FUNCTION f() SECURITY DEFINER', 'ALTER FUNCTION'],
    ['ALTER PROCEDURE p() OWNER TO postgres', 'ALTER PROCEDURE … OWNER TO', OWNED],
    ['ALTER ROUTINE f() IMMUTABLE', 'ALTER ROUTINE'],
    ['DROP FUNCTION f()', 'DROP FUNCTION'],
    ['DROP PROCEDURE p()', 'DROP PROCEDURE'],
    ['CALL p()', 'CALL'],
    ['CREATE EXTENSION dblink', 'CREATE EXTENSION'],
    ['CREATE EXTENSION IF NOT EXISTS adminpack SCHEMA public', 'CREATE EXTENSION'],
    ['ALTER EXTENSION dblink UPDATE', 'ALTER EXTENSION'],
    ['DROP EXTENSION dblink', 'DROP EXTENSION'],
    ['ALTER SYSTEM SET x = 1', 'ALTER SYSTEM'],
    ['ALTER SYSTEM RESET ALL', 'ALTER SYSTEM'],
    ['CREATE ROLE x', 'CREATE ROLE', CONSOLE_ACCESS],
    ['CREATE USER x SUPERUSER', 'CREATE USER', CONSOLE_ACCESS],
    ['CREATE GROUP x', 'CREATE GROUP', CONSOLE_ACCESS],
    ['ALTER ROLE x LOGIN', 'ALTER ROLE', CONSOLE_ACCESS],
    ["ALTER USER x WITH PASSWORD 'y'", 'ALTER USER', CONSOLE_ACCESS],
    ['ALTER GROUP g ADD USER u', 'ALTER GROUP', CONSOLE_ACCESS],
    ['alter role current_user set search_path = x', 'ALTER ROLE', CONSOLE_ACCESS],
    ['ALTER ROLE r RENAME TO s', 'ALTER ROLE … RENAME'],
    ['DROP ROLE x', 'DROP ROLE', CONSOLE_ACCESS],
    ['DROP USER x', 'DROP USER', CONSOLE_ACCESS],
    ['DROP GROUP x', 'DROP GROUP', CONSOLE_ACCESS],
    ['grant select on t to public', 'GRANT', CONSOLE_ACCESS],
    ['GRANT ALL ON ALL TABLES IN SCHEMA ws1 TO x WITH GRANT OPTION', 'GRANT', CONSOLE_ACCESS],
    ['GRANT pg_read_server_files TO current_user', 'GRANT', CONSOLE_ACCESS],
    ['REVOKE SELECT ON t FROM public', 'REVOKE', CONSOLE_ACCESS],
    ['REVOKE x FROM y', 'REVOKE', CONSOLE_ACCESS],
    [
      'ALTER DEFAULT PRIVILEGES GRANT SELECT ON TABLES TO x',
      'ALTER DEFAULT PRIVILEGES',
      CONSOLE_ACCESS,
    ],
    ['REASSIGN OWNED BY a TO b', 'REASSIGN OWNED'],
    ['DROP OWNED BY a', 'DROP OWNED'],
    ['CREATE DATABASE d', 'CREATE DATABASE'],
    ['DROP DATABASE d', 'DROP DATABASE'],
    ['ALTER DATABASE d SET work_mem = 1', 'ALTER DATABASE'],
    ['ALTER DATABASE d RENAME TO e', 'ALTER DATABASE … RENAME'],
    ['CREATE SCHEMA s', 'CREATE SCHEMA', ONE_SCHEMA],
    ['CREATE SCHEMA s CREATE TABLE t (a int)', 'CREATE SCHEMA', ONE_SCHEMA],
    ['drop schema x cascade', 'DROP SCHEMA'],
    ['ALTER SCHEMA s RENAME TO t', 'ALTER SCHEMA … RENAME'],
    ['ALTER SCHEMA s OWNER TO x', 'ALTER SCHEMA … OWNER TO', OWNED],
    ["CREATE TABLESPACE t LOCATION '/x'", 'CREATE TABLESPACE'],
    ['DROP TABLESPACE t', 'DROP TABLESPACE'],
    ['ALTER TABLESPACE t SET (random_page_cost = 1)', 'ALTER TABLESPACE'],
    ["LOAD 'auto_explain'", 'LOAD'],
    ['CREATE LANGUAGE plpgsql', 'CREATE LANGUAGE'],
    ['CREATE OR REPLACE TRUSTED LANGUAGE plperl', 'CREATE LANGUAGE'],
    ['CREATE TRUSTED PROCEDURAL LANGUAGE x HANDLER y', 'CREATE LANGUAGE'],
    ['DROP LANGUAGE plpgsql', 'DROP LANGUAGE'],
    ['CREATE FOREIGN DATA WRAPPER w', 'CREATE FOREIGN DATA WRAPPER'],
    ['DROP FOREIGN DATA WRAPPER w', 'DROP FOREIGN DATA WRAPPER'],
    ['CREATE SERVER s FOREIGN DATA WRAPPER postgres_fdw', 'CREATE SERVER'],
    ['ALTER SERVER s OPTIONS (host $$evil$$)', 'ALTER SERVER'],
    ['DROP SERVER s', 'DROP SERVER'],
    [
      "CREATE USER MAPPING FOR current_user SERVER s OPTIONS (user 'postgres')",
      'CREATE USER MAPPING',
    ],
    ['DROP USER MAPPING FOR current_user SERVER s', 'DROP USER MAPPING'],
    ['IMPORT FOREIGN SCHEMA public FROM SERVER s INTO ws1', 'IMPORT FOREIGN SCHEMA'],
    ['CREATE FOREIGN TABLE ws1.f (a int) SERVER s', 'CREATE FOREIGN TABLE'],
    ['ALTER FOREIGN TABLE ws1.f ADD COLUMN b int', 'ALTER FOREIGN TABLE'],
    ['DROP FOREIGN TABLE ws1.f', 'DROP FOREIGN TABLE'],
    ['CREATE PUBLICATION p FOR ALL TABLES', 'CREATE PUBLICATION'],
    ['ALTER PUBLICATION p ADD TABLE t', 'ALTER PUBLICATION'],
    ['DROP PUBLICATION p', 'DROP PUBLICATION'],
    ["CREATE SUBSCRIPTION s CONNECTION 'host=x' PUBLICATION p", 'CREATE SUBSCRIPTION'],
    ['ALTER SUBSCRIPTION s DISABLE', 'ALTER SUBSCRIPTION'],
    ['DROP SUBSCRIPTION s', 'DROP SUBSCRIPTION'],
    ['LISTEN x', 'LISTEN', SESSION],
    ["NOTIFY x, 'payload'", 'NOTIFY'],
    ['UNLISTEN *', 'UNLISTEN', SESSION],
    ['PREPARE p AS SELECT 1', 'PREPARE', SESSION],
    ['EXECUTE p', 'EXECUTE', SESSION],
    ['DEALLOCATE ALL', 'DEALLOCATE', SESSION],
    ['DECLARE c CURSOR WITH HOLD FOR SELECT 1', 'DECLARE', SESSION],
    ['FETCH 10 FROM c', 'FETCH', SESSION],
    ['MOVE c', 'MOVE', SESSION],
    ['CLOSE c', 'CLOSE', SESSION],
    ['DISCARD ALL', 'DISCARD', 'session state is reset after every request'],
    ['LOCK TABLE ws1.documents IN ACCESS EXCLUSIVE MODE', 'LOCK'],
    ['CHECKPOINT', 'CHECKPOINT'],
    ['CREATE RULE r AS ON INSERT TO t DO INSTEAD NOTHING', 'CREATE RULE'],
    ['DROP RULE r ON t', 'DROP RULE'],
    ['CREATE TRIGGER tr AFTER INSERT ON t EXECUTE FUNCTION f()', 'CREATE TRIGGER'],
    [
      'CREATE CONSTRAINT TRIGGER tr AFTER INSERT ON t FOR EACH ROW EXECUTE FUNCTION f()',
      'CREATE CONSTRAINT TRIGGER',
    ],
    ['DROP TRIGGER tr ON t', 'DROP TRIGGER'],
    ['CREATE EVENT TRIGGER e ON ddl_command_start EXECUTE FUNCTION f()', 'CREATE EVENT TRIGGER'],
    ['ALTER EVENT TRIGGER e DISABLE', 'ALTER EVENT TRIGGER'],
    ["SECURITY LABEL ON TABLE t IS 'x'", 'SECURITY LABEL'],
    ['CREATE CAST (int AS text) WITH INOUT AS IMPLICIT', 'CREATE CAST'],
    ["CREATE CONVERSION c FOR 'LATIN1' TO 'UTF8' FROM f", 'CREATE CONVERSION'],
    ['CREATE OPERATOR === (function = f, leftarg = int)', 'CREATE OPERATOR'],
    ['CREATE AGGREGATE a(int) (sfunc = f, stype = int)', 'CREATE AGGREGATE'],
    ["CREATE COLLATION c (locale = 'C')", 'CREATE COLLATION'],
    ['CREATE ACCESS METHOD m TYPE INDEX HANDLER h', 'CREATE ACCESS METHOD'],
    ['CREATE OPERATOR CLASS c FOR TYPE int USING btree AS OPERATOR 1 <', 'CREATE OPERATOR CLASS'],
    ['CREATE OPERATOR FAMILY f USING btree', 'CREATE OPERATOR FAMILY'],
    ['CREATE TEXT SEARCH CONFIGURATION c (copy = english)', 'CREATE TEXT SEARCH CONFIGURATION'],
    ['CREATE TYPE ws1.shell', 'CREATE TYPE (base or shell type)'],
    ['CREATE TYPE ws1.r AS RANGE (subtype = int)', 'CREATE TYPE … AS RANGE'],
    ['CREATE POLICY p ON t USING (true)', 'CREATE POLICY'],
    ['CLUSTER ws1.documents USING docs_title', 'CLUSTER'],
    ['ALTER DOMAIN ws1.email SET DEFAULT 1', 'ALTER DOMAIN'],
    ['ALTER STATISTICS ws1.st SET STATISTICS 10', 'ALTER STATISTICS'],
    ['alter table t owner to postgres', 'ALTER TABLE … OWNER TO', OWNED],
    ['ALTER SEQUENCE s OWNER TO x', 'ALTER SEQUENCE … OWNER TO', OWNED],
    ['ALTER VIEW v OWNER TO x', 'ALTER VIEW … OWNER TO', OWNED],
    ['ALTER TYPE ty OWNER TO x', 'ALTER TYPE … OWNER TO', OWNED],
    ['ALTER TABLE t SET TABLESPACE pg_global', 'ALTER TABLE … SET TABLESPACE'],
    ['ALTER INDEX i SET TABLESPACE x', 'ALTER INDEX … SET TABLESPACE'],
    ['ALTER TABLE ALL IN TABLESPACE a SET TABLESPACE b', 'ALTER … ALL IN TABLESPACE'],
    ['ALTER TABLE t SET SCHEMA x', 'ALTER TABLE … SET SCHEMA', IN_SCHEMA],
    ['ALTER TYPE ty SET SCHEMA x', 'ALTER TYPE … SET SCHEMA', IN_SCHEMA],
    ['ALTER INDEX i DEPENDS ON EXTENSION x', 'ALTER INDEX … DEPENDS ON EXTENSION'],
    ['ALTER TYPE ty SET (RECEIVE = f)', 'ALTER TYPE … SET'],
    ['ALTER LARGE OBJECT 1 OWNER TO x', 'ALTER LARGE OBJECT … OWNER TO', OWNED],
    ['DROP CAST (int AS text)', 'DROP CAST'],
    ['DROP POLICY p ON t', 'DROP POLICY'],
    ['EXPLAIN EXECUTE p', 'EXECUTE', SESSION],
    ['EXPLAIN ANALYZE DECLARE c CURSOR FOR SELECT 1', 'DECLARE', SESSION],
    ['CREATE TABLE t AS EXECUTE p', 'EXECUTE', SESSION],
  ];

  it.each(refused)('%s → %s', (sql, what, why) => {
    const error = refusal(sql);
    const message = `${what} is not allowed in a workspace`;
    expect(error.message).toBe(why ? `${message}: ${why}` : message);
    expect(error.sqlstate).toBe('42501');
    expect(error.position).toBeGreaterThanOrEqual(1);
  });

  it('points at the start of the statement, after comments', () => {
    expect(refusal('SET ROLE postgres').position).toBe(1);
    expect(refusal(' /* é */ SET ROLE postgres').position).toBe(10);
    expect(refusal('alter table t owner to postgres').position).toBe(24);
  });
});
