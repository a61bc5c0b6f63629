import { randomBytes } from 'node:crypto';
import { parseSync, type Node } from 'libpg-query';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { databaseUrl, withClient, type Queryable } from '../db/index';
import {
  EmptyStatement,
  StatementRefused,
  StatementSyntaxError,
  checkStatement,
  insertValuesAsSet,
  loadGuard,
} from './guard';
import { deniedFunction } from './guard-functions';

const W = 'ws1';

function refusal(sql: string): StatementRefused {
  try {
    checkStatement(sql);
  } catch (error) {
    if (error instanceof StatementRefused) return error;
    throw error;
  }
  throw new Error(`expected a refusal for: ${sql}`);
}

function syntaxError(sql: string): StatementSyntaxError {
  try {
    checkStatement(sql);
  } catch (error) {
    if (error instanceof StatementSyntaxError) return error;
    throw error;
  }
  throw new Error(`expected a syntax error for: ${sql}`);
}

function parseOne(sql: string): Node {
  const stmts = parseSync(sql).stmts ?? [];
  expect(stmts).toHaveLength(1);
  return stmts[0]!.stmt!;
}

/** Every value found under `key` anywhere in a parse tree. */
function collect(tree: unknown, key: string): unknown[] {
  const found: unknown[] = [];
  const visit = (value: unknown) => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (typeof value === 'object' && value !== null) {
      for (const [k, v] of Object.entries(value)) {
        if (k === key) found.push(v);
        visit(v);
      }
    }
  };
  visit(tree);
  return found;
}

// A database of this file's own on the test cluster, for what only PostgreSQL can confirm.
let url: string;
const adminUrl = () => inject('adminDatabaseUrl');
const onPg = <T>(work: (client: Queryable) => Promise<T>) => withClient(url, work);

async function pgError(sql: string): Promise<{ message: string; position?: number }> {
  return onPg(async (client) => {
    try {
      await client.query(sql);
    } catch (error) {
      const e = error as { message: string; position?: string };
      return { message: e.message, position: e.position ? Number(e.position) : undefined };
    }
    throw new Error(`PostgreSQL accepted: ${sql}`);
  });
}

beforeAll(async () => {
  await loadGuard();
  const name = `guard_${randomBytes(6).toString('hex')}`;
  await withClient(adminUrl(), (client) => client.query(`CREATE DATABASE ${name}`));
  url = databaseUrl(adminUrl(), name);
  // What the server sets up for Deeplake SQL on plain PostgreSQL: heap and hash under
  // Deeplake's names, with default operator classes so that the hash handler has something
  // to index with.
  await onPg(async (client) => {
    await client.query('CREATE ACCESS METHOD deeplake TYPE TABLE HANDLER heap_tableam_handler');
    await client.query('CREATE ACCESS METHOD deeplake_index TYPE INDEX HANDLER hashhandler');
    await client.query(
      `CREATE OPERATOR CLASS deeplake_array_ops DEFAULT FOR TYPE anyarray USING deeplake_index
         AS OPERATOR 1 = (anyarray, anyarray), FUNCTION 1 hash_array(anyarray)`,
    );
    await client.query(
      `CREATE OPERATOR CLASS deeplake_text_ops DEFAULT FOR TYPE text USING deeplake_index
         AS OPERATOR 1 = (text, text), FUNCTION 1 hashtext(text)`,
    );
    await client.query(`CREATE SCHEMA ${W}`);
  });
});

afterAll(async () => {
  const name = new URL(url).pathname.slice(1);
  await withClient(adminUrl(), (client) =>
    client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  );
});

describe('loadGuard', () => {
  it('loads once: later calls share the first load', () => {
    expect(loadGuard()).toBe(loadGuard());
  });

  it('checkStatement says so when the parser is not loaded yet', async () => {
    vi.resetModules();
    const fresh = await import('./guard');
    expect(() => fresh.checkStatement('select 1')).toThrow(/loadGuard\(\)/);
    await fresh.loadGuard();
    expect(fresh.checkStatement('select 1').kind).toBe('SelectStmt');
  });
});

