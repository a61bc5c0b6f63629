import { parseSync } from 'libpg-query';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadGuard } from './guard';
import { statementGrowth } from './statement-growth';

beforeAll(() => loadGuard());

const growth = (sql: string) => statementGrowth(parseSync(sql).stmts![0]!.stmt!);

describe('statementGrowth', () => {
  it.each([
    'SELECT * FROM t',
    'SHOW search_path',
    'DELETE FROM t WHERE a = 1',
    'TRUNCATE t',
    'DROP TABLE t',
    'VACUUM FULL t',
    'EXPLAIN SELECT 1',
    'EXPLAIN INSERT INTO t VALUES (1)',
    'EXPLAIN ANALYZE SELECT 1',
    'EXPLAIN (ANALYZE false) INSERT INTO t VALUES (1)',
  ])('%s reads or makes room: never held back', (sql) => {
    expect(growth(sql)).toBeUndefined();
  });

  it.each([
    'INSERT INTO t VALUES (1)',
    'UPDATE t SET a = 2',
    'MERGE INTO t USING s ON t.a = s.a WHEN NOT MATCHED THEN INSERT VALUES (s.a)',
    'CREATE TABLE t2 (a int)',
    'CREATE TABLE t2 AS SELECT 1',
    'SELECT 1 INTO t2',
    'WITH x AS (INSERT INTO t VALUES (1) RETURNING *) SELECT * FROM x',
    'WITH x AS (INSERT INTO t VALUES (1) RETURNING *) DELETE FROM t WHERE a IN (SELECT a FROM x)',
    'EXPLAIN ANALYZE INSERT INTO t VALUES (1)',
    'CREATE INDEX i ON t (a)',
    'REINDEX TABLE t',
    'ALTER TABLE t ADD COLUMN b text',
    'REFRESH MATERIALIZED VIEW m',
    "COMMENT ON TABLE t IS 'x'",
  ])('%s may grow: one transaction, committed within the limit', (sql) => {
    expect(growth(sql)).toBe('atomic');
  });

  it.each(['CREATE INDEX CONCURRENTLY i ON t (a)', 'REINDEX TABLE CONCURRENTLY t'])(
    '%s cannot run in a transaction: watched',
    (sql) => {
      expect(growth(sql)).toBe('watched');
    },
  );
});
