import { once } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { quoteIdent, quoteLiteral } from '../../db/index';
import type { SqlSession } from '../../db/workspace-sessions';
import { columnNames } from '../../../contract/column-names';
import { encodeCopyTextRow } from './copy-text';
import { sniffDelimiter, type Delimiter } from '../../../contract/csv-delimiter';
import { CsvScanner, fieldCountError } from './csv';
import { ImportFormatError } from './errors';
import { ColumnInference, JsonColumns, type PgType } from '../../../contract/column-inference';
import { JsonScanner } from './json';
import { claimSpool, releaseSpool } from './spool';

/**
 * Create-table-from-file in two steps that never hold the file in memory: `spoolFile` writes
 * the upload to disk while it reads every record and infers the column types, and `loadFile`
 * creates the table and COPYs the file into it, in one transaction.
 */

export interface SpooledFile {
  path: string;
  format: 'csv' | 'json';
  delimiter: Delimiter;
  columns: string[];
  types: PgType[];
  /** Data records (the CSV header not counted). */
  records: number;
  /** JSON only: the records' keys, in column order (column names may be adjusted from them). */
  keys?: string[];
}

/** Enough of the file to tell its format and sniff the delimiter from. */
const SNIFF_BYTES = 64 * 1024;

function formatOf(filename: string | undefined, head: Buffer): 'csv' | 'json' {
  const extension = path.extname(filename ?? '').toLowerCase();
  if (['.json', '.jsonl', '.ndjson'].includes(extension)) return 'json';
  if (['.csv', '.tsv', '.txt'].includes(extension)) return 'csv';
  const first = head
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimStart()[0];
  return first === '[' || first === '{' ? 'json' : 'csv';
}

interface Scan {
  write(chunk: Buffer): void;
  end(): SpooledFile;
}

function csvScan(head: Buffer, file: string): Scan {
  const delimiter = sniffDelimiter(head.toString('utf8').replace(/^\uFEFF/, ''));
  let columns: string[] | null = null;
  let inference: ColumnInference[] = [];
  let records = 0;
  const scanner = new CsvScanner({
    delimiter,
    onRecord(fields, line) {
      if (columns === null) {
        columns = columnNames(fields);
        inference = columns.map(() => new ColumnInference());
        return;
      }
      if (fields.length !== columns.length) {
        throw fieldCountError(line, fields.length, columns.length);
      }
      for (let i = 0; i < fields.length; i++) inference[i]!.observe(fields[i]!);
      records++;
    },
  });
  return {
    write: (chunk) => scanner.write(chunk),
    end() {
      scanner.end();
      if (columns === null)
        throw new ImportFormatError(1, 'the file is empty: a CSV file needs a header row');
      return {
        path: file,
        format: 'csv',
        delimiter,
        columns,
        types: inference.map((column) => column.type),
        records,
      };
    },
  };
}

function jsonScan(file: string): Scan {
  const columns = new JsonColumns();
  let records = 0;
  const scanner = new JsonScanner({
    onRecord(record) {
      columns.observe(record);
      records++;
    },
  });
  return {
    write: (chunk) => scanner.write(chunk),
    end() {
      scanner.end();
      if (columns.keys.length === 0) {
        throw new ImportFormatError(
          1,
          'no columns: a JSON file needs an array of objects, or one object per line, with at least one key',
        );
      }
      return {
        path: file,
        format: 'json',
        delimiter: ',',
        columns: columnNames(columns.keys),
        types: columns.types,
        records,
        keys: [...columns.keys],
      };
    },
  };
}

/**
 * Writes `source` to a new spool file in `dir` while scanning it. On a format error the rest of
 * the upload is still read (and dropped), so the client gets the answer rather than a reset;
 * the error is thrown once the upload has ended, with the spool file gone. On success the
 * caller removes the file with `releaseSpool(path)` once the import is over.
 */
export async function spoolFile(
  source: Readable,
  { dir, filename }: { dir: string; filename?: string },
): Promise<SpooledFile> {
  const file = await claimSpool(dir);
  try {
    return await spoolTo(file, source, filename);
  } catch (error) {
    await releaseSpool(file);
    throw error;
  }
}

async function spoolTo(
  file: string,
  source: Readable,
  filename: string | undefined,
): Promise<SpooledFile> {
  const out = fs.createWriteStream(file, { flags: 'wx' });
  let scan: Scan | null = null;
  let head: Buffer[] = [];
  let headBytes = 0;
  let failure: unknown = null;
  const start = () => {
    const buffer = Buffer.concat(head);
    head = [];
    scan = formatOf(filename, buffer) === 'json' ? jsonScan(file) : csvScan(buffer, file);
    scan.write(buffer);
  };
  try {
    for await (const chunk of source as AsyncIterable<Buffer>) {
      if (failure) continue;
      try {
        if (!out.write(chunk)) await once(out, 'drain');
        if (scan) {
          (scan as Scan).write(chunk);
        } else {
          head.push(chunk);
          headBytes += chunk.length;
          if (headBytes >= SNIFF_BYTES) start();
        }
      } catch (error) {
        failure = error;
      }
    }
    if (failure) throw failure;
    if (!scan) start();
    const spooled = (scan as unknown as Scan).end();
    out.end();
    await once(out, 'close');
    return spooled;
  } finally {
    if (!out.closed) {
      out.destroy();
      await once(out, 'close').catch(() => {});
    }
  }
}

/** The JSON file again, as COPY text rows in the inferred column order. */
async function* jsonCopyRows(file: SpooledFile) {
  const keys = file.keys ?? file.columns;
  let lines: string[] = [];
  const scanner = new JsonScanner({
    onRecord(record) {
      lines.push(
        encodeCopyTextRow(
          keys.map((key) => record[key]),
          file.types,
        ),
      );
    },
  });
  for await (const chunk of fs.createReadStream(file.path, { highWaterMark: 256 * 1024 })) {
    scanner.write(chunk as Buffer);
    if (lines.length > 0) {
      yield lines.join('');
      lines = [];
    }
  }
  scanner.end();
  if (lines.length > 0) yield lines.join('');
}

/**
 * Creates `schema.table` with the inferred columns and loads the spooled file into it. Run it in
 * the sandbox with `grows: 'atomic'`: that one transaction makes a failure, or a file that
 * would fill the workspace, leave no table behind.
 */
export async function loadFile(
  session: SqlSession,
  { schema, table, file }: { schema: string; table: string; file: SpooledFile },
): Promise<number> {
  const target = `${quoteIdent(schema)}.${quoteIdent(table)}`;
  const columns = file.columns.map(quoteIdent);
  const definition = columns.map((column, i) => `${column} ${file.types[i]}`).join(', ');
  await session.query(`CREATE TABLE ${target} (${definition})`);
  if (file.format === 'csv') {
    const delimiter = file.delimiter === '\t' ? "E'\\t'" : quoteLiteral(file.delimiter);
    return session.copyIn(
      `COPY ${target} FROM STDIN WITH (FORMAT csv, HEADER true, DELIMITER ${delimiter},
         QUOTE '"', ESCAPE '"', FORCE_NULL (${columns.join(', ')}), ENCODING 'UTF8')`,
      fs.createReadStream(file.path, { highWaterMark: 256 * 1024 }),
    );
  }
  return session.copyIn(
    `COPY ${target} FROM STDIN WITH (FORMAT text, ENCODING 'UTF8')`,
    Readable.from(jsonCopyRows(file)),
  );
}
