import { describe, expect, it } from 'vitest';
import { detectDelimiter, hasHeader, parseDelimited } from './delimited';

describe('detectDelimiter', () => {
  it('prefers a tab on the first line, then the more frequent of ; and ,', () => {
    expect(detectDelimiter('a\tb,c,d\n')).toBe('\t');
    expect(detectDelimiter('a,b,c')).toBe(',');
    expect(detectDelimiter('a;b;c\n1,5;2,5;3')).toBe(';');
    expect(detectDelimiter('a;b,c')).toBe(',');
    expect(detectDelimiter('single')).toBe(',');
    expect(detectDelimiter('')).toBe(',');
  });

  it('looks only outside quotes and only at the first line', () => {
    expect(detectDelimiter('"a\tb",c')).toBe(',');
    expect(detectDelimiter('"x,y,z";b')).toBe(';');
    expect(detectDelimiter('a,b\nc\td')).toBe(',');
    expect(detectDelimiter('"multi\nline\twith tab",b\n')).toBe(',');
  });
});

describe('parseDelimited', () => {
  it('parses a CSV file with a header and a trailing newline', () => {
    expect(parseDelimited('id,name\n1,alice\n2,bob\n')).toEqual({
      rows: [
        ['id', 'name'],
        ['1', 'alice'],
        ['2', 'bob'],
      ],
      delimiter: ',',
    });
  });

  it('parses an Excel paste: tabs, \\r\\n, quoted multi-line cells with doubled quotes', () => {
    const paste =
      'id\tnote\tscore\r\n1\t"line one\r\nline ""two"""\t0.5\r\n2\tplain, with comma\t\r\n';
    expect(parseDelimited(paste)).toEqual({
      rows: [
        ['id', 'note', 'score'],
        ['1', 'line one\r\nline "two"', '0.5'],
        ['2', 'plain, with comma', ''],
      ],
      delimiter: '\t',
    });
  });

  it('handles RFC 4180 quoting: delimiters, quotes and newlines inside quotes', () => {
    expect(parseDelimited('"a,b","say ""hi""","x\ny"\n').rows).toEqual([
      ['a,b', 'say "hi"', 'x\ny'],
    ]);
    expect(parseDelimited('"",""\n').rows).toEqual([['', '']]);
  });

  it('keeps empty fields, at the ends too', () => {
    expect(parseDelimited(',a,\n,,').rows).toEqual([
      ['', 'a', ''],
      ['', '', ''],
    ]);
  });

  it('strips a BOM', () => {
    expect(parseDelimited('\uFEFFid;name\r\n1;a')).toEqual({
      rows: [
        ['id', 'name'],
        ['1', 'a'],
      ],
      delimiter: ';',
    });
  });

  it('does not make rows of the final line break or blank lines at the end', () => {
    expect(parseDelimited('a\n').rows).toEqual([['a']]);
    expect(parseDelimited('a\r\n\r\n\n').rows).toEqual([['a']]);
    expect(parseDelimited('a').rows).toEqual([['a']]);
    expect(parseDelimited('').rows).toEqual([]);
    expect(parseDelimited('\n').rows).toEqual([]);
  });

  it('keeps a blank line in between as a row with one empty field', () => {
    expect(parseDelimited('a\n\nb\n').rows).toEqual([['a'], [''], ['b']]);
  });

  it('reads a lone \\r as a line break', () => {
    expect(parseDelimited('a,b\rc,d').rows).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
  });

  it('is lenient with stray quotes and runs an unclosed quote to the end', () => {
    expect(parseDelimited('5" screen,ok\n').rows).toEqual([['5" screen', 'ok']]);
    expect(parseDelimited('"quoted"tail,x').rows).toEqual([['quotedtail', 'x']]);
    expect(parseDelimited('a,"open\nstill,open').rows).toEqual([['a', 'open\nstill,open']]);
  });

  it('uses the delimiter it is given', () => {
    expect(parseDelimited('a;b\tc', ';')).toEqual({ rows: [['a', 'b\tc']], delimiter: ';' });
  });

  it('parses a large file quickly', () => {
    const text = 'id,name,vector\n' + '1,"a, b","[0.1, 0.2]"\n'.repeat(50_000);
    const started = performance.now();
    const { rows } = parseDelimited(text);
    expect(rows).toHaveLength(50_001);
    expect(rows[1]).toEqual(['1', 'a, b', '[0.1, 0.2]']);
    expect(performance.now() - started).toBeLessThan(500);
  });
});

describe('hasHeader', () => {
  it('sees a header over columns of numbers', () => {
    expect(
      hasHeader([
        ['id', 'Price (€)'],
        ['1', '2.5'],
        ['2', ''],
      ]),
    ).toBe(true);
    expect(
      hasHeader([
        ['name', 'score'],
        ['apple', '1,5'],
      ]),
    ).toBe(true);
  });

  it('sees a header of names over data that does not look like names', () => {
    expect(
      hasHeader([
        ['title', 'body'],
        ['Hello', 'Hello, world!'],
      ]),
    ).toBe(true);
    expect(
      hasHeader([
        ['First Name', 'e-mail'],
        ['Ada', 'ada@example.com'],
      ]),
    ).toBe(true);
  });

  it('does not take a row of plain words over more plain words for a header', () => {
    expect(
      hasHeader([
        ['apple', 'banana'],
        ['cherry', 'date'],
      ]),
    ).toBe(false);
  });

  it('never sees a header with a numeric, empty or repeated first-row cell', () => {
    expect(
      hasHeader([
        ['1', 'alice'],
        ['2', 'bob'],
      ]),
    ).toBe(false);
    expect(
      hasHeader([
        ['id', ''],
        ['1', 'x'],
      ]),
    ).toBe(false);
    expect(
      hasHeader([
        ['a', 'A'],
        ['1', '2'],
      ]),
    ).toBe(false);
  });

  it('treats a single row, or nothing, as no header', () => {
    expect(hasHeader([['id', 'name']])).toBe(false);
    expect(hasHeader([])).toBe(false);
  });

  it('does not see a header when no column is numeric and the first row is not names', () => {
    expect(
      hasHeader([
        ['hello world!', 'x.y'],
        ['foo', 'bar'],
      ]),
    ).toBe(false);
  });
});
