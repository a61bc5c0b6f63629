import { describe, expect, it } from 'vitest';
import { ARRAY_ELEMENT, PG_TYPE, type PgTypeName } from './pg-type-oids';
import { decoderFor } from './value-decoders';

/**
 * decoderFor on values as PostgreSQL prints them; what a real server prints is in
 * ./value-decoders-postgres.test.ts.
 */

const decode = (type: PgTypeName, text: string) => decoderFor(PG_TYPE[type])(text);

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
