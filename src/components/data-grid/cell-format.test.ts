import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  abbreviateArray,
  base64ByteLength,
  cellText,
  compareValues,
  decodeBase64,
  formatTypeName,
  hexDump,
  initialColumnWidth,
  isExpandable,
  localTimestamp,
  singleLine,
  sniffImage,
  toHex,
  utcTimestamp,
  valueKind,
} from './cell-format';
import { nextSort } from './grid-sort';

describe('formatTypeName', () => {
  it('shows array types as people write them', () => {
    expect(formatTypeName('_float4')).toBe('float4[]');
    expect(formatTypeName('_text')).toBe('text[]');
    expect(formatTypeName('_bpchar')).toBe('char[]');
  });

  it('keeps scalar names, renaming only the obscure ones', () => {
    expect(formatTypeName('int4')).toBe('int4');
    expect(formatTypeName('timestamptz')).toBe('timestamptz');
    expect(formatTypeName('bpchar')).toBe('char');
    expect(formatTypeName('_')).toBe('_');
  });
});

describe('valueKind', () => {
  it('follows the column type when there is one', () => {
    expect(valueKind(null, 'int4')).toBe('null');
    expect(valueKind('12345678901234567890', 'int8')).toBe('number');
    expect(valueKind('1.50', 'numeric')).toBe('number');
    expect(valueKind([1, 2], 'jsonb')).toBe('json');
    expect(valueKind('"text"', 'json')).toBe('json');
    expect(valueKind([0.1, 0.2], '_float4')).toBe('array');
    expect(valueKind('AAEC', 'bytea')).toBe('bytea');
    expect(valueKind('2024-01-02T03:04:05Z', 'timestamptz')).toBe('timestamptz');
    expect(valueKind('2024-01-02T03:04:05', 'timestamp')).toBe('timestamp');
    expect(valueKind('2024-01-02', 'date')).toBe('date');
    expect(valueKind(true, 'bool')).toBe('boolean');
    expect(valueKind('NULL', 'text')).toBe('text');
  });

  it('falls back to the JSON value when the API sends no types', () => {
    expect(valueKind(1)).toBe('number');
    expect(valueKind(false)).toBe('boolean');
    expect(valueKind([1])).toBe('array');
    expect(valueKind({ a: 1 })).toBe('json');
    expect(valueKind('2024-01-02T03:04:05Z')).toBe('text');
    expect(valueKind(undefined)).toBe('null');
  });

  it('never trusts a type that the value contradicts', () => {
    expect(valueKind(42, 'bytea')).toBe('text');
    expect(valueKind('{1,2}', '_int4')).toBe('text');
    expect(valueKind('t', 'bool')).toBe('text');
  });
});

describe('cellText', () => {
  it('copies NULL as empty and everything else as sent or as JSON', () => {
    expect(cellText(null)).toBe('');
    expect(cellText('NULL')).toBe('NULL');
    expect(cellText(12.5)).toBe('12.5');
    expect(cellText(true)).toBe('true');
    expect(cellText('9007199254740993', 'int8')).toBe('9007199254740993');
    expect(cellText({ a: [1, 'x'] }, 'jsonb')).toBe('{"a":[1,"x"]}');
    expect(cellText([0.5, 1], '_float4')).toBe('[0.5,1]');
    expect(cellText('2024-01-02T03:04:05.123456Z', 'timestamptz')).toBe(
      '2024-01-02T03:04:05.123456Z',
    );
  });
});

describe('abbreviateArray', () => {
  it('shows short arrays whole', () => {
    expect(abbreviateArray([])).toBe('[]');
    expect(abbreviateArray([1, 2, 3])).toBe('[1, 2, 3]');
    expect(abbreviateArray(['a', null])).toBe('["a", NULL]');
  });

  it('abbreviates vectors with their length', () => {
    const vector = Array.from({ length: 768 }, (_, i) => (i === 0 ? 0.123456 : i / 1000));
    expect(abbreviateArray(vector)).toBe('[0.123, 0.001, … 768 values]');
  });

  it('abbreviates nested arrays inside', () => {
    expect(abbreviateArray([[1, 2], [3]])).toBe('[[1, 2], [3]]');
  });
});

