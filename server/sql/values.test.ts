import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  ARRAY_ELEMENT,
  PG_TYPE,
  decoderFor,
  encoderFor,
  type JsonValue,
  type PgTypeName,
} from './values';

const decode = (type: PgTypeName, text: string) => decoderFor(PG_TYPE[type])(text);
const encode = (type: PgTypeName, value: JsonValue) => encoderFor(PG_TYPE[type])(value);

describe('decoderFor', () => {
  it('keeps integers exact: int8 beyond ±(2^53−1) stays a string', () => {
    expect(decode('int4', '-2147483648')).toBe(-2147483648);
    expect(decode('int2', '7')).toBe(7);
    expect(decode('oid', '4294967295')).toBe(4294967295);
    expect(decode('int8', '9007199254740991')).toBe(9007199254740991);
    expect(decode('int8', '-9007199254740991')).toBe(-9007199254740991);
    expect(decode('int8', '9007199254740992')).toBe('9007199254740992');
    expect(decode('int8', '9007199254740993')).toBe('9007199254740993');
    expect(decode('int8', '-9223372036854775808')).toBe('-9223372036854775808');
  });

  it('turns numeric into a number only when its JSON text is the same decimal', () => {
    expect(decode('numeric', '1.50')).toBe(1.5);
    expect(decode('numeric', '0.1')).toBe(0.1);
    expect(decode('numeric', '0.0000001')).toBe(1e-7);
    expect(decode('numeric', '-0.00000015')).toBe(-1.5e-7);
    expect(decode('numeric', '100000000000000000000')).toBe(1e20);
    expect(decode('numeric', '1000000000000000000000')).toBe(1e21);
    expect(decode('numeric', '0.00')).toBe(0);
    expect(decode('numeric', '-123.456000')).toBe(-123.456);
    expect(decode('numeric', '12345678901234567890')).toBe('12345678901234567890');
    expect(decode('numeric', '9007199254740993')).toBe('9007199254740993');
    expect(decode('numeric', '0.1000000000000000055511151231257827')).toBe(
      '0.1000000000000000055511151231257827',
    );
    expect(decode('numeric', '1.0000000000000001')).toBe('1.0000000000000001');
    expect(decode('numeric', 'NaN')).toBe('NaN');
    expect(decode('numeric', 'Infinity')).toBe('Infinity');
    expect(decode('numeric', '-Infinity')).toBe('-Infinity');
  });

  it('maps non-finite floats to strings', () => {
    expect(decode('float8', '1e-07')).toBe(1e-7);
    expect(decode('float4', '1.2345679e+08')).toBe(123456790);
    expect(decode('float8', '-0')).toBe(-0);
    expect(decode('float8', 'NaN')).toBe('NaN');
    expect(decode('float4', 'Infinity')).toBe('Infinity');
    expect(decode('float8', '-Infinity')).toBe('-Infinity');
  });

  it('formats timestamps as ISO 8601 without losing digits', () => {
    expect(decode('timestamptz', '2024-01-02 03:04:05.123456+00')).toBe(
      '2024-01-02T03:04:05.123456Z',
    );
    expect(decode('timestamptz', '2024-01-02 08:34:05.1+05:30')).toBe(
      '2024-01-02T08:34:05.1+05:30',
    );
    expect(decode('timestamptz', '2024-06-30 20:00:00-04')).toBe('2024-06-30T20:00:00-04:00');
    expect(decode('timestamptz', '1799-12-31 19:03:58-04:56:02')).toBe(
      '1799-12-31T19:03:58-04:56:02',
    );
    expect(decode('timestamptz', '0044-03-15 12:00:00+00 BC')).toBe('-000043-03-15T12:00:00Z');
    expect(decode('timestamptz', '0001-01-01 00:00:00+00 BC')).toBe('0000-01-01T00:00:00Z');
    expect(decode('timestamptz', '10000-01-01 00:00:00+00')).toBe('+010000-01-01T00:00:00Z');
    expect(decode('timestamptz', 'infinity')).toBe('infinity');
    expect(decode('timestamptz', '-infinity')).toBe('-infinity');
    expect(decode('timestamp', '2024-01-02 03:04:05.123456')).toBe('2024-01-02T03:04:05.123456');
    expect(decode('timestamp', '0044-03-15 12:00:00 BC')).toBe('-000043-03-15T12:00:00');
    expect(decode('timestamp', '-infinity')).toBe('-infinity');
    expect(decode('date', '2024-01-02')).toBe('2024-01-02');
    expect(decode('date', '0044-03-15 BC')).toBe('-000043-03-15');
    expect(decode('date', '5874897-12-31')).toBe('+5874897-12-31');
    expect(decode('date', 'infinity')).toBe('infinity');
  });

  it('decodes bytea to base64 from hex and from escape output', () => {
    expect(decode('bytea', '\\x48656c6c6f')).toBe('SGVsbG8=');
    expect(decode('bytea', '\\x')).toBe('');
    expect(decode('bytea', '\\000\\377\\\\"A\\012')).toBe(
      Buffer.from([0, 255, 92, 34, 65, 10]).toString('base64'),
    );
  });

  it('passes other and unknown types through as text', () => {
    for (const type of [
      'text',
      'uuid',
      'interval',
      'time',
      'money',
      'point',
      'int4range',
    ] as const) {
      expect(decode(type, ' as is, {x} ')).toBe(' as is, {x} ');
    }
    expect(decoderFor(0)('x')).toBe('x');
    expect(decoderFor(987654)('{1,2}')).toBe('{1,2}');
  });

  it('parses array literals and decodes their elements', () => {
    expect(decode('_int4', '{1,2,NULL}')).toEqual([1, 2, null]);
    expect(decode('_int4', '{}')).toEqual([]);
    expect(decode('_int4', '{{1,2},{3,4}}')).toEqual([
      [1, 2],
      [3, 4],
    ]);
    expect(decode('_int4', '[0:1]={1,2}')).toEqual([1, 2]);
    expect(decode('_int4', '[1:2][3:3]={{1},{2}}')).toEqual([[1], [2]]);
    expect(decode('_text', String.raw`{"a b","c\"d",NULL,"NULL","","x\\y",plain}`)).toEqual([
      'a b',
      'c"d',
      null,
      'NULL',
      '',
      'x\\y',
      'plain',
    ]);
    expect(decode('_int8', '{9007199254740993,1}')).toEqual(['9007199254740993', 1]);
    expect(decode('_bool', '{t,f,NULL}')).toEqual([true, false, null]);
    expect(decode('_jsonb', String.raw`{"{\"a\": 1}","\"s\"",null,NULL}`)).toEqual([
      { a: 1 },
      's',
      null,
      null,
    ]);
    expect(decode('_bytea', String.raw`{"\\x00ff","\\x"}`)).toEqual(['AP8=', '']);
    expect(decode('_box', '{(3,4),(1,2);(1,1),(0,0)}')).toEqual(['(3,4),(1,2)', '(1,1),(0,0)']);
  });

  it('rejects malformed array literals', () => {
    for (const text of ['{1,2', '1,2}', '{1,2}x', '{"a}', '{{1},2']) {
      expect(() => decode('_int4', text), text).toThrow(/malformed array literal/);
    }
  });

  it('decodes arrays of types it does not know when given the element type', () => {
    expect(decoderFor(500001, PG_TYPE.int4)('{1,NULL}')).toEqual([1, null]);
    expect(decoderFor(500001, 500000)('{happy,"sad day"}')).toEqual(['happy', 'sad day']);
    expect(decoderFor(500001, 500000)('not an array')).toBe('not an array');
  });

  it('knows the element of every array type in PG_TYPE', () => {
    expect(ARRAY_ELEMENT.get(PG_TYPE._float4)).toBe(PG_TYPE.float4);
    for (const [name, oid] of Object.entries(PG_TYPE)) {
      expect(ARRAY_ELEMENT.has(oid), name).toBe(name.startsWith('_'));
      if (name.startsWith('_')) expect(ARRAY_ELEMENT.get(oid), name).toBeTypeOf('number');
    }
  });
});

