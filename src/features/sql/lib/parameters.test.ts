import { describe, expect, it } from 'vitest';
import { findParameters, typeForCast, type ParamType } from './parameters';

/** number → type of each parameter found. */
function types(sql: string) {
  return Object.fromEntries(findParameters(sql).params.map((p) => [p.number, p.type]));
}

function castOf(sql: string) {
  return findParameters(sql).params[0]?.cast;
}

describe('findParameters', () => {
  it('finds the distinct numbers, sorted, with their offsets', () => {
    const sql = 'SELECT * FROM t WHERE a = $2 AND b = $1 OR c = $2';
    const scan = findParameters(sql);
    expect(scan.params.map((p) => [p.number, p.offsets])).toEqual([
      [1, [sql.indexOf('$1')]],
      [2, [sql.indexOf('$2'), sql.lastIndexOf('$2')]],
    ]);
    expect(scan.max).toBe(2);
    expect(scan.missing).toEqual([]);
    expect(scan.invalid).toEqual([]);
  });

  it('reports no parameters for a statement without any', () => {
    expect(findParameters('SELECT 1')).toEqual({ params: [], max: 0, missing: [], invalid: [] });
  });

  it('reports the gaps below the highest number', () => {
    const scan = findParameters('SELECT $1, $3, $6');
    expect(scan.max).toBe(6);
    expect(scan.missing).toEqual([2, 4, 5]);
  });

  it('ignores $n in strings, comments, dollar quotes and quoted names', () => {
    const sql = `SELECT '$1', E'\\'$2', "$3", $$ $4 $$, $f$ $5 $f$ -- $6
      /* $7 /* $8 */ $9 */, a$10, $11`;
    expect(findParameters(sql).params.map((p) => p.number)).toEqual([11]);
  });

  it('lists $0 and numbers above 65535 as invalid and leaves them out', () => {
    const scan = findParameters('SELECT $0, $1, $65536, $99999999999');
    expect(scan.params.map((p) => p.number)).toEqual([1]);
    expect(scan.max).toBe(1);
    expect(scan.invalid).toEqual(['$0', '$65536', '$99999999999']);
  });

  it('guesses json from ::json, ::jsonb and CAST(… AS jsonb)', () => {
    expect(types('SELECT $1::jsonb, $2::json, CAST($3 AS jsonb), $4 :: JSONB')).toEqual({
      1: 'json',
      2: 'json',
      3: 'json',
      4: 'json',
    });
  });

  it('guesses number from numeric casts, including multi-word and qualified ones', () => {
    expect(
      types(
        `SELECT $1::int, $2::integer, $3::bigint, $4::float4, $5::numeric(10, 2), $6::real,
          $7::double precision, CAST($8 AS double precision), $9::pg_catalog.int8,
          $10::smallint, $11::float8, $12::decimal, $13::int2, $14::int4`,
      ),
    ).toEqual(Object.fromEntries(Array.from({ length: 14 }, (_, k) => [k + 1, 'number'])));
  });

  it('guesses boolean from ::bool and ::boolean', () => {
    expect(types('SELECT $1::bool, $2::BOOLEAN')).toEqual({ 1: 'boolean', 2: 'boolean' });
  });

  it('guesses array from array casts and vectors', () => {
    expect(
      types(
        `SELECT $1::float4[], $2::real[], $3::vector, $4::text[], $5::int[], $6::vector(384),
          $7::int ARRAY, $8::integer[3], $9::double precision[], CAST($10 AS text[]),
          $11::halfvec, $12::jsonb[], $13::int[][]`,
      ),
    ).toEqual(Object.fromEntries(Array.from({ length: 13 }, (_, k) => [k + 1, 'array'])));
  });

  it('guesses text from other casts and when there is no cast', () => {
    expect(
      types(
        `SELECT $1::text, $2::varchar(20), $3::uuid, $4::date, $5::timestamptz,
          $6::timestamp with time zone, $7::character varying, $8::tsvector, $9, $10::money,
          $11::"MyType", $12::constructor, $13::interval day to second`,
      ),
    ).toEqual(Object.fromEntries(Array.from({ length: 13 }, (_, k) => [k + 1, 'text'])));
  });

  it('normalizes the cast it read', () => {
    expect(castOf('SELECT $1 :: Double   Precision [ ]')).toBe('double precision[]');
    expect(castOf('SELECT CAST($1 AS pg_catalog.NUMERIC(10,2))')).toBe('numeric(10,2)');
    expect(castOf('SELECT $1::timestamp(3) WITH TIME ZONE')).toBe('timestamp(3) with time zone');
    expect(castOf('SELECT $1::int ARRAY[4]')).toBe('int[]');
    expect(castOf('SELECT $1')).toBeNull();
  });

  it('reads a cast of the parameter in parentheses, and only of the parameter', () => {
    expect(types('SELECT ($1)::int, (($2))::jsonb, CAST(($3) AS bool)')).toEqual({
      1: 'number',
      2: 'json',
      3: 'boolean',
    });
    expect(types('SELECT ($1 || $2)::int')).toEqual({ 1: 'text', 2: 'text' });
    expect(types('SELECT CAST($1 || $2 AS int)')).toEqual({ 1: 'text', 2: 'text' });
  });

  it('guesses number for LIMIT $n and OFFSET $n', () => {
    expect(types('SELECT * FROM t WHERE a = $1 LIMIT $2 OFFSET $3')).toEqual({
      1: 'text',
      2: 'number',
      3: 'number',
    });
  });

  it('takes the first use that says something about the type', () => {
    const scan = findParameters('SELECT $1, $1::jsonb, $1::int');
    expect(scan.params[0]).toMatchObject({ type: 'json', source: 'cast', cast: 'jsonb' });
    expect(findParameters('SELECT $1 LIMIT $1').params[0]).toMatchObject({
      type: 'number',
      source: 'limit',
      cast: null,
    });
  });

  it('is not fooled by a cast on something else next to the parameter', () => {
    expect(types("SELECT $1, 'x'::jsonb, a::int = $2")).toEqual({ 1: 'text', 2: 'text' });
  });
});

describe('typeForCast', () => {
  it('maps the common names', () => {
    const cases: [string, ParamType][] = [
      ['jsonb', 'json'],
      ['int8', 'number'],
      ['numeric(12,4)', 'number'],
      ['bool', 'boolean'],
      ['vector(3)', 'array'],
      ['text[]', 'array'],
      ['uuid', 'text'],
      ['sparsevec', 'text'],
    ];
    for (const [name, type] of cases) expect(typeForCast(name)).toBe(type);
  });
});
