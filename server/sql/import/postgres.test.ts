import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Delimiter } from '../../../contract/csv-delimiter';
import { CsvScanner } from './csv';
import { encodeCopyTextRow } from './copy-text';
import { ImportFormatError } from './errors';
import { ColumnInference, JsonColumns, type PgType } from '../../../contract/column-inference';
import { JsonScanner } from './json';

/**
 * The import modules claim to read files as PostgreSQL's COPY does and to infer only types whose
 * input functions accept every value. This checks both against the test cluster.
 */

let client: pg.Client;

beforeAll(async () => {
  client = new pg.Client({
    connectionString: inject('adminDatabaseUrl'),
    types: { getTypeParser: (() => (text: string) => text) as any },
  });
  await client.connect();
  await client.query(`SET TimeZone = 'UTC'`);
});

afterAll(async () => {
  await client?.end();
});

const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** Rows COPY makes of `bytes` in the import's CSV mode, or its error. */
async function copyCsv(bytes: Buffer, columns: number, delimiter: Delimiter) {
  const names = Array.from({ length: columns }, (_, i) => `c${i}`);
  await client.query(
    `DROP TABLE IF EXISTS pg_temp.csv; CREATE TEMP TABLE csv (${names.map((n) => `${n} text`).join(', ')})`,
  );
  const sql = `COPY csv FROM STDIN (FORMAT csv, HEADER true, DELIMITER E'${delimiter === '\t' ? '\\t' : delimiter}', QUOTE '"', ESCAPE '"', FORCE_NULL (${names.join(', ')}), ENCODING 'UTF8')`;
  try {
    await pipeline(Readable.from([bytes]), client.query(copyFrom(sql)));
  } catch (error) {
    return { error: (error as Error).message };
  }
  const { rows } = await client.query({ text: 'SELECT * FROM csv', rowMode: 'array' });
  return { rows: rows as (string | null)[][] };
}

/** What the scanner makes of `bytes`, as the endpoint would use it: header count and rows. */
function scanCsv(bytes: Buffer, delimiter: Delimiter) {
  let header: string[] | null = null;
  const rows: (string | null)[][] = [];
  const scanner = new CsvScanner({
    delimiter,
    onRecord: (fields, line) => {
      if (!header) header = fields;
      else if (fields.length !== header.length) {
        throw new ImportFormatError(line, 'field count differs from the header');
      } else rows.push(fields.map((field) => (field === '' ? null : field)));
    },
  });
  try {
    scanner.write(bytes);
    scanner.end();
  } catch (error) {
    if (!(error instanceof ImportFormatError)) throw error;
    const columns = (header as string[] | null)?.length;
    return { columns: columns ?? 1, error: error.message, inHeader: columns === undefined };
  }
  return { columns: (header as string[] | null)?.length ?? 1, rows };
}

