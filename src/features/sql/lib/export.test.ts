import { describe, expect, it } from 'vitest';
import {
  exportFileName,
  repeatedColumns,
  toCsv,
  toJson,
  toTsv,
  toV3Json,
  uniqueKeys,
  v3JsonProblem,
} from './export';

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

  it('keeps a column named __proto__ as a column', () => {
    const json = toJson({ columns: ['__proto__', 'b'], rows: [[1, 2]] });
    expect(json).toContain('"__proto__": 1');
    expect(Object.keys(JSON.parse(json)[0])).toEqual(['__proto__', 'b']);
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

describe('toV3Json', () => {
  it('answers as the v3 query API does with as_list true: one object per row', () => {
    expect(JSON.parse(toV3Json(result, true)!)).toEqual({
      message: 'Query successful.',
      tensors: ['id', 'name', 'tags', 'note'],
      data: [
        { id: 1, name: 'plain', tags: ['a', 'b'], note: null },
        { id: 2, name: 'with, comma', tags: [], note: '' },
        { id: 3, name: 'say "hi"\nthen go', tags: null, note: ' padded ' },
      ],
    });
  });

  it('answers as the v3 query API does with as_list false: one array per column', () => {
    const text = toV3Json(result, false)!;
    expect(text.endsWith('}\n')).toBe(true);
    expect(JSON.parse(text)).toEqual({
      message: 'Query successful.',
      tensors: ['id', 'name', 'tags', 'note'],
      data: {
        id: [1, 2, 3],
        name: ['plain', 'with, comma', 'say "hi"\nthen go'],
        tags: [['a', 'b'], [], null],
        note: [null, '', ' padded '],
      },
    });
    // Keys keep the result's column order.
    expect(Object.keys((JSON.parse(text) as { data: object }).data)).toEqual(result.columns);
  });

  it('keeps an empty result and odd column names as they are', () => {
    const odd = { columns: ['__proto__', 'constructor'], rows: [] };
    expect(JSON.parse(toV3Json(odd, true)!)).toEqual({
      message: 'Query successful.',
      tensors: ['__proto__', 'constructor'],
      data: [],
    });
    const columns = JSON.parse(toV3Json(odd, false)!) as { data: Record<string, unknown> };
    expect(Object.keys(columns.data)).toEqual(['__proto__', 'constructor']);
  });

  it('refuses columns of one name rather than losing one, and says which', () => {
    const twice = { columns: ['?column?', 'id', '?column?', 'id', 'x'], rows: [[1, 2, 3, 4, 5]] };
    expect(repeatedColumns(twice.columns)).toEqual(['?column?', 'id']);
    expect(toV3Json(twice, true)).toBeNull();
    expect(toV3Json(twice, false)).toBeNull();
    expect(v3JsonProblem(twice.columns)).toMatch(/"\?column\?", "id" are used more than once/);
    expect(v3JsonProblem(['a', 'a'])).toMatch(/the name "a" is used more than once.*AS/);
    expect(v3JsonProblem(result.columns)).toBeNull();
  });
});