describe('bytea helpers', () => {
  it('counts bytes without decoding', () => {
    expect(base64ByteLength('')).toBe(0);
    expect(base64ByteLength('AA==')).toBe(1);
    expect(base64ByteLength('AAE=')).toBe(2);
    expect(base64ByteLength('AAEC')).toBe(3);
    expect(base64ByteLength(btoa('x'.repeat(1000)))).toBe(1000);
  });

  it('decodes only what is asked for and dumps it as hex', () => {
    const bytes = decodeBase64(btoa('Hello, binary world!'), 5);
    expect(Array.from(bytes)).toEqual([72, 101, 108, 108, 111]);
    expect(toHex(bytes)).toBe('48656c6c6f');
    expect(hexDump(decodeBase64(btoa('AB\u0000\u00ff')))).toBe(
      '00000000  41 42 00 ff' + ' '.repeat(36) + '  AB..',
    );
  });

  it('recognises image bytes', () => {
    expect(sniffImage(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d]))).toBe('image/png');
    expect(sniffImage(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
    expect(sniffImage(new Uint8Array([1, 2, 3]))).toBeNull();
  });
});

describe('timestamps', () => {
  // Node reads TZ whenever it changes, so Date follows the stubbed zone.
  beforeAll(() => {
    vi.stubEnv('TZ', 'America/New_York');
  });
  afterAll(() => {
    vi.unstubAllEnvs();
  });

  it('shows a timestamptz in local time, keeping the microseconds', () => {
    expect(localTimestamp('2024-07-01T12:00:00.123456Z')).toBe('2024-07-01 08:00:00.123456');
    expect(localTimestamp('2024-01-01T00:30:00+01:00')).toBe('2023-12-31 18:30:00');
    expect(utcTimestamp('2024-07-01T12:00:00.5Z')).toBe('2024-07-01 12:00:00.5 UTC');
  });

  it('gives up on values JavaScript cannot place', () => {
    expect(localTimestamp('infinity')).toBeNull();
    expect(localTimestamp('+010001-06-01T00:00:00Z')).toBeNull();
    expect(localTimestamp('-000043-03-15T00:00:00Z')).toBeNull();
  });
});

describe('text', () => {
  it('keeps a cell on one line', () => {
    expect(singleLine('first\nsecond\r\n third')).toBe('first ⏎ second ⏎ third');
    expect(singleLine('x'.repeat(500)).length).toBe(300);
  });

  it('offers the full value for everything but NULL and booleans', () => {
    expect(isExpandable(null)).toBe(false);
    expect(isExpandable(true, 'bool')).toBe(false);
    expect(isExpandable('short')).toBe(true);
    expect(isExpandable({ a: 1 })).toBe(true);
  });
});

describe('compareValues', () => {
  it('orders numbers by value, also when big ones arrive as strings', () => {
    expect(compareValues(2, 10, 'int4')).toBeLessThan(0);
    expect(compareValues('9007199254740993', '9007199254740992', 'int8')).toBeGreaterThan(0);
    expect(compareValues('10.5', '9.75', 'numeric')).toBeGreaterThan(0);
    expect(compareValues('NaN', '1', 'numeric')).toBeGreaterThan(0);
  });

  it('puts NULL after every value, as PostgreSQL does ascending', () => {
    expect(compareValues(null, 1, 'int4')).toBeGreaterThan(0);
    expect(compareValues('a', null, 'text')).toBeLessThan(0);
    expect(compareValues(null, undefined)).toBe(0);
  });

  it('orders text by code point and booleans false first', () => {
    expect(compareValues('B', 'a', 'text')).toBeLessThan(0);
    expect(compareValues(false, true, 'bool')).toBeLessThan(0);
    expect(compareValues({ a: 2 }, { a: 10 }, 'jsonb')).toBeGreaterThan(0);
  });
});

describe('initialColumnWidth', () => {
  it('fits the type and the header', () => {
    expect(initialColumnWidth('ok', 'bool')).toBe(80);
    expect(initialColumnWidth('id', 'uuid')).toBe(328);
    expect(initialColumnWidth('a_rather_long_column_name', 'bool')).toBe(25 * 8 + 44);
    expect(initialColumnWidth('x'.repeat(200), 'text')).toBe(360);
  });
});

describe('nextSort', () => {
  it('cycles ascending, descending, none', () => {
    const asc = nextSort(null, 'a');
    expect(asc).toEqual({ column: 'a', direction: 'asc' });
    const desc = nextSort(asc, 'a');
    expect(desc).toEqual({ column: 'a', direction: 'desc' });
    expect(nextSort(desc, 'a')).toBeNull();
    expect(nextSort(desc, 'b')).toEqual({ column: 'b', direction: 'asc' });
  });
});
