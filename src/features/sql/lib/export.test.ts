import { describe, expect, it } from 'vitest';
import { exportFileName, toCsv, toJson, toTsv, uniqueKeys } from './export';

const text = (value: unknown) =>
  typeof value === 'string'
    ? value
    : value !== null && typeof value === 'object'
      ? JSON.stringify(value)
      : String(value);

const result = {
  columns: ['id', 'name', 'tags', 'note'],
  types: ['int4', 'text', '_text', 'text'],
  rows: [
    [1, 'plain', ['a', 'b'], null],
    [2, 'with, comma', [], ''],
    [3, 'say "hi"\nthen go', null, ' padded '],
  ],
};

describe('toCsv', () => {
  it('writes RFC 4180 with a header, CRLF, NULL as empty and empty text as ""', () => {
    expect(toCsv(result, text)).toBe(
      [
        'id,name,tags,note',
        '1,plain,"[""a"",""b""]",',
        '2,"with, comma",[],""',
        '3,"say ""hi""\nthen go",," padded "',
        '',
      ].join('\r\n'),
    );
  });
});

describe('toTsv', () => {
  it('writes tab-separated text, quoting fields with tabs, quotes or line breaks', () => {
    expect(
      toTsv(
        {
          columns: ['a', 'b'],
          rows: [
            ['x\ty', 'say "hi"'],
            [null, 'ok'],
          ],
        },
        text,
      ),
    ).toBe('a\tb\n"x\ty"\t"say ""hi"""\n\tok\n');
  });
});

describe('toJson', () => {
  it('writes row objects with the values as sent, keeping repeated column names apart', () => {
    const json = toJson({ columns: ['?column?', '?column?', 'j'], rows: [[1, 2, { k: [1] }]] });
    expect(JSON.parse(json)).toEqual([{ '?column?': 1, '?column?_2': 2, j: { k: [1] } }]);
  });

  it('gives an empty array for no rows', () => {
    expect(JSON.parse(toJson({ columns: ['a'], rows: [] }))).toEqual([]);
  });
});

describe('uniqueKeys', () => {
  it('numbers repeats, skipping names already taken', () => {
    expect(uniqueKeys(['a', 'a', 'a_2', 'a'])).toEqual(['a', 'a_2', 'a_2_2', 'a_3']);
  });
});

describe('exportFileName', () => {
  it('stamps the local date and time', () => {
    expect(exportFileName('csv', new Date(2026, 10, 21, 7, 5))).toBe('query-2026-11-21-0705.csv');
  });
});
