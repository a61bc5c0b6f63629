import { describe, expect, it } from 'vitest';
import { destructiveReason, destructiveReasons } from './destructive';

describe('destructiveReason', () => {
  describe('DROP', () => {
    it('flags dropping a table, naming it', () => {
      expect(destructiveReason('DROP TABLE documents')).toBe(
        'DROP TABLE documents deletes the table and all its rows',
      );
      expect(destructiveReason('drop table if exists public.a, "B" cascade;')).toBe(
        'DROP TABLE public.a, "B" deletes the tables and all their rows; CASCADE also drops everything that depends on them',
      );
    });

    it('flags dropping anything else', () => {
      expect(destructiveReason('DROP INDEX CONCURRENTLY IF EXISTS idx_docs')).toBe(
        'DROP INDEX idx_docs cannot be undone',
      );
      expect(destructiveReason('DROP MATERIALIZED VIEW mv')).toBe(
        'DROP MATERIALIZED VIEW mv cannot be undone',
      );
      expect(destructiveReason('DROP FUNCTION f(int, text), g()')).toBe(
        'DROP FUNCTION f, g cannot be undone',
      );
      expect(destructiveReason('DROP SCHEMA s CASCADE')).toBe(
        'DROP SCHEMA s cannot be undone; CASCADE also drops everything that depends on it',
      );
      expect(destructiveReason('DROP OWNED BY alice')).toBe('DROP OWNED BY alice cannot be undone');
      expect(destructiveReason('DROP')).toBe('DROP cannot be undone');
    });

    it('does not count DROP in comments, strings, dollar quotes or names', () => {
      expect(destructiveReason('-- DROP TABLE x\nSELECT 1')).toBeNull();
      expect(destructiveReason('/* DROP TABLE x; */ SELECT 1')).toBeNull();
      expect(destructiveReason("SELECT 'DROP TABLE x; DELETE FROM y'")).toBeNull();
      expect(destructiveReason('SELECT $$ DROP TABLE x $$')).toBeNull();
      expect(destructiveReason('SELECT "drop" FROM t')).toBeNull();
      expect(
        destructiveReason(
          'CREATE FUNCTION f() RETURNS void AS $fn$ DELETE FROM t; DROP TABLE u; $fn$ LANGUAGE sql',
        ),
      ).toBeNull();
      expect(destructiveReason('DO $$ BEGIN DROP TABLE t; END $$')).toBeNull();
      expect(
        destructiveReason(
          'CREATE PROCEDURE p() BEGIN ATOMIC DELETE FROM t; UPDATE u SET a = 1; END',
        ),
      ).toBeNull();
    });
  });

  it('flags TRUNCATE', () => {
    expect(destructiveReason('TRUNCATE documents')).toBe('TRUNCATE removes every row of documents');
    expect(destructiveReason('truncate table only a, b restart identity cascade')).toBe(
      'TRUNCATE removes every row of a, b, and of every table that references it',
    );
  });

  describe('DELETE', () => {
    it('flags DELETE without WHERE', () => {
      expect(destructiveReason('DELETE FROM documents')).toBe(
        'DELETE without WHERE removes every row of documents',
      );
      expect(destructiveReason('delete from only public.docs as d returning *')).toBe(
        'DELETE without WHERE removes every row of public.docs',
      );
      expect(destructiveReason('DELETE FROM t USING u')).toBe(
        'DELETE without WHERE removes every row of t',
      );
    });

    it('accepts DELETE with a WHERE of its own', () => {
      expect(destructiveReason('DELETE FROM t WHERE id = $1')).toBeNull();
      expect(destructiveReason('DELETE FROM t USING u WHERE t.id = u.id RETURNING t.*')).toBeNull();
      expect(destructiveReason('DELETE FROM t WHERE CURRENT OF c')).toBeNull();
      expect(destructiveReason('DELETE FROM t WHERE id IN (SELECT id FROM u)')).toBeNull();
    });

    it('does not take a WHERE in a subquery, comment or string for the statement’s', () => {
      expect(destructiveReason('DELETE FROM t USING (SELECT id FROM u WHERE x) s')).toBe(
        'DELETE without WHERE removes every row of t',
      );
      expect(destructiveReason('DELETE FROM t /* WHERE id = 1 */')).toBe(
        'DELETE without WHERE removes every row of t',
      );
      expect(destructiveReason('DELETE FROM t -- WHERE id = 1')).toBe(
        'DELETE without WHERE removes every row of t',
      );
      expect(destructiveReason("DELETE FROM t RETURNING 'WHERE'")).toBe(
        'DELETE without WHERE removes every row of t',
      );
    });

    it('flags the main DELETE after WITH, whatever WHERE the CTEs have', () => {
      expect(
        destructiveReason('WITH old AS (SELECT id FROM t WHERE stale) DELETE FROM t RETURNING *'),
      ).toBe('DELETE without WHERE removes every row of t');
      expect(
        destructiveReason(
          'WITH old AS (SELECT id FROM t WHERE stale) DELETE FROM t WHERE id IN (SELECT id FROM old)',
        ),
      ).toBeNull();
    });

    it('flags a data-modifying CTE without WHERE', () => {
      expect(
        destructiveReason('WITH gone AS (DELETE FROM t RETURNING *) SELECT count(*) FROM gone'),
      ).toBe('DELETE without WHERE removes every row of t');
      expect(
        destructiveReason(
          'WITH gone AS (DELETE FROM t WHERE a RETURNING *) SELECT * FROM gone WHERE true',
        ),
      ).toBeNull();
      expect(
        destructiveReasons(
          'WITH a AS (DELETE FROM x RETURNING id), b AS (UPDATE y SET n = 0 RETURNING id) DELETE FROM z',
        ),
      ).toEqual([
        'DELETE without WHERE removes every row of x',
        'UPDATE without WHERE changes every row of y',
        'DELETE without WHERE removes every row of z',
      ]);
    });

    it('flags DELETE inside COPY (…) TO and EXPLAIN ANALYZE, which run it', () => {
      expect(destructiveReason('COPY (DELETE FROM t RETURNING *) TO STDOUT')).toBe(
        'DELETE without WHERE removes every row of t',
      );
      expect(destructiveReason('EXPLAIN ANALYZE DELETE FROM t')).toBe(
        'DELETE without WHERE removes every row of t',
      );
      expect(destructiveReason('EXPLAIN (ANALYZE, BUFFERS) DELETE FROM t')).toBe(
        'DELETE without WHERE removes every row of t',
      );
      expect(destructiveReason('EXPLAIN VERBOSE ANALYZE UPDATE t SET a = 1')).toBe(
        'UPDATE without WHERE changes every row of t',
      );
    });

    it('leaves plain EXPLAIN alone: it does not run the statement', () => {
      expect(destructiveReason('EXPLAIN DELETE FROM t')).toBeNull();
      expect(destructiveReason('EXPLAIN (ANALYZE false) DELETE FROM t')).toBeNull();
      expect(destructiveReason('EXPLAIN (FORMAT JSON) DELETE FROM t')).toBeNull();
    });
  });

  describe('UPDATE', () => {
    it('flags UPDATE without WHERE', () => {
      expect(destructiveReason('UPDATE documents SET title = NULL')).toBe(
        'UPDATE without WHERE changes every row of documents',
      );
      expect(destructiveReason('UPDATE t SET a = (SELECT b FROM u WHERE u.id = 1)')).toBe(
        'UPDATE without WHERE changes every row of t',
      );
      expect(destructiveReason('UPDATE ONLY t AS x SET a = 1 FROM u')).toBe(
        'UPDATE without WHERE changes every row of t',
      );
    });

    it('accepts UPDATE with a WHERE of its own', () => {
      expect(destructiveReason('UPDATE t SET a = 1 WHERE id = $1')).toBeNull();
      expect(destructiveReason('UPDATE t SET a = u.b FROM u WHERE t.id = u.id')).toBeNull();
      expect(
        destructiveReason('UPDATE t SET a = (SELECT b FROM u WHERE u.id = t.id) WHERE t.x'),
      ).toBeNull();
    });
  });

  it('leaves DELETE and UPDATE that are not statements alone', () => {
    const safe = [
      'SELECT * FROM t FOR UPDATE',
      'SELECT * FROM t WHERE id IN (1, 2) FOR NO KEY UPDATE SKIP LOCKED',
      'WITH a AS (SELECT 1) SELECT * FROM t WHERE x IN (SELECT 1) FOR UPDATE',
      'CREATE TABLE c (p int REFERENCES p ON DELETE CASCADE ON UPDATE SET NULL)',
      'ALTER TABLE c ADD FOREIGN KEY (p) REFERENCES p ON DELETE CASCADE',
      'INSERT INTO t VALUES (1) ON CONFLICT (id) DO UPDATE SET n = t.n + 1',
      'MERGE INTO t USING s ON t.id = s.id WHEN MATCHED THEN DELETE WHEN NOT MATCHED THEN INSERT VALUES (s.id)',
      'MERGE INTO t USING s ON t.id = s.id WHEN MATCHED THEN UPDATE SET a = s.a',
      'GRANT UPDATE, DELETE ON t TO bob',
      'CREATE TRIGGER trg BEFORE UPDATE OR DELETE ON t FOR EACH ROW EXECUTE FUNCTION f()',
      'CREATE RULE r AS ON DELETE TO t DO INSTEAD (DELETE FROM u)',
      'PREPARE p AS DELETE FROM t',
      'SELECT update, delete FROM t',
      'SELECT 1',
      '',
    ];
    for (const sql of safe) expect(destructiveReason(sql), sql).toBeNull();
  });

  describe('ALTER TABLE … DROP COLUMN', () => {
    it('flags dropping a column, with or without the COLUMN keyword', () => {
      expect(destructiveReason('ALTER TABLE documents DROP COLUMN embedding')).toBe(
        'ALTER TABLE documents DROP COLUMN embedding deletes the column and its data',
      );
      expect(destructiveReason('alter table if exists only t drop if exists c cascade')).toBe(
        'ALTER TABLE t DROP COLUMN c deletes the column and its data',
      );
      expect(destructiveReasons('ALTER TABLE t ADD COLUMN x int, DROP COLUMN a, DROP b')).toEqual([
        'ALTER TABLE t DROP COLUMN a deletes the column and its data',
        'ALTER TABLE t DROP COLUMN b deletes the column and its data',
      ]);
    });

    it('leaves other ALTER TABLE drops alone', () => {
      expect(destructiveReason('ALTER TABLE t DROP CONSTRAINT t_pkey')).toBeNull();
      expect(destructiveReason('ALTER TABLE t ALTER COLUMN c DROP DEFAULT')).toBeNull();
      expect(
        destructiveReason('ALTER TABLE t ALTER c DROP NOT NULL, ALTER d DROP DEFAULT'),
      ).toBeNull();
      expect(destructiveReason('ALTER TABLE t ADD COLUMN drop int')).toBeNull();
      expect(destructiveReason('ALTER INDEX i RENAME TO j')).toBeNull();
    });
  });

  it('checks every statement of a script and gives the first reason', () => {
    const sql = "SELECT 1; INSERT INTO t VALUES ('DROP'); DELETE FROM t; TRUNCATE u;";
    expect(destructiveReason(sql)).toBe('DELETE without WHERE removes every row of t');
    expect(destructiveReasons(sql)).toEqual([
      'DELETE without WHERE removes every row of t',
      'TRUNCATE removes every row of u',
    ]);
  });
});
