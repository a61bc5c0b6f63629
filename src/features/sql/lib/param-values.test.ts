import { describe, expect, it } from 'vitest';
import { toParamValue } from './param-values';

describe('toParamValue', () => {
  it('sends text as typed', () => {
    expect(toParamValue('  a b ', 'text')).toEqual({ value: '  a b ' });
    expect(toParamValue('', 'text')).toEqual({ value: '' });
  });

  it('converts numbers, keeping digits a double would round as a string', () => {
    expect(toParamValue('42', 'number')).toEqual({ value: 42 });
    expect(toParamValue(' -0.5 ', 'number')).toEqual({ value: -0.5 });
    expect(toParamValue('1e3', 'number')).toEqual({ value: 1000 });
    expect(toParamValue('1.50', 'number')).toEqual({ value: 1.5 });
    expect(toParamValue('.25', 'number')).toEqual({ value: 0.25 });
    expect(toParamValue('+7', 'number')).toEqual({ value: 7 });
    expect(toParamValue('9007199254740991', 'number')).toEqual({ value: 9007199254740991 });
    expect(toParamValue('-9007199254740991', 'number')).toEqual({ value: -9007199254740991 });
    expect(toParamValue('9007199254740993', 'number')).toEqual({ value: '9007199254740993' });
    expect(toParamValue('9007199254740992', 'number')).toEqual({ value: '9007199254740992' });
    expect(toParamValue('-12345678901234567890', 'number')).toEqual({
      value: '-12345678901234567890',
    });
    expect(toParamValue('0.1000000000000000000001', 'number')).toEqual({
      value: '0.1000000000000000000001',
    });
    expect(toParamValue('123456789012345678.5', 'number')).toEqual({
      value: '123456789012345678.5',
    });
    expect(toParamValue('1e400', 'number')).toEqual({ value: '1e400' });
    expect(toParamValue('NaN', 'number')).toEqual({ value: 'NaN' });
    expect(toParamValue('-Infinity', 'number')).toEqual({ value: '-Infinity' });
  });

  it('refuses what is not a number', () => {
    expect(toParamValue('abc', 'number')).toEqual({ error: 'not a number: abc' });
    expect(toParamValue('', 'number')).toEqual({ error: 'not a number: ' });
    expect(toParamValue('1,5', 'number')).toEqual({ error: 'not a number: 1,5' });
    expect(toParamValue('1e', 'number')).toEqual({ error: 'not a number: 1e' });
    expect(toParamValue('0x10', 'number')).toEqual({ error: 'not a number: 0x10' });
  });

  it('reads booleans in any case and refuses other words', () => {
    for (const word of ['true', 'TRUE', 't', '1', 'yes', 'Y', 'on', ' True '])
      expect(toParamValue(word, 'boolean')).toEqual({ value: true });
    for (const word of ['false', 'F', '0', 'no', 'n', 'OFF'])
      expect(toParamValue(word, 'boolean')).toEqual({ value: false });
    expect(toParamValue('maybe', 'boolean')).toEqual({
      error: 'not a boolean: maybe (use true or false)',
    });
  });

  it('sends JSON as its text once it parses', () => {
    expect(toParamValue('{"a": [1, 2]}', 'json')).toEqual({ value: '{"a": [1, 2]}' });
    expect(toParamValue('"just a string"', 'json')).toEqual({ value: '"just a string"' });
    expect(toParamValue('12345678901234567890', 'json')).toEqual({
      value: '12345678901234567890',
    });
    const bad = toParamValue('{a: 1}', 'json');
    expect('error' in bad && bad.error).toMatch(/^invalid JSON: /);
    expect('error' in toParamValue('', 'json')).toBe(true);
  });

  it('sends null for null whatever the text', () => {
    expect(toParamValue('anything', 'null')).toEqual({ value: null });
  });

  describe('array', () => {
    const array = (raw: string) => toParamValue(raw, 'array');

    it('reads JSON arrays', () => {
      expect(array('[0.1, 0.2, -3e-2]')).toEqual({ value: [0.1, 0.2, -0.03] });
      expect(array('["a", "b,c", "q\\"uote", null]')).toEqual({
        value: ['a', 'b,c', 'q"uote', null],
      });
      expect(array('[[1, 2], [3, 4]]')).toEqual({
        value: [
          [1, 2],
          [3, 4],
        ],
      });
      expect(array('[]')).toEqual({ value: [] });
      expect(array('[true, false]')).toEqual({ value: [true, false] });
    });

    it('keeps integers a double would round as strings, as for a number', () => {
      expect(array('[9007199254740993, 1]')).toEqual({ value: ['9007199254740993', 1] });
    });

    it('reads Python and numpy printouts', () => {
      expect(array('[0.1, 0.2, 0.3,]')).toEqual({ value: [0.1, 0.2, 0.3] });
      expect(array('[0.1 0.2\n 0.3]')).toEqual({ value: [0.1, 0.2, 0.3] });
      expect(array("['a', 'it\\'s', None, True]")).toEqual({
        value: ['a', "it's", null, true],
      });
      expect(array('(1, 2)')).toEqual({ value: [1, 2] });
    });

    it('reads Postgres array literals', () => {
      expect(array('{0.1,0.2}')).toEqual({ value: [0.1, 0.2] });
      expect(array('{ a , "b c", NULL, "NULL", "q\\"x" }')).toEqual({
        value: ['a', 'b c', null, 'NULL', 'q"x'],
      });
      expect(array('{{1,2},{3,4}}')).toEqual({
        value: [
          [1, 2],
          [3, 4],
        ],
      });
      expect(array('{}')).toEqual({ value: [] });
      expect(array('{hello world}')).toEqual({ value: ['hello world'] });
    });

    it('reads bare lists separated by commas and/or spaces', () => {
      expect(array('0.1, 0.2 0.3')).toEqual({ value: [0.1, 0.2, 0.3] });
      expect(array('0.1\t0.2\n0.3')).toEqual({ value: [0.1, 0.2, 0.3] });
      expect(array('a,b')).toEqual({ value: ['a', 'b'] });
      expect(array('5')).toEqual({ value: [5] });
    });

    it('refuses empty and malformed input', () => {
      const errors = [
        '',
        '   ',
        '[1, 2',
        '[1,,2]',
        '[,1]',
        '1,,2',
        '{1,2',
        '{1,,2}',
        '{1,2} x',
        '{"a}',
        '[1, 2]]',
        '["a]',
        '[1"a"]',
      ];
      for (const raw of errors) {
        const result = array(raw);
        expect(result, raw).toHaveProperty('error');
      }
      expect(array('')).toEqual({ error: 'empty array: enter values such as [0.1, 0.2]' });
      expect(array('[1,,2]')).toEqual({ error: 'not an array: empty element between commas' });
    });
  });
});
