import { describe, expect, it } from 'vitest';
import { sniffDelimiter, type Delimiter } from '../../../contract/csv-delimiter';
import { CsvScanner, fieldCountError } from './csv';
import { ImportFormatError } from './errors';

interface Scan {
  records: [number, string[]][];
  error?: string;
}

/** Scans `input` written in the given pieces (byte offsets where a new chunk starts). */
function scan(
  input: string | Buffer,
  { delimiter = ',' as Delimiter, cuts = [] as number[] } = {},
) {
  const bytes = typeof input === 'string' ? Buffer.from(input) : input;
  const result: Scan = { records: [] };
  const scanner = new CsvScanner({
    delimiter,
    onRecord: (fields, line) => result.records.push([line, fields]),
  });
  try {
    let from = 0;
    for (const cut of [...cuts, bytes.length]) {
      scanner.write(bytes.subarray(from, cut));
      from = cut;
    }
    scanner.end();
  } catch (error) {
    if (!(error instanceof ImportFormatError)) throw error;
    result.error = error.message;
  }
  return result;
}

/** The scan of `input` whole, after checking that every way of cutting it in two agrees. */
function scanEverySplit(input: string | Buffer, delimiter: Delimiter = ',') {
  const bytes = typeof input === 'string' ? Buffer.from(input) : input;
  const whole = scan(bytes, { delimiter });
  for (let cut = 0; cut <= bytes.length; cut++) {
    expect(scan(bytes, { delimiter, cuts: [cut] }), `cut at byte ${cut}`).toEqual(whole);
  }
  const bytewise = Array.from({ length: bytes.length }, (_, i) => i);
  expect(scan(bytes, { delimiter, cuts: bytewise }), 'one byte at a time').toEqual(whole);
  return whole;
}

const records = (input: string | Buffer) => scanEverySplit(input).records;
const errorOf = (input: string | Buffer) => scanEverySplit(input).error;

describe('sniffDelimiter', () => {
  it('finds each candidate, ignoring candidates inside quotes', () => {
    expect(sniffDelimiter('a,b,c\n1,"x;y|z\tw",3\n4,5,6\n')).toBe(',');
    expect(sniffDelimiter('a;b;c\n1;"x,y,z";3\n4;"5,5";6\n')).toBe(';');
    expect(sniffDelimiter('a\tb\tc\n1\t"x,y;z"\t3\n')).toBe('\t');
    expect(sniffDelimiter('a|b|c\n"1,2";"x"|y|z\n')).toBe('|');
  });

  it('prefers the candidate that splits the records consistently', () => {
    // Both split the header in two, but commas in the notes make ',' give 2, 2 and 4 fields.
    expect(sniffDelimiter('name;note,s\nann;hi, there\nbob;a, b, c\n')).toBe(';');
    expect(sniffDelimiter('name|note;s\nann|hi; there\nbob|a; b; c\n')).toBe('|');
  });

  it('then prefers more fields', () => {
    expect(sniffDelimiter('a;b,c;d\n1;2,3;4\n')).toBe(';');
    expect(sniffDelimiter('a,b;c,d\n1,2;3,4\n')).toBe(',');
  });

  it('counts a quoted line break as part of its record, and skips empty lines', () => {
    expect(sniffDelimiter('a;b\n"x\ny;z";2\n\n3;4\r\n')).toBe(';');
  });

  it('leaves out a record the sample cuts off', () => {
    expect(sniffDelimiter('a;b\n1;2\n3;4\n5;6;7;8;9')).toBe(';');
    expect(sniffDelimiter('a;b\n1;2\n"3;4;5;6;7\n8;9')).toBe(';');
  });

  it('gives "," for a single column, an empty sample or a BOM', () => {
    expect(sniffDelimiter('name\nann\nbob\n')).toBe(',');
    expect(sniffDelimiter('')).toBe(',');
    expect(sniffDelimiter('\ufeff')).toBe(',');
    expect(sniffDelimiter('\ufeffa;b\n1;2\n')).toBe(';');
    expect(sniffDelimiter('a;b')).toBe(';');
  });
});

