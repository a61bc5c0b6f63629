import { describe, expect, it } from 'vitest';
import { hubPathIdentifier, toHubPathQuery } from './hub-paths';

const hub = (sql: string) => toHubPathQuery(sql, 'acme', 'ws1');
const q = (sql: string) => {
  const answer = hub(sql);
  if ('problem' in answer) throw new Error(answer.problem);
  return answer.query;
};

describe('toHubPathQuery', () => {
  it('names a table by hub path, with its own name as alias so `t.col` still works', () => {
    expect(q('SELECT t.id FROM t WHERE t.id > 1')).toBe(
      'SELECT t.id FROM "hub://acme/ws1/t" AS t WHERE t.id > 1',
    );
  });

  it('keeps an alias there is, and names every table of a FROM list and its joins', () => {
    expect(q('select * from a x, b as y join "C d" on true left join ws1.e using (id)')).toBe(
      'select * from "hub://acme/ws1/a" x, "hub://acme/ws1/b" as y join "hub://acme/ws1/C d" AS "C d" on true left join "hub://acme/ws1/e" AS e using (id)',
    );
  });

  it('folds unquoted names as Postgres does and doubles quotes in a quoted one', () => {
    expect(q('SELECT * FROM Docs')).toBe('SELECT * FROM "hub://acme/ws1/docs" AS docs');
    expect(q('SELECT * FROM "it""s"')).toBe('SELECT * FROM "hub://acme/ws1/it""s" AS "it""s"');
    expect(hubPathIdentifier('o', 'w', 'a"b')).toBe('"hub://o/w/a""b"');
  });

  it('names tables in subqueries and writes, not in calls, strings, comments or comparisons', () => {
    expect(
      q(
        "SELECT extract(year FROM ts), substring(s FROM 2), a IS DISTINCT FROM b, 'FROM x' -- FROM y\nFROM t WHERE id IN (SELECT id FROM u)",
      ),
    ).toBe(
      'SELECT extract(year FROM ts), substring(s FROM 2), a IS DISTINCT FROM b, \'FROM x\' -- FROM y\nFROM "hub://acme/ws1/t" AS t WHERE id IN (SELECT id FROM "hub://acme/ws1/u" AS u)',
    );
    expect(q('INSERT INTO t (a) VALUES (1) ON CONFLICT (a) DO UPDATE SET a = 2')).toBe(
      'INSERT INTO "hub://acme/ws1/t" AS t (a) VALUES (1) ON CONFLICT (a) DO UPDATE SET a = 2',
    );
    expect(q('UPDATE t SET a = 1 FROM u WHERE u.id = t.id')).toBe(
      'UPDATE "hub://acme/ws1/t" AS t SET a = 1 FROM "hub://acme/ws1/u" AS u WHERE u.id = t.id',
    );
    expect(q('SELECT * FROM t FOR UPDATE')).toBe(
      'SELECT * FROM "hub://acme/ws1/t" AS t FOR UPDATE',
    );
    expect(q('TABLE t')).toBe('TABLE "hub://acme/ws1/t"');
  });

  it('leaves WITH queries, functions, other schemas and subqueries in FROM alone', () => {
    expect(
      q(
        'WITH x AS (SELECT * FROM t), y(a) AS MATERIALIZED (SELECT 1) SELECT * FROM x, y, generate_series(1, 2) g, pg_catalog.pg_class, (SELECT 1) s',
      ),
    ).toBe(
      'WITH x AS (SELECT * FROM "hub://acme/ws1/t" AS t), y(a) AS MATERIALIZED (SELECT 1) SELECT * FROM x, y, generate_series(1, 2) g, pg_catalog.pg_class, (SELECT 1) s',
    );
  });

  it('keeps a statement that already names hub paths as it is', () => {
    const sql = 'SELECT * FROM "hub://acme/ws1/t" JOIN u ON true';
    expect(q(sql)).toBe(sql);
  });

  it('says why when there is no table of the workspace to name', () => {
    expect(hub('SELECT 1')).toEqual({ problem: expect.stringMatching(/names no table/) });
    expect(hub('SELECT * FROM generate_series(1, 3)')).toHaveProperty('problem');
    expect(hub('SELECT * FROM "a/b"')).toEqual({
      problem: expect.stringMatching(/"a\/b" has a "\/" in its name/),
    });
  });
});