/** mulberry32: a small seeded generator, so a failing input can be found again. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('CSV files, against COPY', () => {
  const cases: [name: string, input: string | Buffer, delimiter?: Delimiter][] = [
    ['plain', 'a,b\n1,2\n3,4\n'],
    ['no final line ending', 'a,b\n1,2'],
    [
      'quotes, doubled quotes, delimiters and newlines in quotes',
      'a,b\n"x,y","say ""hi"""\n"1\n2",3\n',
    ],
    ['a quote opening mid-field', 'a,b\n1,x"y,z"w\n2,3\n'],
    ['text after a closing quote', 'a,b\n"x"y,"1"" "2\n'],
    ['an unterminated quote', 'a,b\n1,x"y\n2,3\n'],
    ['a stray quote on the last line', 'a,b\n1,5" screen'],
    ['empty and quoted-empty fields', 'a,b,c\n,"",\n"",,""\n'],
    ['an empty line with two columns', 'a,b\n1,2\n\n3,4\n'],
    ['an empty last line with two columns', 'a,b\n1,2\n\n'],
    ['empty lines with one column', 'a\n1\n\n2\n\n'],
    ['spaces around values', 'a,b\n "1" , 2 \n'],
    ['an extra field', 'a,b\n1,2,\n'],
    ['a missing field', 'a,b\n1\n'],
    ['\\r\\n line endings', 'a,b\r\n1,2\r\n"3\r\n",4\r\n'],
    ['\\r line endings', 'a,b\r1,2\r3,4'],
    ['\\n after \\r\\n', 'a,b\r\n1,2\n3,4\n'],
    ['\\r\\n after \\n', 'a,b\n1,2\r\n'],
    ['a lone \\r after \\r\\n', 'a,b\r\n1,2\r'],
    ['\\r\\n after \\r', 'a,b\r1,2\r\n3,4\r'],
    ['a lone \\r inside an unquoted value', 'a,b\n1,x\ry\n'],
    ['a \\r inside quotes', 'a,b\n1,"x\ry"\n'],
    ['\\. as data', 'a,b\n\\.,1\n\\.\n'],
    ['a BOM', '\ufeffa,b\n1,2\n'],
    ['UTF-8', 'a,b\nZoë,🏔\n'],
    ['invalid UTF-8', Buffer.from([0x61, 0x2c, 0x62, 0x0a, 0x31, 0x2c, 0xff, 0x0a])],
    ['a NUL byte', 'a,b\n1,x\u0000y\n'],
    ['a surrogate encoded in UTF-8', Buffer.from([0x61, 0x0a, 0xed, 0xa0, 0x80, 0x0a])],
    ['semicolons', 'a;b\n"1;2";3\n', ';'],
    ['tabs', 'a\tb\n"1\t2"\t3\n', '\t'],
    ['pipes', 'a|b\n1|"x|y"\n', '|'],
  ];

  it.each(cases)('%s', async (_name, input, delimiter = ',') => {
    const bytes = typeof input === 'string' ? Buffer.from(input) : input;
    const ours = scanCsv(bytes, delimiter);
    const copy = await copyCsv(bytes, ours.columns, delimiter);
    if (ours.error !== undefined || copy.error !== undefined) {
      expect({ ours: ours.error !== undefined, copy: copy.error !== undefined }).toEqual({
        ours: true,
        copy: true,
      });
    } else {
      expect(ours.rows).toEqual(copy.rows);
    }
  });

  it('agrees on random inputs of quotes, delimiters and line breaks', async () => {
    const next = random(20240105);
    const alphabet = ['a', 'b', ',', ',', '"', '"', '\n', '\n', '\r', '\r\n', ' ', '\\'];
    let compared = 0;
    for (let n = 0; n < 400; n++) {
      const length = 1 + Math.floor(next() * 14);
      const input = Array.from({ length }, () => alphabet[Math.floor(next() * alphabet.length)]!);
      const bytes = Buffer.from(input.join(''));
      const ours = scanCsv(bytes, ',');
      // A header we cannot read is refused here; COPY skips it without reading it.
      if (ours.inHeader) continue;
      const copy = await copyCsv(bytes, ours.columns, ',');
      const label = JSON.stringify(input.join(''));
      expect(ours.error !== undefined, `${label}: ${ours.error ?? copy.error}`).toBe(
        copy.error !== undefined,
      );
      if (copy.rows) expect(ours.rows, label).toEqual(copy.rows);
      compared++;
    }
    expect(compared).toBeGreaterThan(200);
  });

  it('refuses a header whose quote never closes, which COPY would skip unread', async () => {
    const bytes = Buffer.from('a,"b\nc\n1,2\n');
    expect(scanCsv(bytes, ',').error).toMatch(/^line 1: unterminated quoted field/);
    expect(await copyCsv(bytes, 2, ',')).toEqual({ rows: [] });
  });
});

describe('inferred types, against the input functions', () => {
  /** Values each inferred type must take; every one is first checked to infer as that type. */
  const accepted: Record<Exclude<PgType, 'text'>, string[]> = {
    int4: ['0', '-0', '42', '2147483647', '-2147483648'],
    int8: ['2147483648', '-2147483649', '9223372036854775807', '-9223372036854775808'],
    numeric: [
      '9223372036854775808',
      '-99999999999999999999999999999',
      '1e400',
      '-1e-400',
      '2e-324',
      '1.8e308',
      '1e999',
      '1e-999',
      `${'9'.repeat(400)}.5`,
      `0.${'0'.repeat(400)}1`,
      '1.5',
      '.5',
      '5.',
      '1.e5',
      '.5e3',
      '-5.E-2',
    ],
    float8: [
      '0.5',
      '-.5',
      '5.',
      '1e5',
      '-2.5E+10',
      '1.7976931348623157e308',
      '4.9e-324',
      '2.5e-324',
      '0e-400',
      '-0.0',
      `0.${'0'.repeat(300)}1`,
    ],
    bool: ['true', 'FALSE', 'True'],
    date: ['2024-02-29', '0001-01-01', '9999-12-31', '2000-02-29'],
    timestamptz: [
      '2024-01-05',
      '2024-01-05T10:30',
      '2024-01-05 10:30:15',
      '2024-01-05T10:30:15.123456789',
      `2024-01-05T10:30:15.${'9'.repeat(30)}-15:59`,
      '2024-01-05T10:30Z',
      '2024-01-05T10:30:15+05',
      '2024-01-05T10:30:15-05:30',
      '2024-01-05T10:30:15.5+0530',
      '2024-01-05T10:30+15:59',
      '2024-01-05T10:30-15:59',
      '0001-01-01T00:00:00+15',
      '9999-12-31T23:59:59.9999999Z',
    ],
    uuid: ['a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', 'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11'],
    jsonb: [
      '{}',
      '[]',
      '{"a":[1,2.5,"x",null,true],"b":{"c":"\\u00e9"}}',
      '["\\\\u0000", "\\ud83d\\ude00"]',
      '[1e400, -1e-400, 1e999]',
      '{"k":"e12345 1e5000"}',
      `${'{"a":['.repeat(250)}${']}'.repeat(250)}`,
    ],
  };

  it.each(Object.entries(accepted))('%s', async (type, values) => {
    const column = new ColumnInference();
    for (const value of values) {
      const single = new ColumnInference();
      single.observe(value);
      if (type !== 'numeric' && type !== 'timestamptz') expect(single.type, value).toBe(type);
      column.observe(value);
    }
    expect(column.type).toBe(type);
    // Through COPY's CSV mode, as the import loads it.
    await client.query(`DROP TABLE IF EXISTS pg_temp.typed; CREATE TEMP TABLE typed (v ${type})`);
    const csv = `v\n${values.map((v) => `"${v.replaceAll('"', '""')}"`).join('\n')}\n`;
    await pipeline(
      Readable.from([Buffer.from(csv)]),
      client.query(
        copyFrom(
          `COPY typed FROM STDIN (FORMAT csv, HEADER true, FORCE_NULL (v), ENCODING 'UTF8')`,
        ),
      ),
    );
    const { rows } = await client.query('SELECT count(*)::int4 AS n FROM typed');
    expect(Number(rows[0].n)).toBe(values.length);
  });

  it('reads values as the types mean them', async () => {
    const { rows } = await client.query({
      text: `SELECT '2024-01-05T10:30:15.5+0530'::timestamptz, '2024-01-05'::timestamptz,
                    '1e400'::numeric = ('1' || repeat('0', 400))::numeric, '2.5e-324'::float8`,
      rowMode: 'array',
    });
    expect(rows[0]).toEqual(['2024-01-05 05:00:15.5+00', '2024-01-05 00:00:00+00', 't', '5e-324']);
  });
});