describe("the docs' examples", () => {
  const examples: [string, string][] = [
    [
      'CreateStmt',
      `CREATE TABLE IF NOT EXISTS "${W}"."documents" (id SERIAL PRIMARY KEY, title TEXT, content TEXT, metadata JSONB, embedding FLOAT4[], created_at TIMESTAMPTZ DEFAULT NOW()) USING deeplake`,
    ],
    [
      'InsertStmt',
      `INSERT INTO "${W}"."documents" (title, content, metadata) VALUES ($1, $2, $3::jsonb)`,
    ],
    ['UpdateStmt', `UPDATE "${W}"."documents" SET content = $1 WHERE title = $2`],
    ['DeleteStmt', `DELETE FROM "${W}"."documents" WHERE title = $1`],
    [
      'SelectStmt',
      `SELECT id, title, content FROM "${W}"."documents" WHERE metadata->>$1 = $2 ORDER BY created_at DESC LIMIT 20`,
    ],
    [
      'SelectStmt',
      `SELECT metadata->>$1 AS source, COUNT(*) AS doc_count FROM "${W}"."documents" GROUP BY metadata->>$1 ORDER BY doc_count DESC`,
    ],
    [
      'SelectStmt',
      `SELECT id, title, embedding <#> ARRAY[0.1, 0.2, 0.3]::float4[] AS score FROM "${W}"."documents" ORDER BY score DESC LIMIT 5`,
    ],
    ['UpdateStmt', `UPDATE "${W}"."documents" SET metadata = $1::jsonb WHERE title = $2`],
  ];

  it.each(examples)('%s passes unchanged: %s', (kind, sql) => {
    const checked = checkStatement(sql);
    expect(checked).toMatchObject({ kind, text: sql, rewritten: false });
  });

  it('the CREATE INDEX … USING deeplake_index example is rewritten for the hash handler', () => {
    const sql = `CREATE INDEX IF NOT EXISTS idx_vec ON "${W}"."documents" USING deeplake_index (embedding DESC)`;
    const checked = checkStatement(sql);
    expect(checked).toMatchObject({ kind: 'IndexStmt', rewritten: true, paramCount: 0 });
    expect(checked.text).toBe(
      `CREATE INDEX IF NOT EXISTS idx_vec ON ${W}.documents USING deeplake_index (embedding)`,
    );
  });

  it('all of them run on PostgreSQL with the deeplake access methods', async () => {
    const params: Record<string, unknown[]> = {
      INSERT: ['Intro', 'Hello', '{"source": "web"}'],
      'UPDATE "ws1"."documents" SET content': ['Hi', 'Intro'],
      DELETE: ['Nothing'],
      'SELECT id, title, content': ['source', 'web'],
      'SELECT metadata': ['source'],
      'UPDATE "ws1"."documents" SET metadata': ['{"source": "api"}', 'Intro'],
    };
    await onPg(async (client) => {
      for (const [, sql] of examples) {
        // <#> is pgvector's operator: plain PostgreSQL has no such operator on real[].
        if (sql.includes('<#>')) continue;
        const key = Object.keys(params).find((prefix) => sql.startsWith(prefix));
        const { text, paramCount } = checkStatement(sql);
        const values = key ? params[key]! : [];
        expect(values).toHaveLength(paramCount);
        await client.query(text, values);
      }
      await client.query(
        checkStatement(
          `CREATE INDEX IF NOT EXISTS idx_vec ON "${W}"."documents" USING deeplake_index (embedding DESC)`,
        ).text,
      );
      await client.query(
        checkStatement(
          `CREATE INDEX idx_title ON "${W}"."documents" USING deeplake_index (title) WITH (index_type = 'bm25')`,
        ).text,
      );
      const indexes = await client.query<{ indexdef: string }>(
        `SELECT indexdef FROM pg_indexes WHERE schemaname = $1 AND indexname LIKE 'idx_%' ORDER BY 1`,
        [W],
      );
      expect(indexes.map((row) => row.indexdef)).toEqual([
        `CREATE INDEX idx_title ON ${W}.documents USING deeplake_index (title)`,
        `CREATE INDEX idx_vec ON ${W}.documents USING deeplake_index (embedding)`,
      ]);
    });
  });
});

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

