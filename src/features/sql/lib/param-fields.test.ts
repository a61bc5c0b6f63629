import { describe, expect, it } from 'vitest';
import { paramFields, typeHint } from './param-fields';
import { findParameters } from './parameters';

describe('paramFields', () => {
  it('uses the guessed type until one is chosen by hand, and keeps values', () => {
    const scan = findParameters('SELECT $1::jsonb, $2, $4 LIMIT $5');
    const fields = paramFields(scan, {
      2: { type: 'number', value: '5', typeChosen: true },
      1: { type: 'text', value: '{}', typeChosen: false },
    });
    expect(fields.map((f) => [f.number, f.type, f.guessed, f.value, f.used])).toEqual([
      [1, 'json', 'json', '{}', true],
      [2, 'number', 'text', '5', true],
      [3, 'null', 'null', '', false],
      [4, 'text', 'text', '', true],
      [5, 'number', 'number', '', true],
    ]);
  });

  it('explains where a type came from', () => {
    const [json, chosen, skipped, limit] = paramFields(
      findParameters('SELECT $1::float4[], $2::int LIMIT $4'),
      { 2: { type: 'text', value: '', typeChosen: true } },
    );
    expect(typeHint(json!)).toBe('from ::float4[]');
    expect(typeHint(chosen!)).toBe('chosen (the SQL suggests number)');
    expect(typeHint(skipped!)).toBe('not used in the SQL');
    expect(typeHint(limit!)).toBe('from LIMIT/OFFSET');
  });
});