describe('JSON records, loaded with COPY text', () => {
  it('loads what JsonScanner reads, into the types JsonColumns infers, exactly', async () => {
    const file = [
      '[',
      '  {"id": 1, "big": 1234567890123456789, "name": "tab\\there", "price": 1.5, "ok": true,',
      '   "day": "2024-01-05", "at": "2024-01-05T10:30:00Z", "uid": "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11",',
      '   "meta": {"k": [1, "x"], "n": 12345678901234567890}, "mixed": 5, "huge": 99999999999999999999},',
      '  {"id": 2147483647, "big": -9223372036854775808, "name": "back\\\\slash\\nnew\\rline", "price": 2,',
      '   "ok": false, "day": null, "at": "2024-01-06", "meta": "just a string", "mixed": "five",',
      '   "huge": 1, "extra": "\\\\."}',
      ']',
    ].join('\n');
    const records: Record<string, unknown>[] = [];
    const columns = new JsonColumns();
    const scanner = new JsonScanner({
      onRecord: (record) => {
        records.push(record);
        columns.observe(record);
      },
    });
    scanner.write(Buffer.from(file));
    scanner.end();
    const types = columns.types;
    expect(Object.fromEntries(columns.keys.map((key, i) => [key, types[i]]))).toEqual({
      id: 'int4',
      big: 'int8',
      name: 'text',
      price: 'float8',
      ok: 'bool',
      day: 'date',
      at: 'timestamptz',
      uid: 'uuid',
      meta: 'jsonb',
      mixed: 'text',
      huge: 'numeric',
      extra: 'text',
    });
    const definition = columns.keys.map((key, i) => `${quoteIdent(key)} ${types[i]}`).join(', ');
    await client.query(`DROP TABLE IF EXISTS pg_temp.json; CREATE TEMP TABLE json (${definition})`);
    const lines = records.map((record) =>
      encodeCopyTextRow(
        columns.keys.map((key) => record[key]),
        types,
      ),
    );
    await pipeline(
      Readable.from([Buffer.from(lines.join(''))]),
      client.query(copyFrom(`COPY json FROM STDIN (FORMAT text, ENCODING 'UTF8')`)),
    );
    const { rows } = await client.query({
      text: `SELECT id, big, name, price, ok, day, at, uid, meta::text, mixed, huge, extra FROM json ORDER BY id`,
      rowMode: 'array',
    });
    expect(rows).toEqual([
      [
        '1',
        '1234567890123456789',
        'tab\there',
        '1.5',
        't',
        '2024-01-05',
        '2024-01-05 10:30:00+00',
        'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11',
        '{"k": [1, "x"], "n": 12345678901234567890}',
        '5',
        '99999999999999999999',
        null,
      ],
      [
        '2147483647',
        '-9223372036854775808',
        'back\\slash\nnew\rline',
        '2',
        'f',
        null,
        '2024-01-06 00:00:00+00',
        null,
        '"just a string"',
        'five',
        '1',
        '\\.',
      ],
    ]);
  });
});
