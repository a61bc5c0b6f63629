import { describe, expect, it } from 'vitest';
import { parseTsv, pastedCells } from './paste';

describe('pasting from a spreadsheet', () => {
  it('reads rows and tab-separated cells, with quoted cells', () => {
    expect(parseTsv('a\tb\r\nc\td\n')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
    expect(parseTsv('"x\ty"\t"say ""hi"""\n"two\nlines"\t')).toEqual([
      ['x\ty', 'say "hi"'],
      ['two\nlines', ''],
    ]);
    expect(parseTsv('single')).toEqual([['single']]);
  });

  it('sets cells from where it is pasted, by type, leaving out what does not fit', () => {
    const result = pastedCells(
      [
        ['1', 'x', 'extra'],
        ['nope', 'y'],
        ['3', 'z'],
      ],
      { row: 1, col: 0 },
      { rows: 3, types: ['int4', 'text'] },
    );
    expect(result.cells).toEqual([
      { row: 1, col: 0, value: 1 },
      { row: 1, col: 1, value: 'x' },
      { row: 2, col: 1, value: 'y' },
    ]);
    expect(result.outside).toBe(3);
    expect(result.invalid).toBe(1);
    expect(result.firstError).toMatch(/whole number.*nope/);
  });
});
