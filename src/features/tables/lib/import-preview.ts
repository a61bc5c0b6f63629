import { ColumnInference, type PgType } from '../../../../contract/column-inference';
import { columnNames } from '../../../../contract/column-names';
import { sniffDelimiter, type Delimiter } from '../../../../contract/csv-delimiter';

/**
 * What a file will become, read from its first 64 KiB in the browser before anything is sent:
 * the format, the columns with their inferred types and the first rows. The server reads the
 * whole file with the same rules (server/sql/import), so this is a preview; where the two could
 * differ (a value further down the file), the server's answer is the table that gets created.
 */

export const PREVIEW_BYTES = 64 * 1024;
export const PREVIEW_ROWS = 20;

export interface ImportPreview {
  format: 'csv' | 'json';
  delimiter: Delimiter | null;
  columns: string[];
  types: PgType[];
  /** The first rows, values as they will be stored (numbers, booleans, JSON parsed). */
  rows: unknown[][];
  /** Rows read to infer the types. */
  sampledRows: number;
  /** True when the sample is the whole file: the types are then the server's. */
  wholeFile: boolean;
  /** Problems the server will refuse the file for, with the line they are on. */
  problems: string[];
}

export function formatOf(filename: string, head: string): 'csv' | 'json' {
  const extension = /\.[^.]*$/.exec(filename.toLowerCase())?.[0] ?? '';
  if (['.json', '.jsonl', '.ndjson'].includes(extension)) return 'json';
  if (['.csv', '.tsv', '.txt'].includes(extension)) return 'csv';
  const first = head.replace(/^\uFEFF/, '').trimStart()[0];
  return first === '[' || first === '{' ? 'json' : 'csv';
}

interface CsvRecord {
  fields: (string | null)[];
  line: number;
}

/**
 * Records as COPY (FORMAT csv, FORCE_NULL) reads them: `"` opens a quoted part anywhere in a
 * field, `""` inside one is a quote, line endings inside quotes are data, empty fields are NULL.
 * With `partial`, a record the sample cuts off is left out.
 */
export function parseCsv(text: string, delimiter: Delimiter, partial: boolean): CsvRecord[] {
  const records: CsvRecord[] = [];
  let fields: (string | null)[] = [];
  let field = '';
  let inQuote = false;
  let line = 1;
  let recordLine = 1;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const endField = () => {
    fields.push(field === '' ? null : field);
    field = '';
  };
  for (; i < text.length; i++) {
    const c = text[i]!;
    if (inQuote) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else inQuote = false;
      } else {
        if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) line++;
        field += c;
      }
    } else if (c === '"') {
      inQuote = true;
    } else if (c === delimiter) {
      endField();
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endField();
      records.push({ fields, line: recordLine });
      fields = [];
      line++;
      recordLine = line;
    } else {
      field += c;
    }
  }
  if (!partial && (field !== '' || fields.length > 0 || inQuote)) {
    endField();
    records.push({ fields, line: recordLine });
  }
  return records;
}

/** A CSV field as the grid should show it once stored as `type`. */
function storedValue(field: string | null, type: PgType): unknown {
  if (field === null) return null;
  switch (type) {
    case 'int4':
    case 'float8':
      return Number(field);
    case 'bool':
      return field.toLowerCase() === 'true';
    case 'jsonb':
      try {
        return JSON.parse(field) as unknown;
      } catch {
        return field;
      }
    default:
      return field;
  }
}

