import { describe, expect, it } from 'vitest';
import { editorKind, inputText, parseInput } from './cell-input';

describe('cell input by type', () => {
  it('picks an editor for the type', () => {
    expect(
      ['bool', 'int8', 'float4', 'jsonb', '_float4', 'date', 'timestamptz', 'uuid', 'varchar'].map(
        editorKind,
      ),
    ).toEqual([
      'boolean',
      'integer',
      'decimal',
      'json',
      'array',
      'date',
      'timestamp',
      'uuid',
      'text',
    ]);
  });

  it('shows values as editable text', () => {
    expect(inputText(null, 'text')).toBe('');
    expect(inputText({ a: [1] }, 'jsonb')).toBe('{"a":[1]}');
    expect(inputText(['a', 'b'], '_text')).toBe('["a","b"]');
    expect(inputText(12, 'int4')).toBe('12');
  });

  it('reads text back as values, with a reason when it cannot', () => {
    expect(parseInput('42', 'int4')).toEqual({ ok: true, value: 42 });
    expect(parseInput('9007199254740993', 'int8')).toEqual({ ok: true, value: '9007199254740993' });
    expect(parseInput('3000000000', 'int4')).toMatchObject({
      ok: false,
      error: expect.stringMatching(/range/),
    });
    expect(parseInput('1.5', 'int4').ok).toBe(false);
    expect(parseInput('1.5', 'float8')).toEqual({ ok: true, value: 1.5 });
    expect(parseInput('abc', 'numeric').ok).toBe(false);
    expect(parseInput('false', 'bool')).toEqual({ ok: true, value: false });
    expect(parseInput('{"a": 1}', 'jsonb')).toEqual({ ok: true, value: { a: 1 } });
    expect(parseInput('{a: 1}', 'jsonb')).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^Not valid JSON/),
    });
    expect(parseInput('[1, 2]', '_int4')).toEqual({ ok: true, value: [1, 2] });
    expect(parseInput('{1,2}', '_int4').ok).toBe(false);
    expect(parseInput('2024-02-30', 'date')).toEqual({ ok: true, value: '2024-02-30' });
    expect(parseInput('yesterday', 'date').ok).toBe(false);
    expect(parseInput('2024-01-02T03:04:05Z', 'timestamptz').ok).toBe(true);
    expect(parseInput('A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11', 'uuid')).toEqual({
      ok: true,
      value: 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11',
    });
    expect(parseInput('nope', 'uuid').ok).toBe(false);
    expect(parseInput('', 'int4')).toEqual({ ok: true, value: null });
    expect(parseInput('', 'text')).toEqual({ ok: true, value: '' });
  });
});