describe('more than one statement', () => {
  it('is refused with the count and the position of the second statement', () => {
    const error = refusal('select 1; select 2;\n  select 3');
    expect(error.message).toBe('Send one statement per request (found 3)');
    expect(error.position).toBe(11);
    expect(error.sqlstate).toBe('42601');
  });

  it('counts only real statements (empty ones between semicolons are not)', () => {
    expect(refusal('select 1;;; select 2').message).toBe(
      'Send one statement per request (found 2)',
    );
  });

  it('is refused even when every statement would be allowed, or one hides after a comment', () => {
    expect(refusal('select 1; /* ; */ -- x\n set role postgres').position).toBe(25);
    expect(refusal("select 'é'; select 2").position).toBe(13);
  });

  it('a trailing semicolon is one statement', () => {
    expect(checkStatement('select 1; ').kind).toBe('SelectStmt');
  });
});

describe('empty input', () => {
  it.each(['', '   ', '\n\t', '-- nothing', '/* nothing */', ';', ' ; ;; ', '-- a\n;/* b */;'])(
    '%j is "The query is empty"',
    (sql) => {
      expect(() => checkStatement(sql)).toThrow(EmptyStatement);
      const error = syntaxError(sql);
      expect(error.message).toBe('The query is empty');
      expect(error.sqlstate).toBe('42601');
      expect(error.position).toBeUndefined();
    },
  );
});

describe('syntax errors', () => {
  it("carry the parser's message and PostgreSQL's position (1-based characters)", () => {
    const error = syntaxError('select from where');
    expect(error).not.toBeInstanceOf(EmptyStatement);
    expect(error.message).toBe('syntax error at or near "where"');
    expect(error.position).toBe(13);
    expect(error.sqlstate).toBe('42601');
  });

  it('count characters, not bytes, after non-ASCII text', () => {
    expect(syntaxError("select 'é', from where").position).toBe(13);
    expect(syntaxError("select 'é😀', from where").position).toBe(14);
    expect(syntaxError('select (').message).toBe('syntax error at end of input');
    expect(syntaxError('select (').position).toBe(9);
    expect(syntaxError('selec 1').position).toBe(1);
  });

  it.each([
    'select from where',
    "select 'é', from where",
    "select 'é😀', from where",
    "select '日本語',\n  'ü' from where",
    "select 'abc",
    'select 1 limit 1 limit 2',
    'select $$é$$ 1e',
  ])('agree with PostgreSQL: %j', async (sql) => {
    const error = syntaxError(sql);
    expect(await pgError(sql)).toEqual({ message: error.message, position: error.position });
  });

  it('a NUL character is refused where it is (the parser would stop reading there)', () => {
    const error = syntaxError("select 'é'\0; select set_config('a', 'b', false)");
    expect(error.message).toMatch(/NUL/);
    expect(error.position).toBe(11);
  });

  it('nesting deeper than the parser allows is its "memory exhausted"', () => {
    const error = syntaxError(`select ${'('.repeat(20_000)}1${')'.repeat(20_000)}`);
    expect(error.message).toMatch(/memory exhausted/);
  });

  it('a tree too deep for JavaScript to read back is refused (54001), not a crash', () => {
    const sql = `select ${Array.from({ length: 100_000 }, (_, i) => `a${i} + `).join('')}1`;
    const error = refusal(sql);
    expect(error.message).toBe('The query is nested too deeply to check');
    expect(error.sqlstate).toBe('54001');
    expect(checkStatement('select 1').kind).toBe('SelectStmt');
  });
});

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

