import { describe, expect, it } from 'vitest';
import { PG_TYPE, type PgTypeName } from './pg-type-oids';
import type { JsonValue } from './value-decoders';
import { encoderFor } from './value-encoders';

/** encoderFor on JSON parameters; how PostgreSQL reads them is in ./values.test.ts. */

const encode = (type: PgTypeName, value: JsonValue) => encoderFor(PG_TYPE[type])(value);

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
