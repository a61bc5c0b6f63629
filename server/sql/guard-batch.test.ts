import { describe, expect, it } from 'vitest';
import { collect, parseOne, useGuardDatabase, W } from '../test/guard-support';
import { checkStatement, insertValuesAsSet } from './guard';

/**
 * Batches of INSERT … VALUES rows as one set-based statement (./guard-batch.ts).
 */

const { onPg } = useGuardDatabase();

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