describe('positions of refusals', () => {
  it('are 1-based characters of the original text, after non-ASCII too', () => {
    expect(refusal("select set_config('a', 'b', false)").position).toBe(8);
    expect(refusal("select 'é😀', set_config('a', 'b', false)").position).toBe(14);
    expect(refusal("select '日本語',\n  (select pg_notify('a', 'b'))").position).toBe(25);
    // A lone surrogate goes out as U+FFFD, one character, in the parser and in PostgreSQL.
    expect(refusal("select '\uD800', set_config('a', 'b', false)").position).toBe(13);
  });

  it('agree with where PostgreSQL puts an error for a call at the same place', async () => {
    const places: [string, string][] = [
      ["select 'é😀', ", ''],
      ["select '日本語',\n  (select ", ')'],
      ['select $$ü$$ as a, * from (values (1)) v where ', ' is null'],
    ];
    for (const [before, after] of places) {
      const ours = refusal(`${before}set_config('a', 'b', false)${after}`).position;
      const theirs = await pgError(`${before}no_such_fn('a', 'b', false)${after}`);
      expect(theirs.message).toMatch(/does not exist/);
      expect(ours).toBe(theirs.position);
    }
  });
});

describe('paramCount', () => {
  it.each([
    ['select 1', 0],
    ['select $1', 1],
    ['select $3, $1', 3],
    ['select * from t where a = $12 and b = $2', 12],
    ['select (select max(x) from (select $7 as x) s)', 7],
    ['with c as (select $4) select * from c', 4],
    ['insert into t (a, b) values ($1, $2::jsonb)', 2],
    ['update t set a = $2 where b = any($1::int[])', 2],
    ['explain analyze select $5', 5],
    ['create table t (a int default 1)', 0],
    ['select \'$9\', $$ $8 $$, "$7" from t -- $6', 0],
  ])('%s → %i', (sql, count) => {
    expect(checkStatement(sql).paramCount).toBe(count);
  });
});

