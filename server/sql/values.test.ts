import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectRawText, decodeRows, rawQuery } from '../test/raw-text-client';
import { ARRAY_ELEMENT, PG_TYPE, type PgTypeName } from './pg-type-oids';
import { decoderFor, type JsonValue } from './value-decoders';
import { encoderFor } from './value-encoders';

/**
 * The value codec against PostgreSQL: its type OIDs are the catalog's, and what it encodes
 * PostgreSQL reads as meant and prints back as the same JSON.
 */

const encode = (type: PgTypeName, value: JsonValue) => encoderFor(PG_TYPE[type])(value);

describe('against PostgreSQL', () => {
  let client: pg.Client;
  const query = (text: string, values?: unknown[]) => rawQuery(client, text, values);

  beforeAll(async () => {
    client = await connectRawText();
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
});