describe('encoderFor', () => {
  it('maps null to SQL NULL for every type', () => {
    for (const oid of [0, 705, ...Object.values(PG_TYPE)]) expect(encoderFor(oid)(null)).toBeNull();
  });

  it('sends JS strings for json/jsonb as JSON text and anything else as JSON', () => {
    expect(encode('jsonb', '{"source": "manual"}')).toBe('{"source": "manual"}');
    expect(encode('json', { a: [1, 'x'] })).toBe('{"a":[1,"x"]}');
    expect(encode('jsonb', 42)).toBe('42');
    expect(encode('jsonb', false)).toBe('false');
    expect(encode('jsonb', [1, null])).toBe('[1,null]');
  });

  it('writes array literals with every element quoted unless it is a number', () => {
    expect(encode('_float4', [0.1, -2, 1e-7, null])).toBe('{0.1,-2,1e-7,NULL}');
    expect(encode('_text', ['a b', 'c"d', 'x\\y', '', 'NULL', null, [1, 'z'] as JsonValue])).toBe(
      String.raw`{"a b","c\"d","x\\y","","NULL",NULL,{1,"z"}}`,
    );
    expect(encode('_bool', [true, false])).toBe('{"t","f"}');
    expect(encode('_jsonb', [{ a: 'q"' }, [1, 2], '"s"'])).toBe(
      String.raw`{"{\"a\":\"q\\\"\"}","[1,2]","\"s\""}`,
    );
    expect(encode('_box', ['(1,1),(0,0)', '(3,4),(1,2)'])).toBe('{"(1,1),(0,0)";"(3,4),(1,2)"}');
    expect(encode('_int4', '{1,2}')).toBe('{1,2}');
    expect(encoderFor(500001, PG_TYPE.text)(['a', null])).toBe('{"a",NULL}');
  });

  it('prints every digit of large integers', () => {
    expect(encode('numeric', 1e21)).toBe('1000000000000000000000');
    expect(encode('int8', -(2 ** 70))).toBe('-1180591620717411300000');
    expect(encode('numeric', 1e23)).toBe('100000000000000000000000');
    expect(encode('int8', 2 ** 60)).toBe('1152921504606847000');
    expect(encode('_numeric', [1e21, 1.5])).toBe('{1000000000000000000000,1.5}');
    expect(encode('numeric', 0.1)).toBe('0.1');
    expect(encode('text', 1e21)).toBe('1000000000000000000000');
  });

  it('encodes booleans, bytea and values for text or unknown types', () => {
    expect(encode('bool', true)).toBe('t');
    expect(encode('bool', false)).toBe('f');
    expect(encode('bool', 'yes')).toBe('yes');
    expect(encode('bytea', '\\x00ff')).toBe('\\x00ff');
    expect(encode('bytea', [0, 255, 16])).toBe('\\x00ff10');
    expect(encode('bytea', [256])).toBe('[256]');
    for (const oid of [0, 705, PG_TYPE.text, 424242]) {
      expect(encoderFor(oid)('plain')).toBe('plain');
      expect(encoderFor(oid)(12.5)).toBe('12.5');
      expect(encoderFor(oid)(true)).toBe('true');
      expect(encoderFor(oid)({ a: 1 })).toBe('{"a":1}');
      expect(encoderFor(oid)([1, 'x'])).toBe('[1,"x"]');
    }
  });

  it('turns ISO expanded years back into the BC form Postgres reads', () => {
    expect(encode('timestamptz', '-000043-03-15T12:00:00Z')).toBe('0044-03-15T12:00:00Z BC');
    expect(encode('timestamptz', '0000-01-01T00:00:00Z')).toBe('0001-01-01T00:00:00Z BC');
    expect(encode('timestamp', '+010000-01-01T00:00:00')).toBe('10000-01-01T00:00:00');
    expect(encode('date', '-infinity')).toBe('-infinity');
    expect(encode('date', '2024-01-02')).toBe('2024-01-02');
  });
});