describe('Deeplake compatibility rewrite of CREATE INDEX … USING deeplake_index', () => {
  function indexElems(sql: string) {
    return collect(parseOne(sql), 'IndexElem') as Record<string, unknown>[];
  }

  it.each([
    `CREATE INDEX idx ON ${W}.documents USING deeplake_index (embedding DESC)`,
    `CREATE INDEX idx ON ${W}.documents USING deeplake_index (embedding ASC NULLS FIRST)`,
    `CREATE INDEX idx ON ${W}.documents USING deeplake_index (title) WITH (index_type = 'bm25')`,
    `create index if not exists "Idx" on "Ws 1"."My Docs" using "deeplake_index" ((lower(title)) desc nulls last) with (index_type = 'exact_text', fillfactor = 50) where title is not null`,
    `CREATE UNIQUE INDEX CONCURRENTLY idx ON ONLY ${W}.documents USING deeplake_index (id DESC)`,
  ])('drops ordering and options: %s', (sql) => {
    const checked = checkStatement(sql);
    expect(checked.rewritten).toBe(true);
    expect(checked.kind).toBe('IndexStmt');
    const again = parseOne(checked.text);
    expect(checked.ast).toEqual(again);
    const index = (again as { IndexStmt: Record<string, unknown> }).IndexStmt;
    expect(index.accessMethod).toBe('deeplake_index');
    expect(index.options).toBeUndefined();
    for (const elem of indexElems(checked.text)) {
      expect(elem.ordering).toBe('SORTBY_DEFAULT');
      expect(elem.nulls_ordering).toBe('SORTBY_NULLS_DEFAULT');
    }
    // Everything else survives the round trip.
    const original = structuredClone(
      (parseOne(sql) as { IndexStmt: Record<string, unknown> }).IndexStmt,
    );
    delete original.options;
    expect(JSON.stringify(index.relation)).toBe(JSON.stringify(original.relation));
    expect(index.idxname).toBe(original.idxname);
    expect(index.unique).toBe(original.unique);
    expect(index.concurrent).toBe(original.concurrent);
    expect(index.if_not_exists).toBe(original.if_not_exists);
    expect(Boolean(index.whereClause)).toBe(Boolean(original.whereClause));
  });

  it('keeps the names and the predicate exactly', () => {
    const { text } = checkStatement(
      `create index if not exists "Idx" on "Ws 1"."My Docs" using deeplake_index ((lower(title)) desc) with (index_type = 'bm25') where "Title" is not null`,
    );
    expect(text).toBe(
      `CREATE INDEX IF NOT EXISTS "Idx" ON "Ws 1"."My Docs" USING deeplake_index ((lower(title))) WHERE "Title" IS NOT NULL`,
    );
  });

  it.each([
    `CREATE INDEX idx ON ${W}.documents USING btree (title DESC NULLS LAST) WITH (fillfactor = 70)`,
    `CREATE INDEX idx ON ${W}.documents USING hash (title)`,
    `CREATE   INDEX idx ON ${W}.documents (title DESC) -- keep my comment`,
  ])('leaves other index methods untouched: %s', (sql) => {
    expect(checkStatement(sql)).toMatchObject({ text: sql, rewritten: false });
  });

  it('is refused (0A000) when the deparser cannot print it faithfully', () => {
    const error = refusal(
      `CREATE INDEX ON ${W}.documents USING deeplake_index ((tags::"char"[]) DESC)`,
    );
    expect(error.message).toMatch(/^This CREATE INDEX … USING deeplake_index could not be adapted/);
    expect(error.sqlstate).toBe('0A000');
  });

  it('CREATE TABLE … USING deeplake needs no rewrite', () => {
    const sql = `CREATE TABLE ${W}.t (a int) USING deeplake`;
    expect(checkStatement(sql)).toMatchObject({ text: sql, rewritten: false });
  });

  it('the rewritten statements run on PostgreSQL where the originals fail', async () => {
    const ordered = `CREATE INDEX demo_ordered ON ${W}.demo USING deeplake_index (body DESC NULLS LAST)`;
    const options = `CREATE INDEX demo_options ON ${W}.demo USING deeplake_index (body) WITH (index_type = 'bm25')`;
    await onPg((client) => client.query(`CREATE TABLE ${W}.demo (body text) USING deeplake`));
    expect((await pgError(ordered)).message).toMatch(/does not support ASC\/DESC options/);
    expect((await pgError(options)).message).toBe('unrecognized parameter "index_type"');
    await onPg(async (client) => {
      await client.query(checkStatement(ordered).text);
      await client.query(checkStatement(options).text);
    });
  });
});

