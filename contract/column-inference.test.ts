import { describe, expect, it } from 'vitest';
import { ColumnInference, JsonColumns, type PgType } from './column-inference';

/** The type of a CSV column holding `cells` (null and '' are NULL). */
function csvType(...cells: (string | null)[]): PgType {
  const column = new ColumnInference();
  for (const cell of cells) column.observe(cell);
  return column.type;
}

/** The type of a JSON column holding `values`. */
function jsonType(...values: unknown[]): PgType {
  const column = new ColumnInference();
  for (const value of values) column.observeJson(value);
  return column.type;
}

/** Each cell on its own must give `type`. */
function eachIs(type: PgType, cells: string[]) {
  for (const cell of cells) expect(csvType(cell), JSON.stringify(cell)).toBe(type);
}

describe('ColumnInference.observe (CSV cells)', () => {
  it('gives text for a column of NULLs only, and ignores NULLs otherwise', () => {
    expect(csvType()).toBe('text');
    expect(csvType(null, '', null)).toBe('text');
    expect(csvType(null, '5', '', '6')).toBe('int4');
  });

  it('reads int4 up to its bounds, then int8, then numeric', () => {
    eachIs('int4', ['0', '-0', '7', '-7', '2147483647', '-2147483648', '999999999']);
    eachIs('int8', ['2147483648', '-2147483649', '9999999999', '9007199254740992']);
    eachIs('int8', ['9223372036854775807', '-9223372036854775808', '9007199254740993']);
    eachIs('numeric', ['9223372036854775808', '-9223372036854775809', '1'.repeat(40)]);
    expect(csvType('1', '2147483648')).toBe('int8');
    expect(csvType('1', '9223372036854775808', '2')).toBe('numeric');
  });

  it('keeps as text what would lose its form as a number', () => {
    eachIs('text', ['007', '00', '-01', '+5', ' 5', '5 ', '1_000', '0x1A', '1,5', '--1']);
    eachIs('text', ['00.5', '+1.5', '1.5.2', '-', '.', '-.', '1e', '1e+', 'e5', '1.5f']);
    eachIs('text', ['NaN', 'nan', 'Infinity', '-Infinity', 'inf', '1'.repeat(1001)]);
  });

  it('reads decimals and exponents as float8', () => {
    eachIs('float8', ['0.5', '-0.5', '.5', '-.5', '5.', '1e5', '1E5', '1e-5', '-2.5E+10', '0e0']);
    eachIs('float8', ['1.7976931348623157e308', '4.9e-324', '2.5e-324', '0.0', '0e-400']);
    eachIs('float8', [`0.${'0'.repeat(300)}1`, `${'9'.repeat(300)}.5`]);
  });

  it('reads decimals out of float8 range as numeric, and absurd ones as text', () => {
    // float8in refuses these (overflow, or a non-zero value that rounds to zero).
    eachIs('numeric', ['1e400', '-1e400', '1e-400', '1.8e308', '2e-324', '1e999']);
    eachIs('numeric', [`1${'0'.repeat(400)}.5`, `0.${'0'.repeat(400)}1`]);
    eachIs('text', ['1e1000', '1e-1000', '1e99999999999']);
  });

  it('widens integers mixed with decimals to float8, or numeric if float8 would round them', () => {
    expect(csvType('1', '2.5')).toBe('float8');
    expect(csvType('2.5', '2147483648')).toBe('float8');
    expect(csvType('2.5', '9007199254740992')).toBe('float8');
    expect(csvType('2.5', '9007199254740993')).toBe('numeric');
    expect(csvType('1e400', '3')).toBe('numeric');
    expect(csvType('0.5', '1e400')).toBe('numeric');
    expect(csvType('0.5', '99999999999999999999')).toBe('numeric');
  });

  it('reads only true and false, in any case, as bool', () => {
    eachIs('bool', ['true', 'false', 'TRUE', 'False', 'tRuE']);
    eachIs('text', ['t', 'f', 'yes', 'no', 'on', 'off', 'y', 'n', 'truth', ' true', 'fals']);
    expect(csvType('0', '1')).toBe('int4');
    expect(csvType('true', '1')).toBe('text');
  });

  it('reads real YYYY-MM-DD dates as date', () => {
    eachIs('date', ['2024-01-31', '2024-02-29', '2000-02-29', '0001-01-01', '9999-12-31']);
    eachIs('text', ['2024-02-30', '2023-02-29', '1900-02-29', '2024-04-31', '2024-13-01']);
    eachIs('text', ['2024-00-10', '2024-01-00', '0000-01-01', '2024-1-5', '24-01-05']);
    eachIs('text', ['2024/01/05', '05/01/2024', '2024-01-05 ', '2024-01-0x', '2024-01-05T']);
    expect(csvType('20240105')).toBe('int4');
  });

  it('reads ISO 8601 timestamps as timestamptz', () => {
    eachIs('timestamptz', [
      '2024-01-05T10:30',
      '2024-01-05 10:30',
      '2024-01-05T10:30:15',
      '2024-01-05 23:59:59.999999',
      '2024-01-05T10:30:15.123456789',
      `2024-01-05T10:30:15.${'1'.repeat(30)}`,
      '2024-01-05T10:30:15Z',
      '2024-01-05T10:30Z',
      '2024-01-05T10:30:15+05',
      '2024-01-05T10:30:15-05:30',
      '2024-01-05T10:30:15.5+0530',
      '2024-01-05T10:30+15:59',
      '0001-01-01T00:00:00-15',
      '9999-12-31T23:59:59.9999999Z',
    ]);
    eachIs('text', [
      '2024-01-05T24:00',
      '2024-01-05T10:60',
      '2024-01-05T10:30:60',
      '2024-01-05T10:30.5',
      '2024-01-05T10:30:15.',
      `2024-01-05T10:30:15.${'1'.repeat(31)}`,
      '2024-01-05T10',
      '2024-01-05T1:30',
      '2024-01-05t10:30',
      '2024-01-05T10:30z',
      '2024-01-05T10:30:15+16:00',
      '2024-01-05T10:30:15+05:60',
      '2024-01-05T10:30:15+5',
      '2024-01-05T10:30:15+05:3',
      '2024-01-05T10:30:15 UTC',
      '2024-01-05T10:30:15+05:30:00',
      '2024-02-30T10:30',
      '2024-01-05  10:30',
    ]);
  });

  it('widens date with timestamptz to timestamptz', () => {
    expect(csvType('2024-01-05', '2024-01-05T10:30:00Z')).toBe('timestamptz');
    expect(csvType('2024-01-05T10:30:00Z', '2024-01-06')).toBe('timestamptz');
    expect(csvType('2024-01-05', '2024-02-30')).toBe('text');
  });

  it('reads canonical UUIDs as uuid', () => {
    eachIs('uuid', [
      'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11',
      'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11',
      '00000000-0000-0000-0000-000000000000',
      '12345678-1234-1234-1234-123456789012',
    ]);
    eachIs('text', [
      'a0eebc999c0b4ef8bb6d6bb9bd380a11',
      '{a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11}',
      'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a1g',
      'a0eebc99-9c0b4-ef8-bb6d-6bb9bd380a11',
      'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a1',
    ]);
  });

  it('reads JSON objects and arrays that jsonb accepts as jsonb', () => {
    eachIs('jsonb', [
      '{}',
      '[]',
      '{"a":1}',
      '[1,"x",null,{"b":[true]}]',
      '{"s":"\\u00e9\\ud83d\\ude00"}',
    ]);
    eachIs('jsonb', ['[1e400]', '{"k":"e12345 1e5000"}', '["\\\\u0000"]', '[1e999]']);
    eachIs('text', ['{', '{a:1}', "{'a':1}", '[1,]', '{"a":1} x', ' {"a":1}', '[NaN]']);
    // jsonb refuses NUL and unpaired surrogates in strings, and numbers beyond numeric's range.
    eachIs('text', ['["\\u0000"]', '{"\\u0000":1}', '["\\ud800"]', '["\\udc00x"]', '[1e131072]']);
    expect(csvType('{"a":1}', '[2]')).toBe('jsonb');
    // jsonb_in recurses: nesting is capped well below where it runs out of stack.
    expect(csvType(`${'['.repeat(500)}${']'.repeat(500)}`)).toBe('jsonb');
    expect(csvType(`${'['.repeat(501)}${']'.repeat(501)}`)).toBe('text');
    expect(csvType(`["${'['.repeat(600)}"]`)).toBe('jsonb');
  });

  it('makes anything incompatible text', () => {
    expect(csvType('1', 'abc')).toBe('text');
    expect(csvType('abc', '1')).toBe('text');
    expect(csvType('true', '2024-01-05')).toBe('text');
    expect(csvType('2024-01-05', '5')).toBe('text');
    expect(csvType('a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '5')).toBe('text');
    expect(csvType('{"a":1}', '5')).toBe('text');
    expect(csvType('[1]', 'abc')).toBe('text');
    expect(csvType('1', '2', 'x', '3')).toBe('text');
  });

  it('tells numbers that look like dates or uuids apart', () => {
    expect(csvType('1.5e-00001')).toBe('float8');
    expect(csvType('12345678-1234-1234-1234-1234567890')).toBe('text');
    expect(csvType('2024-01-05-1')).toBe('text');
  });
});

describe('ColumnInference.observeJson (JSON values)', () => {
  it('reads JSON numbers by their value', () => {
    expect(jsonType(1, -2147483648, 2147483647)).toBe('int4');
    expect(jsonType(1, 2147483648)).toBe('int8');
    expect(jsonType(2 ** 53 + 2)).toBe('int8');
    expect(jsonType(-(2 ** 63))).toBe('int8');
    expect(jsonType(2 ** 63)).toBe('numeric');
    expect(jsonType(1e21)).toBe('numeric');
    expect(jsonType(1.5, 2)).toBe('float8');
    expect(jsonType(1.5, 2 ** 60)).toBe('numeric');
    expect(jsonType(1.5, Infinity)).toBe('float8');
  });

  it('reads bigints (integers beyond 2^53) exactly', () => {
    expect(jsonType(5n)).toBe('int4');
    expect(jsonType(9007199254740993n)).toBe('int8');
    expect(jsonType(9223372036854775807n, -9223372036854775808n)).toBe('int8');
    expect(jsonType(9223372036854775808n)).toBe('numeric');
    expect(jsonType(9007199254740993n, 0.5)).toBe('numeric');
    expect(jsonType(10n ** 1000n)).toBe('text');
  });

  it('reads booleans as bool', () => {
    expect(jsonType(true, false, null)).toBe('bool');
    expect(jsonType(true, 1)).toBe('text');
  });

  it('reads dates, timestamps and uuids in strings, and nothing else', () => {
    expect(jsonType('2024-01-05', null)).toBe('date');
    expect(jsonType('2024-01-05', '2024-01-05T10:30:00Z')).toBe('timestamptz');
    expect(jsonType('a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11')).toBe('uuid');
    for (const value of ['5', '1.5', 'true', '{"a":1}', '[1]', '', '2024-02-30']) {
      expect(jsonType(value), value).toBe('text');
    }
  });

  it('gives text for mixed kinds, and jsonb as soon as an object or array is among them', () => {
    expect(jsonType(1, 'a')).toBe('text');
    expect(jsonType('2024-01-05', 5)).toBe('text');
    expect(jsonType(1, 'a', { b: 2 })).toBe('jsonb');
    expect(jsonType([1], 'a', true, 2.5, null)).toBe('jsonb');
    expect(jsonType({})).toBe('jsonb');
    expect(jsonType(null, undefined)).toBe('text');
  });
});

describe('JsonColumns', () => {
  it('collects keys in order of first appearance, with a type each', () => {
    const columns = new JsonColumns();
    columns.observe({ id: 1, name: 'ann' });
    columns.observe({ name: 'bob', tags: ['x'], id: 2 });
    columns.observe({ when: '2024-01-05', id: null });
    expect(columns.keys).toEqual(['id', 'name', 'tags', 'when']);
    expect(columns.types).toEqual(['int4', 'text', 'jsonb', 'date']);
  });

  it('takes a __proto__ key as a plain key', () => {
    const columns = new JsonColumns();
    columns.observe(JSON.parse('{"__proto__": 5, "a": true}') as Record<string, unknown>);
    expect(columns.keys).toEqual(['__proto__', 'a']);
    expect(columns.types).toEqual(['int4', 'bool']);
  });
});
