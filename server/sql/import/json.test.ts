import { describe, expect, it } from 'vitest';
import { ImportFormatError } from './errors';
import { JsonScanner } from './json';

interface Scan {
  records: [number, Record<string, unknown>][];
  error?: string;
}

function scan(input: string | Buffer, cuts: number[] = []): Scan {
  const bytes = typeof input === 'string' ? Buffer.from(input) : input;
  const result: Scan = { records: [] };
  const scanner = new JsonScanner({
    onRecord: (record, line) => result.records.push([line, record]),
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
function scanEverySplit(input: string | Buffer): Scan {
  const bytes = typeof input === 'string' ? Buffer.from(input) : input;
  const whole = scan(bytes);
  for (let cut = 0; cut <= bytes.length; cut++) {
    expect(scan(bytes, [cut]), `cut at byte ${cut}`).toEqual(whole);
  }
  const bytewise = Array.from({ length: bytes.length }, (_, i) => i);
  expect(scan(bytes, bytewise), 'one byte at a time').toEqual(whole);
  return whole;
}

const records = (input: string) => scanEverySplit(input).records;
const errorOf = (input: string | Buffer) => scanEverySplit(input).error;

describe('JsonScanner', () => {
  it('reads an array of objects, each with the line it starts on', () => {
    expect(records('[\n  {"id": 1, "name": "ann"},\n  {\n    "id": 2\n  }\n]\n')).toEqual([
      [2, { id: 1, name: 'ann' }],
      [3, { id: 2 }],
    ]);
    expect(records('[{"a":1},{"a":2}]')).toEqual([
      [1, { a: 1 }],
      [1, { a: 2 }],
    ]);
    expect(records(' \r\n\t[ ]  \n')).toEqual([]);
  });

  it('reads NDJSON, skipping blank lines, and objects that span lines', () => {
    expect(records('{"a":1}\n\n{"a":2}\r\n  \n{\n"a":3}\n{"a":4}')).toEqual([
      [1, { a: 1 }],
      [3, { a: 2 }],
      [5, { a: 3 }],
      [7, { a: 4 }],
    ]);
  });

  it('skips a BOM, and decodes characters split across chunks', () => {
    expect(records('\ufeff[{"ville":"Zürich 🏔"}]')).toEqual([[1, { ville: 'Zürich 🏔' }]]);
    expect(records('\ufeff{"a":"é"}\n')).toEqual([[1, { a: 'é' }]]);
  });

  it('is not fooled by braces, brackets and escaped quotes in strings', () => {
    const object = { 'k}': '{[\\"]}', q: 'a"b\\', 'x\\': ['}', ']', '"{'] };
    const text = JSON.stringify(object);
    expect(records(`[${text},\n${text}]`)).toEqual([
      [1, object],
      [2, object],
    ]);
    expect(records(`${text}\n${text}\n`)).toEqual([
      [1, object],
      [2, object],
    ]);
  });

  it('keeps integers beyond 2^53 exact as bigint, in nested values too', () => {
    const [[, record]] = records(
      '{"id": 1234567890123456789, "n": [9007199254740993, -99999999999999999999], "s": "12345678901234567", "f": 1.5, "small": 42, "e": 1e20, "x": {"__proto__": 12345678901234567}}',
    ) as [[number, Record<string, unknown>]];
    expect(record).toEqual({
      id: 1234567890123456789n,
      n: [9007199254740993n, -99999999999999999999n],
      s: '12345678901234567',
      f: 1.5,
      small: 42,
      e: 1e20,
      x: expect.anything(),
    });
    expect(Object.keys(record.x as object)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(record.x)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(record.x, '__proto__')?.value).toBe(12345678901234567n);
    expect(records('{"a": 9007199254740991}')[0]![1].a).toBe(9007199254740991);
  });

  describe('errors', () => {
    it('refuses a file that is neither an array nor objects', () => {
      expect(errorOf('\n\n  "hello"')).toBe(
        'line 3: expected a JSON array of objects or one JSON object per line (NDJSON), found a string',
      );
      expect(errorOf('id,name\n1,ann\n')).toMatch(/^line 1: expected a JSON array .*found "i"$/);
    });

    it('names the line of an invalid record', () => {
      expect(errorOf('[\n{"a":1},\n{"a":2,}\n]')).toMatch(/^line 3: invalid JSON: /);
      expect(errorOf('{"a":1}\n{"a":\n  x}\n')).toMatch(/^line 2: invalid JSON: /);
      // The position V8 gives within the record becomes a line of the file.
      expect(errorOf('{"a":1}\n{"a":1\n,\n"b" 2}\n')).toMatch(
        /^line 2: invalid JSON: [^(]+ \(on line 4\)$/,
      );
      expect(errorOf('{"a":1}\n{"a":"x\ny"}\n')).toMatch(
        /^line 2: invalid JSON: Bad control character/,
      );
    });

    it('refuses array elements that are not objects', () => {
      expect(errorOf('[{"a":1},\n 5]')).toBe(
        'line 2: each element of the array must be a JSON object, found a number',
      );
      expect(errorOf('[[1]]')).toMatch(/^line 1: each element .* found an array$/);
      expect(errorOf('[null]')).toMatch(/found null$/);
      expect(errorOf('[true]')).toMatch(/found a boolean$/);
      expect(errorOf('[{"a":1},]')).toMatch(/^line 1: invalid JSON: a comma before \]/);
      expect(errorOf('[{"a":1} {"a":2}]')).toMatch(/^line 1: expected , or \] after an array/);
      expect(errorOf('{"a":1}\n[1]\n')).toBe('line 2: expected a JSON object, found an array');
      expect(errorOf('{"a":1},\n')).toBe('line 1: expected a JSON object, found ","');
    });

    it('refuses data after the array, or an array that does not end', () => {
      expect(errorOf('[{"a":1}]\n\n{"b":2}')).toBe(
        'line 3: unexpected "{" after the end of the JSON array',
      );
      expect(errorOf('[{"a":1}] x')).toMatch(/^line 1: unexpected "x"/);
      expect(errorOf('[\n{"a":1},\n{"a":2}\n\n')).toBe(
        'line 3: the JSON array is not closed: the file ends before its ]',
      );
      expect(errorOf('[')).toMatch(/^line 1: the JSON array is not closed/);
      expect(errorOf('[{"a":1},')).toMatch(/^line 1: the JSON array is not closed/);
    });

    it('refuses an object the file ends inside, on the line it starts', () => {
      expect(errorOf('[{"a":1},\n{"a":\n[2,3]')).toBe(
        'line 2: the JSON object that starts here is not complete: the file ends inside it',
      );
      expect(errorOf('{"a":1}\n{"a":"}')).toMatch(/^line 2: the JSON object that starts here/);
    });

    it('refuses strings PostgreSQL cannot store', () => {
      expect(errorOf('{"a":1}\n{"a":"x\\u0000"}')).toBe(
        'line 2: a string contains \\u0000 (NUL), which PostgreSQL cannot store',
      );
      expect(errorOf('[{"\\u0000":1}]')).toMatch(/^line 1: a string contains \\u0000/);
      expect(errorOf('{"a":["\\ud800"]}')).toMatch(/^line 1: a string contains an unpaired/);
      expect(errorOf('{"a":"\\\\u0000 \\ud83d\\ude00"}')).toBeUndefined();
    });

    it('refuses nesting deeper than jsonb is sure to take', () => {
      const nested = (levels: number) => `${'['.repeat(levels)}${']'.repeat(levels)}`;
      expect(errorOf(`{"a":1}\n{"a":${nested(500)}}`)).toBeUndefined();
      expect(errorOf(`{"a":1}\n{"a":${nested(501)}}`)).toBe(
        "line 2: the JSON object that starts here nests deeper than 500 levels, more than PostgreSQL's jsonb is sure to take",
      );
    });

    it('refuses invalid UTF-8 on its line', () => {
      const input = Buffer.concat([
        Buffer.from('[{"a":1},\n{"a":"'),
        Buffer.from([0xfe]),
        Buffer.from('"}]'),
      ]);
      expect(errorOf(input)).toBe(
        'line 2: invalid UTF-8 (byte 0xfe); save the file with UTF-8 encoding',
      );
    });

    it('refuses a record longer than maxRecordChars', () => {
      const scanner = new JsonScanner({ onRecord: () => {}, maxRecordChars: 100 });
      scanner.write(Buffer.from('{"a":1}\n{"a":"'));
      expect(() => {
        for (let i = 0; i < 10; i++) scanner.write(Buffer.from('x'.repeat(30)));
      }).toThrow(/^line 2: the JSON object that starts here is longer than 100 characters/);
    });
  });

  it('reads a long record arriving in many chunks, and counts its lines', () => {
    const long = { text: 'a"{\n'.repeat(20_000), list: Array.from({ length: 5000 }, (_, i) => i) };
    const input = Buffer.from(`[\n${JSON.stringify(long, null, 1)},\n{"b": 1}\n]`);
    const cuts = Array.from({ length: Math.floor(input.length / 1000) }, (_, i) => (i + 1) * 1000);
    const lines = JSON.stringify(long, null, 1).split('\n').length;
    expect(scan(input, cuts).records).toEqual([
      [2, long],
      [2 + lines, { b: 1 }],
    ]);
  });

  it('counts lines on a long single-line array without rescanning', () => {
    const input = Buffer.from(
      `[${Array.from({ length: 50_000 }, (_, i) => `{"i":${i}}`).join(',')}]\n`,
    );
    const cuts = Array.from({ length: Math.floor(input.length / 4096) }, (_, i) => (i + 1) * 4096);
    const result = scan(input, cuts);
    expect(result.records).toHaveLength(50_000);
    expect(result.records[49_999]).toEqual([1, { i: 49_999 }]);
  });
});