describe('against PostgreSQL', () => {
  let client: pg.Client;

  async function query(text: string, values: unknown[] = []) {
    const result = await client.query<unknown[]>({ text, values, rowMode: 'array' });
    return { rows: result.rows as (string | null)[][], fields: result.fields };
  }

  /** Decodes every cell by its column's dataTypeID, as the endpoint does. */
  function decodeRows(rows: (string | null)[][], fields: pg.FieldDef[]) {
    const decoders = fields.map((field) => decoderFor(field.dataTypeID));
    return rows.map((row) => row.map((text, i) => (text === null ? null : decoders[i]!(text))));
  }

  beforeAll(async () => {
    client = new pg.Client({
      connectionString: inject('adminDatabaseUrl'),
      // Raw text for every type, the way the endpoint receives it.
      types: { getTypeParser: (() => (text: string) => text) as any },
    });
    await client.connect();
    await client.query(`
      SET DateStyle = 'ISO, MDY';
      SET IntervalStyle = 'postgres';
      SET TimeZone = 'UTC';
      SET extra_float_digits = 1;
      SET bytea_output = 'hex';
    `);
  });

  afterAll(async () => {
    await client?.end();
  });

  it('has the OIDs and array elements of pg_catalog', async () => {
    const { rows } = await query(
      `SELECT t.typname, t.oid::int4, t.typelem::int4, t.typdelim
         FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
        WHERE n.nspname = 'pg_catalog' AND t.typname = ANY($1::text[])`,
      [encode('_text', Object.keys(PG_TYPE))],
    );
    const catalog = Object.fromEntries(rows.map(([name, oid]) => [name, Number(oid)]));
    expect(catalog).toEqual(PG_TYPE);
    for (const [name, oid, element, delimiter] of rows) {
      if (name!.startsWith('_'))
        expect(ARRAY_ELEMENT.get(Number(oid)), name!).toBe(Number(element));
      expect(delimiter, name!).toBe(name === 'box' || name === '_box' ? ';' : ',');
    }
    // Every built-in array of a listed element type is listed too.
    const arrays = await query(
      `SELECT typname FROM pg_type WHERE typcategory = 'A' AND typelem = ANY($1::oid[])`,
      [encode('_oid', Object.values(PG_TYPE))],
    );
    for (const [name] of arrays.rows) expect(PG_TYPE, name!).toHaveProperty(name!);
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

  it('reads bound parameters as meant, and they decode back to the same JSON', async () => {
    const tricky = ['a b', 'c"d', 'x\\y', '', 'NULL', 'null', '{}', 'a,b', ' lead', 'é🎉', '\n\t;'];
    const cases: [type: PgTypeName, value: JsonValue, expected?: JsonValue][] = [
      ['jsonb', { a: 1, b: [true, null, 'x'] }],
      ['jsonb', '{"source": "manual"}', { source: 'manual' }],
      ['jsonb', '"hello"', 'hello'],
      ['jsonb', 42],
      ['json', [1, 'x"\\']],
      ['_float4', [0.1, 0.2, -1.5e-7, 3, null]],
      ['_float8', [0.1, 1e300, 5e-324, -0.5]],
      ['_text', [...tricky, null]],
      [
        '_text',
        [
          ['a', 'b'],
          ['c', null],
        ],
      ],
      ['_varchar', tricky],
      [
        '_int4',
        [
          [1, 2],
          [3, 4],
        ],
      ],
      ['_int8', [9007199254740991, '9007199254740993', null]],
      ['_numeric', [1e21, 1.5, 1e-7, '12345678901234567890.5']],
      ['_bool', [true, false, null]],
      [
        '_jsonb',
        [{ a: 'q"\\' }, [1, 2], '"x"', 42, '{"s": 1}', null],
        [{ a: 'q"\\' }, [1, 2], 'x', 42, { s: 1 }, null],
      ],
      ['_bytea', ['\\x00ff', null, [1, 2] as JsonValue], ['AP8=', null, 'AQI=']],
      ['_uuid', ['a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11']],
      ['_box', ['(3,4),(1,2)', '(1,1),(0,0)']],
      ['_timestamptz', ['2024-01-02T03:04:05.123456Z', '-000043-03-15T12:00:00Z', 'infinity']],
      ['_date', ['2024-01-02', '-000043-03-15', '0000-12-31', '+010000-01-01']],
      ['_int4', '{1,2}', [1, 2]],
      ['numeric', 1e21],
      ['numeric', 1e-7],
      ['numeric', 0.1],
      ['int8', 2 ** 60, '1152921504606847000'],
      ['int4', -5],
      ['float8', 1e-7],
      ['bool', true],
      ['bool', 'yes', true],
      ['bytea', '\\x00ff', 'AP8='],
      ['bytea', 'Hello', 'SGVsbG8='],
      ['bytea', [72, 105], 'SGk='],
      ['timestamptz', '2024-01-02T03:04:05+05:30', '2024-01-01T21:34:05Z'],
      ['timestamptz', '+010000-01-01T00:00:00Z'],
      ['timestamptz', '0000-01-01T00:00:00Z'],
      ['timestamp', '-000043-03-15T12:00:00.5'],
      ['date', '-004713-11-24'],
      ['text', { a: 1 }, '{"a":1}'],
      ['text', 12.5, '12.5'],
      ['text', false, 'false'],
      ['text', 'é🎉 \\ "'],
      ['uuid', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'],
    ];
    for (const [type, value, expected = value] of cases) {
      const param = encode(type, value);
      const { rows, fields } = await query(`SELECT $1::pg_catalog."${type}"`, [param]);
      expect(fields[0]!.dataTypeID).toBe(PG_TYPE[type]);
      expect(decodeRows(rows, fields)[0]![0], `${type} ${JSON.stringify(value)}`).toEqual(expected);
    }
  });

  it('binds text[] elements exactly as individually bound strings', async () => {
    const strings = ['a b', 'c"d', 'x\\y', '\\', '"', '', 'NULL', '{', '}', ',', ' ', 'é🎉'];
    const placeholders = strings.map((_, i) => `$${i + 2}::text`).join(', ');
    const { rows } = await query(
      `SELECT $1::text[] = ARRAY[${placeholders}], array_length($1::text[], 1),
              to_jsonb($1::text[])`,
      [encode('_text', strings), ...strings],
    );
    expect(rows[0]!.slice(0, 2)).toEqual(['t', String(strings.length)]);
    expect(JSON.parse(rows[0]![2]!)).toEqual(strings);
  });

  it('round-trips float4 and float8 arrays bit for bit', async () => {
    await client.query(`SELECT setseed(0.42)`);
    const { rows, fields } = await query(
      `SELECT array_agg(random() * 10 ^ (i % 40 - 20)), array_agg((random() - 0.5)::float4)
         FROM generate_series(1, 2000) i`,
    );
    const [doubles, singles] = decodeRows(rows, fields)[0]! as number[][];
    expect(doubles!.every((n) => typeof n === 'number')).toBe(true);
    const check = await query(`SELECT $1::float8[] = $2::float8[], $3::float4[] = $4::float4[]`, [
      encode('_float8', doubles!),
      rows[0]![0],
      encode('_float4', singles!),
      rows[0]![1],
    ]);
    expect(check.rows[0]).toEqual(['t', 't']);
  });

  it('turns numeric into numbers exactly when the JSON text is the same value', async () => {
    await client.query(`SELECT setseed(0.7)`);
    const { rows, fields } = await query(
      `SELECT round(random()::numeric * random()::numeric * power(10::numeric, k), s)
         FROM generate_series(-12, 24) k, generate_series(0, 14) s, generate_series(1, 4)
       UNION ALL SELECT random()::numeric FROM generate_series(1, 500)
       UNION ALL SELECT (random() * 1e6)::numeric(20, 2) FROM generate_series(1, 500)`,
    );
    const texts = rows.map(([text]) => text!);
    const values = decodeRows(rows, fields).map(([value]) => value);
    const numbers = values.filter((value) => typeof value === 'number').length;
    expect(numbers).toBeGreaterThan(texts.length / 3);
    expect(numbers).toBeLessThan(texts.length);
    const asJson = texts.map((text) => JSON.stringify(Number(text)));
    const { rows: verdicts } = await query(
      `SELECT array_agg(a::numeric = b::numeric ORDER BY i)
         FROM unnest($1::text[], $2::text[]) WITH ORDINALITY t(a, b, i)`,
      [encode('_text', texts), encode('_text', asJson)],
    );
    const exact = decoderFor(PG_TYPE._bool)(verdicts[0]![0]!) as boolean[];
    values.forEach((value, i) => {
      expect(typeof value === 'number', `${texts[i]} → ${asJson[i]}`).toBe(exact[i]);
    });
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

  it('encodes 1,000,000 parameter rows quickly', () => {
    const encoders = [PG_TYPE.int4, PG_TYPE.text, PG_TYPE.jsonb, PG_TYPE._float4].map((oid) =>
      encoderFor(oid),
    );
    const embedding = [0.1, -0.25, 0.5, 1e-7, 3];
    const start = performance.now();
    let length = 0;
    for (let i = 0; i < 1_000_000; i++) {
      length += encoders[0]!(i)!.length;
      length += encoders[1]!(`name ${i}`)!.length;
      length += encoders[2]!({ i, source: 'manual' })!.length;
      length += encoders[3]!(embedding)!.length;
    }
    const elapsed = performance.now() - start;
    console.log(`encode 1,000,000 rows × (int4, text, jsonb, float4[5]): ${elapsed.toFixed(0)} ms`);
    expect(length).toBeGreaterThan(0);
    expect(elapsed).toBeLessThan(10_000);
  });
});
