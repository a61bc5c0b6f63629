import { describe, expect, it } from 'vitest';
import { batchValues, filledRows, planChunks, utf8Length } from './batch';

describe('batchValues', () => {
  it('converts each column with its parameter type', () => {
    expect(
      batchValues(
        [
          ['1', 'a', 'true', '{"k":1}', '[0.5, 1]'],
          ['2', 'b', 'no', '[]', '{1,2}'],
        ],
        ['number', 'text', 'boolean', 'json', 'array'],
        false,
      ),
    ).toEqual({
      rows: [
        [1, 'a', true, '{"k":1}', [0.5, 1]],
        [2, 'b', false, '[]', [1, 2]],
      ],
    });
  });

  it('reads empty cells as NULL when asked, else as typed text', () => {
    expect(batchValues([['', '']], ['number', 'text'], true)).toEqual({ rows: [[null, null]] });
    expect(batchValues([['1', '']], ['number', 'text'], false)).toEqual({ rows: [[1, '']] });
  });

  it('names the first cell that does not convert, 0-based row and the parameter number', () => {
    expect(batchValues([['1'], ['2'], ['x']], ['number'], true)).toEqual({
      error: { row: 2, param: 1, message: 'not a number: x' },
    });
  });

  it('fills missing cells of short rows as empty', () => {
    expect(batchValues([['a']], ['text', 'text'], true)).toEqual({ rows: [['a', null]] });
  });
});

describe('filledRows', () => {
  it('drops rows where every cell is empty', () => {
    expect(filledRows([[], ['', ''], ['a', ''], ['', 'b']])).toEqual([
      ['a', ''],
      ['', 'b'],
    ]);
  });
});

describe('utf8Length', () => {
  it('counts UTF-8 bytes', () => {
    for (const text of ['abc', 'é', '€', '😀', 'aé€😀']) {
      expect(utf8Length(text)).toBe(new TextEncoder().encode(text).length);
    }
  });
});

describe('planChunks', () => {
  const rows = (count: number, value: unknown = 1) => Array.from({ length: count }, () => [value]);

  it('splits by row count', () => {
    expect(planChunks(rows(12), { maxRows: 5, maxBytes: 1e9 })).toEqual([
      { start: 0, end: 5 },
      { start: 5, end: 10 },
      { start: 10, end: 12 },
    ]);
  });

  it('splits by bytes, counting UTF-8', () => {
    // Each row is ["€€€€"]: 16 bytes of JSON (each € is 3), +1 for the comma.
    expect(planChunks(rows(4, '€€€€'), { maxRows: 100, maxBytes: 40 })).toEqual([
      { start: 0, end: 2 },
      { start: 2, end: 4 },
    ]);
  });

  it('sends a row bigger than the byte limit alone rather than never', () => {
    expect(planChunks([['x'.repeat(100)], [1]], { maxRows: 10, maxBytes: 10 })).toEqual([
      { start: 0, end: 1 },
      { start: 1, end: 2 },
    ]);
  });

  it('plans nothing for no rows, and one chunk for a few', () => {
    expect(planChunks([])).toEqual([]);
    expect(planChunks(rows(3))).toEqual([{ start: 0, end: 3 }]);
  });
});
