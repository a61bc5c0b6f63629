import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectRawText, decodeRows, rawQuery } from '../test/raw-text-client';
import { PG_TYPE, type PgTypeName } from './pg-type-oids';
import { decoderFor, type JsonValue } from './value-decoders';
import { encoderFor } from './value-encoders';

/** decoderFor on what a real PostgreSQL prints, under the endpoint's session settings. */

const encode = (type: PgTypeName, value: JsonValue) => encoderFor(PG_TYPE[type])(value);

describe('decoding what PostgreSQL prints', () => {
  let client: pg.Client;
  const query = (text: string, values?: unknown[]) => rawQuery(client, text, values);

  beforeAll(async () => {
    client = await connectRawText();
  });

  afterAll(async () => {
    await client?.end();
  });

  it('decodes literals of every type', async () => {
    const cases: [sql: string, type: PgTypeName, expected: JsonValue][] = [
      [`'-32768'::int2`, 'int2', -32768],
      [`2147483647`, 'int4', 2147483647],
      [`4294967295::oid`, 'oid', 4294967295],
      [`'9007199254740991'::int8`, 'int8', 9007199254740991],
      [`'9007199254740993'::int8`, 'int8', '9007199254740993'],
      [`'-9223372036854775808'::int8`, 'int8', '-9223372036854775808'],
      [`1.50`, 'numeric', 1.5],
      [`'1e-7'::numeric`, 'numeric', 1e-7],
      [`'1e21'::numeric`, 'numeric', 1e21],
      [`'5e-324'::numeric`, 'numeric', 5e-324],
      [`'1.7976931348623157e308'::numeric`, 'numeric', 1.7976931348623157e308],
      [`'12345678901234567890'::numeric`, 'numeric', '12345678901234567890'],
      [`'NaN'::numeric`, 'numeric', 'NaN'],
      [`'-Infinity'::numeric`, 'numeric', '-Infinity'],
      [`0.1::float4`, 'float4', 0.1],
      [`123456789.123::float4`, 'float4', 123456790],
      [`0.1::float8 + 0.2`, 'float8', 0.30000000000000004],
      [`'5e-324'::float8`, 'float8', 5e-324],
      [`'NaN'::float8`, 'float8', 'NaN'],
      [`'Infinity'::float4`, 'float4', 'Infinity'],
      [`'-Infinity'::float8`, 'float8', '-Infinity'],
      [`true`, 'bool', true],
      [`false`, 'bool', false],
      [`'{"a": [1, 2.5, "x"], "b": null}'::json`, 'json', { a: [1, 2.5, 'x'], b: null }],
      [`'"str"'::jsonb`, 'jsonb', 'str'],
      [`'[1, {"k": "é🎉"}]'::jsonb`, 'jsonb', [1, { k: 'é🎉' }]],
      [
        `'2024-01-02 03:04:05.123456+00'::timestamptz`,
        'timestamptz',
        '2024-01-02T03:04:05.123456Z',
      ],
      [`'2024-01-02 03:04:05+05:30'::timestamptz`, 'timestamptz', '2024-01-01T21:34:05Z'],
      [`'0044-03-15 12:00:00+00 BC'::timestamptz`, 'timestamptz', '-000043-03-15T12:00:00Z'],
      [`'4714-11-24 00:00:00+00 BC'::timestamptz`, 'timestamptz', '-004713-11-24T00:00:00Z'],
      [
        `'294276-12-31 23:59:59.999999+00'::timestamptz`,
        'timestamptz',
        '+294276-12-31T23:59:59.999999Z',
      ],
      [`'infinity'::timestamptz`, 'timestamptz', 'infinity'],
      [`'2024-01-02 03:04:05.5'::timestamp`, 'timestamp', '2024-01-02T03:04:05.5'],
      [`'0001-01-01 00:00:00 BC'::timestamp`, 'timestamp', '0000-01-01T00:00:00'],
      [`'-infinity'::timestamp`, 'timestamp', '-infinity'],
      [`'2024-01-02'::date`, 'date', '2024-01-02'],
      [`'0044-03-15 BC'::date`, 'date', '-000043-03-15'],
      [`'10000-01-01'::date`, 'date', '+010000-01-01'],
      [`'12:34:56.789'::time`, 'time', '12:34:56.789'],
      [`'12:34:56+05:30'::timetz`, 'timetz', '12:34:56+05:30'],
      [
        `'1 year 2 mons 3 days 04:05:06.5'::interval`,
        'interval',
        '1 year 2 mons 3 days 04:05:06.5',
      ],
      [`'-1 days +02:00:00'::interval`, 'interval', '-1 days +02:00:00'],
      [`'\\x48656c6c6f'::bytea`, 'bytea', 'SGVsbG8='],
      [`''::bytea`, 'bytea', ''],
      [
        `'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid`,
        'uuid',
        'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11',
      ],
      [`'héllo 🎉'::text`, 'text', 'héllo 🎉'],
      [`'v'::varchar(3)`, 'varchar', 'v'],
      [`'ab'::char(4)`, 'bpchar', 'ab  '],
      [`'abc'::name`, 'name', 'abc'],
      [`'x'::"char"`, 'char', 'x'],
      [`'<a/>'::xml`, 'xml', '<a/>'],
      [`'192.168.0.1/24'::inet`, 'inet', '192.168.0.1/24'],
      [`'10.0.0.0/8'::cidr`, 'cidr', '10.0.0.0/8'],
      [`'08:00:2b:01:02:03'::macaddr`, 'macaddr', '08:00:2b:01:02:03'],
      [`1::money`, 'money', '$1.00'],
      [`B'101'`, 'bit', '101'],
      [`B'1011'::varbit`, 'varbit', '1011'],
      [`'a fat cat'::tsvector`, 'tsvector', "'a' 'cat' 'fat'"],
      [`'(1,2)'::point`, 'point', '(1,2)'],
      [`'[1,5)'::int4range`, 'int4range', '[1,5)'],
      [`'{1,NULL,3}'::int4[]`, '_int4', [1, null, 3]],
      [
        `'{{1,2},{3,4}}'::int4[]`,
        '_int4',
        [
          [1, 2],
          [3, 4],
        ],
      ],
      [
        `'{{{1},{2}},{{3},{4}}}'::int2[]`,
        '_int2',
        [
          [[1], [2]],
          [[3], [4]],
        ],
      ],
      [`'[0:1]={1,2}'::int4[]`, '_int4', [1, 2]],
      [`'{}'::int4[]`, '_int4', []],
      [`'{9007199254740993,1}'::int8[]`, '_int8', ['9007199254740993', 1]],
      [`'{0.1,NaN}'::float4[]`, '_float4', [0.1, 'NaN']],
      [`'{1.5,-Infinity,NULL}'::float8[]`, '_float8', [1.5, '-Infinity', null]],
      [
        `'{1.50,NaN,12345678901234567890}'::numeric[]`,
        '_numeric',
        [1.5, 'NaN', '12345678901234567890'],
      ],
      [
        `ARRAY['a b', 'c"d', NULL, 'NULL', '', 'x\\y', '{}', 'a,b', 'é🎉', E'\\n\\t']`,
        '_text',
        ['a b', 'c"d', null, 'NULL', '', 'x\\y', '{}', 'a,b', 'é🎉', '\n\t'],
      ],
      [`ARRAY['v w'::varchar]`, '_varchar', ['v w']],
      [`ARRAY['ab'::char(3)]`, '_bpchar', ['ab ']],
      [`'{t,f,NULL}'::bool[]`, '_bool', [true, false, null]],
      [
        `ARRAY['{"a": "q\\""}'::jsonb, '"s"', 'null', '[1, 2]', NULL]`,
        '_jsonb',
        [{ a: 'q"' }, 's', null, [1, 2], null],
      ],
      [`ARRAY['{"a": 1}'::json]`, '_json', [{ a: 1 }]],
      [
        `ARRAY['a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid]`,
        '_uuid',
        ['a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'],
      ],
      [
        `ARRAY['2024-01-02 03:04:05+00'::timestamptz, 'infinity', '0044-03-15 12:00:00+00 BC']`,
        '_timestamptz',
        ['2024-01-02T03:04:05Z', 'infinity', '-000043-03-15T12:00:00Z'],
      ],
      [`ARRAY['2024-01-02 03:04:05.25'::timestamp]`, '_timestamp', ['2024-01-02T03:04:05.25']],
      [`ARRAY['2024-01-02'::date, '0044-03-15 BC']`, '_date', ['2024-01-02', '-000043-03-15']],
      [`ARRAY['\\x00ff'::bytea, '\\x', NULL]`, '_bytea', ['AP8=', '', null]],
      [`ARRAY['1 day'::interval]`, '_interval', ['1 day']],
      [`ARRAY[box '((1,2),(3,4))', box '((0,0),(1,1))']`, '_box', ['(3,4),(1,2)', '(1,1),(0,0)']],
      [`ARRAY['[1,5)'::int4range]`, '_int4range', ['[1,5)']],
    ];
    const { rows, fields } = await query(`SELECT ${cases.map(([sql]) => sql).join(', ')}`);
    expect(fields.map((field) => field.dataTypeID)).toEqual(cases.map(([, type]) => PG_TYPE[type]));
    const [decoded] = decodeRows(rows, fields);
    expect(Object.fromEntries(cases.map(([sql], i) => [sql, decoded![i]]))).toEqual(
      Object.fromEntries(cases.map(([sql, , expected]) => [sql, expected])),
    );
  });

  it('gives timestamps that JavaScript reads as the instants Postgres holds', async () => {
    const { rows, fields } = await query(
      `SELECT t, extract(epoch FROM t)::float8, t::timestamp, extract(epoch FROM t::timestamp)::float8
         FROM unnest(ARRAY['2024-01-02 03:04:05.123+00', '1969-12-31 23:59:59.999+00',
                           '0044-03-15 12:00:00+00 BC', '0001-01-01 00:00:00+00 BC',
                           '4714-11-24 00:00:00+00 BC', '9999-12-31 23:59:59.999+00',
                           '10000-01-01 00:00:00+00', '200000-06-01 00:00:00+00']::timestamptz[]) t`,
    );
    for (const [zoned, epoch, local, localEpoch] of decodeRows(rows, fields)) {
      expect(Date.parse(zoned as string), zoned as string).toBeCloseTo((epoch as number) * 1000, 0);
      expect(Date.parse(`${local as string}Z`), local as string).toBeCloseTo(
        (localEpoch as number) * 1000,
        0,
      );
    }
  });

  it('keeps other session time zones as offsets', async () => {
    await client.query(`SET TimeZone = 'Asia/Kolkata'`);
    try {
      const kolkata = await query(
        `SELECT '2024-01-02 03:04:05.123456+00'::timestamptz, '0044-03-15 12:00:00+00 BC'::timestamptz`,
      );
      expect(decodeRows(kolkata.rows, kolkata.fields)[0]).toEqual([
        '2024-01-02T08:34:05.123456+05:30',
        '-000043-03-15T17:53:28+05:53:28',
      ]);
      await client.query(`SET TimeZone = 'America/New_York'`);
      const newYork = await query(
        `SELECT '2024-07-01 00:00:00.5+00'::timestamptz, '1800-01-01 00:00:00+00'::timestamptz`,
      );
      expect(decodeRows(newYork.rows, newYork.fields)[0]).toEqual([
        '2024-06-30T20:00:00.5-04:00',
        '1799-12-31T19:03:58-04:56:02',
      ]);
    } finally {
      await client.query(`SET TimeZone = 'UTC'`);
    }
  });

  it('decodes bytea in escape output too', async () => {
    await client.query(`SET bytea_output = 'escape'`);
    try {
      const { rows, fields } = await query(
        `SELECT '\\x00ff5c22410a'::bytea, ARRAY['\\x00ff'::bytea, '\\x']`,
      );
      expect(decodeRows(rows, fields)[0]).toEqual([
        Buffer.from([0, 255, 92, 34, 65, 10]).toString('base64'),
        ['AP8=', ''],
      ]);
    } finally {
      await client.query(`SET bytea_output = 'hex'`);
    }
  });

  it('passes user types through as text, and decodes their arrays given typelem', async () => {
    await client.query('BEGIN');
    try {
      await client.query(`
        CREATE TYPE mood AS ENUM ('happy', 'sad day');
        CREATE TYPE pair AS (a int4, b text);
        CREATE DOMAIN positive AS int4 CHECK (VALUE > 0);
      `);
      const { rows, fields } = await query(
        `SELECT 'sad day'::mood, ROW(1, 'x y')::pair, 5::positive,
                ARRAY['happy', 'sad day']::mood[], ARRAY[ROW(1, 'x"y')::pair, NULL]`,
      );
      const types = await query(
        `SELECT oid::int4, typelem::int4 FROM pg_type WHERE oid = ANY($1::oid[])`,
        [
          encode(
            '_oid',
            fields.map((field) => field.dataTypeID),
          ),
        ],
      );
      const elementOf = new Map(types.rows.map(([oid, element]) => [Number(oid), Number(element)]));
      const row = rows[0]!.map((text, i) => decoderFor(fields[i]!.dataTypeID)(text!));
      expect(row).toEqual([
        'sad day',
        '(1,"x y")',
        5, // the wire protocol reports a domain's base type
        '{happy,"sad day"}',
        String.raw`{"(1,\"x\"\"y\")",NULL}`,
      ]);
      const withElements = rows[0]!.map((text, i) => {
        const oid = fields[i]!.dataTypeID;
        return decoderFor(oid, elementOf.get(oid))(text!);
      });
      expect(withElements.slice(3)).toEqual([
        ['happy', 'sad day'],
        ['(1,"x""y")', null],
      ]);

      const [enumArray] = fields.slice(3);
      const bound = await query(`SELECT $1::mood[] = ARRAY['sad day', NULL]::mood[]`, [
        encoderFor(enumArray!.dataTypeID, elementOf.get(enumArray!.dataTypeID))(['sad day', null]),
      ]);
      expect(bound.rows[0]![0]).toBe('t');
    } finally {
      await client.query('ROLLBACK');
    }
  });

  it('decodes 100,000 rows × 5 columns quickly', async () => {
    const { rows, fields } = await query(
      `SELECT i, 'row ' || i, i * 1.5::float8 / 7,
              timestamptz '2024-01-01' + i * interval '1.000123 second',
              jsonb_build_object('i', i, 'tags', jsonb_build_array('a', 'b'), 'ok', i % 2 = 0)
         FROM generate_series(1, 100000) i`,
    );
    expect(fields.map((field) => field.dataTypeID)).toEqual([
      PG_TYPE.int4,
      PG_TYPE.text,
      PG_TYPE.float8,
      PG_TYPE.timestamptz,
      PG_TYPE.jsonb,
    ]);
    const decoders = fields.map((field) => decoderFor(field.dataTypeID));
    const run = () => {
      const out = new Array<JsonValue[]>(rows.length);
      for (let r = 0; r < rows.length; r++) {
        const row = rows[r]!;
        const values = new Array<JsonValue>(row.length);
        for (let c = 0; c < row.length; c++) {
          const text = row[c];
          values[c] = text == null ? null : decoders[c]!(text);
        }
        out[r] = values;
      }
      return out;
    };
    const times: number[] = [];
    let decoded: JsonValue[][] = [];
    for (let i = 0; i < 5; i++) {
      const start = performance.now();
      decoded = run();
      times.push(performance.now() - start);
    }
    expect(decoded[99_999]).toEqual([
      100000,
      'row 100000',
      (100000 * 1.5) / 7,
      '2024-01-02T03:46:52.3Z',
      { i: 100000, ok: true, tags: ['a', 'b'] },
    ]);
    const best = Math.min(...times);
    console.log(
      `decode 100,000 rows × 5 columns: best ${best.toFixed(1)} ms, runs ${times
        .map((t) => t.toFixed(1))
        .join(' / ')} ms`,
    );
    expect(best).toBeLessThan(2000);
  });
});