describe('insertValuesAsSet', () => {
  const batch = (sql: string, types: string[]) => insertValuesAsSet(checkStatement(sql), types);

  it("produces the brief's statement", () => {
    expect(batch('INSERT INTO t (a, b) VALUES ($1, $2::jsonb)', ['text', 'jsonb'])).toBe(
      'INSERT INTO t (a, b) SELECT __batch.p1, __batch.p2::jsonb FROM unnest(CAST($1 AS text[]), CAST($2 AS jsonb[])) WITH ORDINALITY AS __batch(p1, p2, __ord) ORDER BY __batch.__ord',
    );
  });

  it.each([
    ['a SELECT', 'SELECT $1', ['text']],
    ['a WITH clause', 'WITH x AS (SELECT 1) INSERT INTO t (a) VALUES ($1)', ['text']],
    ['ON CONFLICT', 'INSERT INTO t (a) VALUES ($1) ON CONFLICT DO NOTHING', ['text']],
    ['RETURNING', 'INSERT INTO t (a) VALUES ($1) RETURNING id', ['text']],
    ['two VALUES rows', 'INSERT INTO t (a) VALUES ($1), ($2)', ['text', 'text']],
    ['INSERT … SELECT', 'INSERT INTO t (a) SELECT $1', ['text']],
    ['DEFAULT VALUES', 'INSERT INTO t DEFAULT VALUES', []],
    ['DEFAULT in the row', 'INSERT INTO t (a, b) VALUES ($1, DEFAULT)', ['text']],
    ['no parameters', 'INSERT INTO t (a) VALUES (now())', []],
    ['a LIMIT on VALUES', 'INSERT INTO t VALUES ($1) LIMIT 1', ['text']],
    ['an array type', 'INSERT INTO t (a) VALUES ($1)', ['real[]']],
    ['an array type (integer[])', 'INSERT INTO t (a, b) VALUES ($1, $2)', ['text', 'integer[]']],
    ['an ARRAY type', 'INSERT INTO t (a) VALUES ($1)', ['integer ARRAY']],
    ['unknown', 'INSERT INTO t (a) VALUES ($1)', ['unknown']],
    ['a missing type', 'INSERT INTO t (a, b) VALUES ($1, $2)', ['text']],
    ['an empty type', 'INSERT INTO t (a) VALUES ($1)', ['']],
    ['an injected type', 'INSERT INTO t (a) VALUES ($1)', ['int; DROP TABLE t']],
    ['an injected type (paren)', 'INSERT INTO t (a) VALUES ($1)', ['int), (SELECT 1']],
    ['an injected type (comment)', 'INSERT INTO t (a) VALUES ($1)', ['int[] /*']],
    ['SETOF', 'INSERT INTO t (a) VALUES ($1)', ['setof int']],
    ['a parameter outside the row', 'INSERT INTO t (a[$1]) VALUES ($2)', ['integer', 'text']],
  ])('null for %s', (_what, sql, types) => {
    expect(batch(sql, types)).toBeNull();
  });

  it('takes the checked statement or its ast, and leaves the ast as it was', () => {
    const checked = checkStatement('INSERT INTO t (a) VALUES ($1 + 1)');
    const before = JSON.stringify(checked.ast);
    expect(insertValuesAsSet(checked.ast, ['integer'])).toBe(
      insertValuesAsSet(checked, ['integer']),
    );
    expect(JSON.stringify(checked.ast)).toBe(before);
  });

  it('replaces every use of a parameter, keeps expressions without one, and keeps OVERRIDING', () => {
    const text = batch(
      `INSERT INTO ${W}.t (a, b, c, d, e, f) OVERRIDING SYSTEM VALUE VALUES ($1, $1 || 'x', now(), 'lit', (SELECT max(n) FROM ${W}.u WHERE u.k = $2), nextval('${W}.s'))`,
      ['text', 'integer'],
    )!;
    expect(text).toBe(
      `INSERT INTO ${W}.t (a, b, c, d, e, f) OVERRIDING SYSTEM VALUE SELECT __batch.p1, __batch.p1 || 'x', now(), 'lit', (SELECT max(n) FROM ${W}.u WHERE u.k = __batch.p2), nextval('${W}.s') FROM unnest(CAST($1 AS text[]), CAST($2 AS int[])) WITH ORDINALITY AS __batch(p1, p2, __ord) ORDER BY __batch.__ord`,
    );
    expect(collect(parseOne(text), 'ParamRef')).toHaveLength(2);
  });

  it.each([
    'integer',
    'text',
    'character varying',
    'character varying(20)',
    'jsonb',
    'timestamp with time zone',
    'timestamp(3) without time zone',
    'time(3) with time zone',
    '"my type"',
    `${W}."my type"`,
    'double precision',
    'numeric(10,2)',
    'bit varying(5)',
    'interval',
    'interval day to second',
    'bigint',
  ])('casts to an array of %s that parses back to the same type', (type) => {
    const text = batch('INSERT INTO t (a) VALUES ($1)', [type]);
    expect(text).not.toBeNull();
    const cast = collect(parseOne(text!), 'TypeCast')[0] as { typeName: Record<string, unknown> };
    const original = (
      collect(parseOne(`SELECT NULL::${type}`), 'TypeCast')[0] as {
        typeName: Record<string, unknown>;
      }
    ).typeName;
    expect(cast.typeName.names).toEqual(original.names);
    expect(JSON.stringify(cast.typeName.typmods ?? null).replace(/"location":\d+/g, '')).toBe(
      JSON.stringify(original.typmods ?? null).replace(/"location":\d+/g, ''),
    );
    expect(cast.typeName.arrayBounds).toEqual([{ Integer: { ival: -1 } }]);
  });

  it('null, to run per row, when the deparser would not print the statement faithfully', () => {
    // pgsql-deparser prints the type "char"[] as "char": the check parses its output again.
    expect(batch('INSERT INTO t (a) VALUES ($1)', ['"char"'])).toBeNull();
    expect(batch('INSERT INTO t (a) VALUES ($1)', ['pg_catalog."char"'])).toBeNull();
  });

  it('inserts the same rows, in order, as running the original once per row', async () => {
    const original = `INSERT INTO ${W}.target (title, n, v, meta, at, kind, note) VALUES ($1, $2 + 1, $3, $4::jsonb, $5, $6, 'fixed')`;
    const types = [
      'text',
      'integer',
      'character varying',
      'jsonb',
      'timestamp with time zone',
      `${W}."my type"`,
    ];
    const rows = [
      ['first', 1, 'v1', '{"a": 1}', '2024-01-01T00:00:00Z', 'a b'],
      ['sécond, "quoted"', null, 'v2', '[1, 2]', '2024-06-01T12:30:00+02:00', 'c'],
      [null, 3, null, null, null, null],
      ['{braces}', -4, 'x'.repeat(20), '"str"', '1999-12-31T23:59:59Z', 'a b'],
    ];
    const text = batch(original, types)!;
    expect(text).not.toBeNull();
    const read = (table: string) =>
      `SELECT id, title, n, v, meta::text, at::text, kind::text, note FROM ${W}.${table} ORDER BY id`;
    const [one, set] = await onPg(async (client) => {
      await client.query(`CREATE TYPE ${W}."my type" AS ENUM ('a b', 'c')`);
      const columns = `id serial PRIMARY KEY, title text, n integer, v varchar(20), meta jsonb, at timestamptz, kind ${W}."my type", note text`;
      await client.query(`CREATE TABLE ${W}.target (${columns})`);
      for (const row of rows) await client.query(original, row);
      const perRow = await client.query(read('target'));
      await client.query(`TRUNCATE ${W}.target RESTART IDENTITY`);
      const columnsOf = (i: number) => rows.map((row) => row[i]);
      await client.query(
        text,
        types.map((_, i) => columnsOf(i)),
      );
      return [perRow, await client.query(read('target'))];
    });
    expect(one).toHaveLength(4);
    expect(set).toEqual(one);
  });
});

describe('performance', () => {
  it('checks a typical 200-character query in well under a millisecond', () => {
    const sql = `SELECT id, title, content FROM "${W}"."documents" WHERE metadata->>$1 = $2 AND created_at > now() - interval '1 day' ORDER BY created_at DESC, id LIMIT 20 OFFSET $3 -- the most recent documents from a source`;
    expect(sql.length).toBeGreaterThanOrEqual(200);
    for (let i = 0; i < 500; i++) checkStatement(sql);
    const runs = 5_000;
    const start = performance.now();
    for (let i = 0; i < runs; i++) checkStatement(sql);
    const perCall = (performance.now() - start) / runs;
    expect(perCall).toBeLessThan(0.5);
  });
});
