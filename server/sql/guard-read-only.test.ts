import { beforeAll, describe, expect, it } from 'vitest';
import { checkStatement, loadGuard } from './guard';
import { writingStatement } from './guard-read-only';

beforeAll(() => loadGuard());

/** What the classifier says of a statement the workspace guard lets through. */
const writing = (sql: string) => writingStatement(checkStatement(sql).ast)?.what ?? null;

describe('writingStatement', () => {
  it.each([
    'SELECT 1',
    'SELECT a, count(*) FROM t WHERE b = $1 GROUP BY 1',
    'VALUES (1), (2)',
    'SELECT 1 UNION ALL SELECT 2',
    'WITH x AS (SELECT 1 AS a) SELECT * FROM x',
    'WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3) SELECT * FROM n',
    'SHOW work_mem',
    'EXPLAIN SELECT * FROM t',
    // Only PostgreSQL knows that these write: the read-only transaction refuses them.
    "SELECT nextval('s')",
  ])('takes %s for reading', (sql) => {
    expect(writing(sql)).toBeNull();
  });

  it.each([
    ['INSERT INTO t VALUES (1)', 'INSERT'],
    ['UPDATE t SET a = 1', 'UPDATE'],
    ['DELETE FROM t', 'DELETE'],
    ['MERGE INTO t USING s ON t.a = s.a WHEN MATCHED THEN DELETE', 'MERGE'],
    ['CREATE TABLE n (a int)', 'CREATE TABLE'],
    ['CREATE TABLE n AS SELECT 1', 'CREATE TABLE AS'],
    ['CREATE VIEW v AS SELECT 1', 'CREATE VIEW'],
    ['CREATE INDEX ON t (a)', 'CREATE INDEX'],
    ['DROP TABLE t', 'DROP'],
    ['ALTER TABLE t ADD COLUMN b int', 'ALTER'],
    ['ALTER TABLE t RENAME TO u', 'ALTER … RENAME'],
    ['TRUNCATE t', 'TRUNCATE'],
    ["COMMENT ON TABLE t IS 'x'", 'COMMENT'],
    ['VACUUM t', 'VACUUM'],
    ['ANALYZE t', 'ANALYZE'],
    ['REINDEX TABLE t', 'REINDEX'],
    ['REFRESH MATERIALIZED VIEW m', 'REFRESH MATERIALIZED VIEW'],
    ['CREATE SEQUENCE s', 'CREATE SEQUENCE'],
    ['SELECT * INTO n FROM t', 'SELECT INTO'],
    ['SELECT * FROM t FOR UPDATE', 'SELECT … FOR UPDATE/SHARE'],
    ['SELECT 1 FROM t FOR KEY SHARE', 'SELECT … FOR UPDATE/SHARE'],
    ['WITH d AS (DELETE FROM t RETURNING *) SELECT * FROM d', 'WITH … DELETE'],
    [
      'SELECT * FROM (WITH i AS (INSERT INTO t VALUES (1) RETURNING *) SELECT * FROM i) x',
      'WITH … INSERT',
    ],
    ['EXPLAIN ANALYZE INSERT INTO t VALUES (1)', 'EXPLAIN INSERT'],
    ['EXPLAIN UPDATE t SET a = 1', 'EXPLAIN UPDATE'],
  ])('takes %s for writing (%s)', (sql, what) => {
    expect(writing(sql)).toBe(what);
  });

  it('points at what writes inside a reading statement: the WITH query that holds it', () => {
    const sql = 'WITH d AS (DELETE FROM t RETURNING *) SELECT * FROM d';
    const found = writingStatement(checkStatement(sql).ast);
    expect(found?.at).toBe(sql.indexOf('d AS'));
  });
});
