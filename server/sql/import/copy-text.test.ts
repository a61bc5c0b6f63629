import { describe, expect, it } from 'vitest';
import { encodeCopyTextRow } from './copy-text';

describe('encodeCopyTextRow', () => {
  it('separates values by tabs, ends with a newline, and writes NULL as \\N', () => {
    expect(encodeCopyTextRow([1, 'a', null, undefined], ['int4', 'text', 'text', 'date'])).toBe(
      '1\ta\t\\N\t\\N\n',
    );
    expect(encodeCopyTextRow([], ['int4', 'text'])).toBe('\\N\t\\N\n');
    expect(encodeCopyTextRow([''], ['text'])).toBe('\n');
  });

  it('escapes backslash, tab, newline and carriage return, and nothing else', () => {
    expect(
      encodeCopyTextRow(
        ['a\\b\tc\nd\re', '\\N', '\\.', 'é "q" \u0001'],
        ['text', 'text', 'text', 'text'],
      ),
    ).toBe('a\\\\b\\tc\\nd\\re\t\\\\N\t\\\\.\té "q" \u0001\n');
  });

  it('writes booleans as t/f in bool columns and as words elsewhere', () => {
    expect(encodeCopyTextRow([true, false, true], ['bool', 'bool', 'text'])).toBe('t\tf\ttrue\n');
  });

  it('writes numbers as their JS text, integers in full digits', () => {
    expect(
      encodeCopyTextRow(
        [0.1, -2.5e-7, 1e21, -(2 ** 63), 2 ** 60, -0, 123456789012345678901234567890n],
        ['float8', 'float8', 'numeric', 'int8', 'int8', 'float8', 'numeric'],
      ),
    ).toBe(
      '0.1\t-2.5e-7\t1000000000000000000000\t-9223372036854775808\t1152921504606846976\t-0\t123456789012345678901234567890\n',
    );
    expect(encodeCopyTextRow([Infinity], ['float8'])).toBe('Infinity\n');
  });

  it('writes JSON text in jsonb columns, strings included', () => {
    expect(
      encodeCopyTextRow(
        [{ a: 'x\ty', b: [1, null] }, 'str', 5, true, [12345678901234567890n, { c: 1n }]],
        ['jsonb', 'jsonb', 'jsonb', 'jsonb', 'jsonb'],
      ),
    ).toBe('{"a":"x\\\\ty","b":[1,null]}\t"str"\t5\ttrue\t[12345678901234567890,{"c":1}]\n');
  });

  it('writes objects in text columns as JSON, and other values as they are', () => {
    expect(
      encodeCopyTextRow(
        [{ a: 1 }, [1, 'x'], 7, 9007199254740993n, 'plain'],
        ['text', 'text', 'text', 'text', 'text'],
      ),
    ).toBe('{"a":1}\t[1,"x"]\t7\t9007199254740993\tplain\n');
    expect(
      encodeCopyTextRow(['2024-01-05', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'], ['date', 'uuid']),
    ).toBe('2024-01-05\ta0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11\n');
  });
});