describe('CsvScanner', () => {
  it('reports records with the line they start on, the header first', () => {
    expect(records('id,name\n1,ann\n2,bob\n')).toEqual([
      [1, ['id', 'name']],
      [2, ['1', 'ann']],
      [3, ['2', 'bob']],
    ]);
  });

  it('takes the last line with or without a line ending', () => {
    expect(records('a,b\n1,2')).toEqual(records('a,b\n1,2\n'));
    expect(records('a,b\r\n1,2')).toEqual([
      [1, ['a', 'b']],
      [2, ['1', '2']],
    ]);
  });

  it('unquotes fields, collapsing doubled quotes, and keeps delimiters and line breaks in them', () => {
    expect(records('a,b,c\n"x,y","say ""hi""","line 1\nline 2"\n4,5,6\n')).toEqual([
      [1, ['a', 'b', 'c']],
      [2, ['x,y', 'say "hi"', 'line 1\nline 2']],
      [4, ['4', '5', '6']],
    ]);
  });

  it('counts \\r\\n, \\n and lone \\r inside quotes as one line break each', () => {
    expect(records('a,b\r\n"1\r\n2\n3\r4",x\r\n5,6\r\n')).toEqual([
      [1, ['a', 'b']],
      [2, ['1\r\n2\n3\r4', 'x']],
      [6, ['5', '6']],
    ]);
  });

  it('reads \\r\\n and \\r line endings', () => {
    const expected = [
      [1, ['a', 'b']],
      [2, ['1', '2']],
      [3, ['3', '4']],
    ];
    expect(records('a,b\r\n1,2\r\n3,4\r\n')).toEqual(expected);
    expect(records('a,b\r1,2\r3,4\r')).toEqual(expected);
    expect(records('a,b\r1,2\r3,4')).toEqual(expected);
  });

  it('gives empty fields, quoted or not, as empty strings', () => {
    expect(records('a,b,c\n,"",\n"",,""\n')).toEqual([
      [1, ['a', 'b', 'c']],
      [2, ['', '', '']],
      [3, ['', '', '']],
    ]);
  });

  it('skips a UTF-8 BOM and decodes characters split across chunks', () => {
    expect(records('\ufeffnom,ville\nZoë,Zürich 🏔\n')).toEqual([
      [1, ['nom', 'ville']],
      [2, ['Zoë', 'Zürich 🏔']],
    ]);
  });

  it('splits on the delimiter it is given', () => {
    const input = 'a;b|c\n"1;2";3|4\n';
    expect(scanEverySplit(input, ';').records).toEqual([
      [1, ['a', 'b|c']],
      [2, ['1;2', '3|4']],
    ]);
    expect(scanEverySplit(input, '|').records).toEqual([
      [1, ['a;b', 'c']],
      [2, ['1;2;3', '4']],
    ]);
    expect(scanEverySplit('a\tb\n"x\ty"\tz\n', '\t').records[1]).toEqual([2, ['x\ty', 'z']]);
  });

  // PostgreSQL's CSV reader, checked against a live server (see postgres.test.ts).
  describe('agrees with COPY', () => {
    it('opens a quoted part at a quote in the middle of a field', () => {
      expect(records('a,b\n1,x"y,z"w\n2,3\n')).toEqual([
        [1, ['a', 'b']],
        [2, ['1', 'xy,zw']],
        [3, ['2', '3']],
      ]);
    });

    it('joins text after a closing quote to the field', () => {
      expect(records('a,b\n"x"y,"1"" "2\n')).toEqual([
        [1, ['a', 'b']],
        [2, ['xy', '1" 2']],
      ]);
    });

    it('keeps spaces around fields and quotes', () => {
      expect(records('a,b\n "1" , 2 \n')[1]).toEqual([2, [' 1 ', ' 2 ']]);
    });

    it('reads an empty line as a record of one empty field', () => {
      expect(records('a,b\n1,2\n\n3,4\n')).toEqual([
        [1, ['a', 'b']],
        [2, ['1', '2']],
        [3, ['']],
        [4, ['3', '4']],
      ]);
      expect(records('a\n1\n\n')).toEqual([
        [1, ['a']],
        [2, ['1']],
        [3, ['']],
      ]);
    });

    it('treats \\. as data', () => {
      expect(records('a\n\\.\nb\n')).toEqual([
        [1, ['a']],
        [2, ['\\.']],
        [3, ['b']],
      ]);
    });

    it('gives nothing for empty input or a lone BOM', () => {
      expect(records('')).toEqual([]);
      expect(records('\ufeff')).toEqual([]);
    });
  });

  describe('errors', () => {
    it('names the line where an unterminated quote opens', () => {
      expect(errorOf('a,b\n1,2\n3,"x\n4,5\n6,7\n')).toMatch(/^line 3: unterminated quoted field/);
      expect(errorOf('a,b\n1,"x\ny"\n5" screen,2\n3,4\n')).toMatch(
        /^line 4: unterminated quoted field/,
      );
      expect(errorOf('a,"b')).toMatch(/^line 1: unterminated quoted field/);
    });

    it('refuses a line ending other than the first line’s, outside quotes', () => {
      expect(errorOf('a,b\n1,2\r\n')).toBe(
        'line 2: this line ends with \\r\\n but the first line ends with \\n; PostgreSQL needs one kind of line ending throughout the file',
      );
      expect(errorOf('a,b\r\n1,2\r\n3,4\n')).toMatch(/^line 3: this line ends with \\n but/);
      expect(errorOf('a,b\r\n\n1,2\r\n')).toMatch(/^line 2: this line ends with \\n but/);
      expect(errorOf('a,b\r1,2\r\n3,4\r')).toMatch(/^line 2: this line ends with \\r\\n but/);
      expect(errorOf('a,b\n"1\r\n",2\n3,x\ry\n')).toMatch(/^line 4: carriage return \(\\r\)/);
      expect(errorOf('a,b\r\n1,2\r')).toMatch(/^line 2: carriage return \(\\r\) outside quotes/);
    });

    it('refuses invalid UTF-8 and NUL bytes, on their line', () => {
      const bytes = (...parts: (string | number[])[]) =>
        Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : Buffer.from(p))));
      expect(errorOf(bytes('a,b\n1,"x\ny"\n3,', [0xff], '\n'))).toBe(
        'line 4: invalid UTF-8 (byte 0xff); save the file with UTF-8 encoding',
      );
      expect(errorOf(bytes('a,b\nZo', [0xc3], ',x\n'))).toMatch(
        /^line 2: invalid UTF-8 \(byte 0xc3\)/,
      );
      expect(errorOf(bytes('a,b\n1,2', [0xe2, 0x82]))).toMatch(
        /^line 2: the file ends in the middle of a UTF-8 character/,
      );
      expect(errorOf(bytes('a,b\n1,', [0xed, 0xa0, 0x80], '\n'))).toMatch(/^line 2: invalid UTF-8/);
      expect(errorOf(bytes('a,b\n1,2\n3,', [0], '\n'))).toMatch(/^line 3: the file contains a NUL/);
    });

    it('stops at the first error and reports the records before it', () => {
      const result = scan('a,b\n1,2\n3,4\r\n5,6\n');
      expect(result.records).toEqual([
        [1, ['a', 'b']],
        [2, ['1', '2']],
      ]);
      expect(result.error).toMatch(/^line 3:/);
    });

    it('refuses a record longer than maxRecordChars', () => {
      const scanner = new CsvScanner({ delimiter: ',', onRecord: () => {}, maxRecordChars: 100 });
      scanner.write(Buffer.from('a,b\n1,"'));
      expect(() => {
        for (let i = 0; i < 10; i++) scanner.write(Buffer.from('x'.repeat(30)));
      }).toThrow(/^line 2: a record here is longer than 100 characters/);
    });

    it('fieldCountError words the message for the caller', () => {
      expect(fieldCountError(7, 1, 4).message).toBe('line 7: has 1 field, the header has 4');
      expect(fieldCountError(3, 5, 4)).toMatchObject({
        line: 3,
        reason: 'has 5 fields, the header has 4',
      });
    });
  });

  it('reads a long quoted field arriving in many chunks', () => {
    const value = 'x,"\n'.repeat(50_000);
    const input = Buffer.from(`a,b\n1,"${value.replaceAll('"', '""')}"\n2,3\n`);
    const result = scan(input, {
      cuts: Array.from({ length: Math.floor(input.length / 1000) }, (_, i) => (i + 1) * 1000),
    });
    expect(result.records).toEqual([
      [1, ['a', 'b']],
      [2, ['1', value]],
      [50_003, ['2', '3']],
    ]);
  });

  it('gives each record its own array', () => {
    const seen: string[][] = [];
    const scanner = new CsvScanner({ delimiter: ',', onRecord: (fields) => seen.push(fields) });
    scanner.write(Buffer.from('a,b\n1,2\n3,4\n'));
    scanner.end();
    expect(seen).toEqual([
      ['a', 'b'],
      ['1', '2'],
      ['3', '4'],
    ]);
  });
});