function previewCsv(text: string, wholeFile: boolean): ImportPreview {
  const delimiter = sniffDelimiter(text);
  const records = parseCsv(text, delimiter, !wholeFile);
  const problems: string[] = [];
  const header = records[0];
  if (!header) {
    return {
      format: 'csv',
      delimiter,
      columns: [],
      types: [],
      rows: [],
      sampledRows: 0,
      wholeFile,
      problems: ['line 1: the file is empty: a CSV file needs a header row'],
    };
  }
  const columns = columnNames(header.fields.map((name) => name ?? ''));
  const inference = columns.map(() => new ColumnInference());
  const data = records.slice(1);
  for (const record of data) {
    if (record.fields.length !== columns.length) {
      const n = record.fields.length;
      problems.push(
        `line ${record.line}: has ${n} ${n === 1 ? 'field' : 'fields'}, the header has ${columns.length}`,
      );
      continue;
    }
    record.fields.forEach((field, i) => inference[i]!.observe(field));
  }
  const types = inference.map((column) => column.type);
  const rows = data
    .filter((record) => record.fields.length === columns.length)
    .slice(0, PREVIEW_ROWS)
    .map((record) => record.fields.map((field, i) => storedValue(field, types[i]!)));
  return {
    format: 'csv',
    delimiter,
    columns,
    types,
    rows,
    sampledRows: data.length,
    wholeFile,
    problems: problems.slice(0, 5),
  };
}

/** The complete top-level objects in JSON text (an array of them, or one after another). */
function jsonRecords(text: string): { records: unknown[]; problem: string | null } {
  const records: unknown[] = [];
  let depth = 0;
  let start = -1;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{') {
      if (depth === 0) start = i;
      depth++;
    } else if (c === '}') {
      depth--;
      if (depth === 0 && start !== -1) {
        const line = text.slice(0, start).split('\n').length;
        try {
          records.push(JSON.parse(text.slice(start, i + 1)));
        } catch (error) {
          return { records, problem: `line ${line}: not valid JSON (${(error as Error).message})` };
        }
        start = -1;
      }
    }
  }
  return { records, problem: null };
}

function previewJson(text: string, wholeFile: boolean): ImportPreview {
  const { records, problem } = jsonRecords(text.replace(/^\uFEFF/, ''));
  const keys: string[] = [];
  const inference = new Map<string, ColumnInference>();
  for (const record of records) {
    if (typeof record !== 'object' || record === null) continue;
    for (const [key, value] of Object.entries(record)) {
      let column = inference.get(key);
      if (!column) {
        column = new ColumnInference();
        inference.set(key, column);
        keys.push(key);
      }
      column.observeJson(value);
    }
  }
  const problems = problem ? [problem] : [];
  if (keys.length === 0 && !problem) {
    problems.push(
      'line 1: no columns: a JSON file needs an array of objects, or one object per line, with at least one key',
    );
  }
  return {
    format: 'json',
    delimiter: null,
    columns: columnNames(keys),
    types: keys.map((key) => inference.get(key)!.type),
    rows: records
      .slice(0, PREVIEW_ROWS)
      .map((record) => keys.map((key) => (record as Record<string, unknown>)[key] ?? null)),
    sampledRows: records.length,
    wholeFile,
    problems,
  };
}

/** The preview of a file's text sample; `wholeFile` when the sample is all of it. */
export function previewText(filename: string, text: string, wholeFile: boolean): ImportPreview {
  return formatOf(filename, text) === 'json'
    ? previewJson(text, wholeFile)
    : previewCsv(text, wholeFile);
}

/** A blob's text as UTF-8 (FileReader: Blob.text() is missing from some test DOMs). */
function readText(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as string);
    reader.onerror = () => reject(reader.error ?? new Error('the file could not be read'));
    reader.readAsText(blob, 'utf-8');
  });
}

export async function previewFile(file: File): Promise<ImportPreview> {
  const wholeFile = file.size <= PREVIEW_BYTES;
  const text = await readText(file.slice(0, PREVIEW_BYTES));
  return previewText(file.name, text, wholeFile);
}

/** A table name the API accepts, from a file name: `Sales 2024.csv` → `sales_2024`. */
export function tableNameFromFile(filename: string): string {
  const base = filename
    .replace(/\.[^.]*$/, '')
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9_-]+/g, '_')
    .replace(/^_+|_+$/g, '');
  const name = /^[a-z]/.test(base) ? base : `t_${base}`;
  const trimmed = name.slice(0, 63).replace(/_+$/, '');
  return trimmed.startsWith('pg_') ? `t_${trimmed}`.slice(0, 63) : trimmed;
}
