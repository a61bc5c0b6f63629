/**
 * A result as a file or as clipboard text. Cells are turned into text by the grid's own
 * `cellText` (passed in), so an export reads as the grid shows: JSON as JSON, arrays as
 * `[1,2]`, NULL as an empty field.
 */

export type CellToText = (value: unknown, type?: string) => string;

export interface ExportableResult {
  columns: readonly string[];
  rows: readonly (readonly unknown[])[];
  types?: readonly string[] | undefined;
}

const CSV_NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;
const TSV_NEEDS_QUOTES = /["\t\r\n]/;

function quoted(field: string) {
  return `"${field.replace(/"/g, '""')}"`;
}

/**
 * RFC 4180 CSV with a header row and CRLF line ends. NULL is an empty field and an empty text
 * is `""`, so the two stay apart when the file is read back (as Postgres's COPY … CSV does).
 */
export function toCsv(result: ExportableResult, cellText: CellToText): string {
  const line = (fields: string[]) => fields.join(',');
  const field = (text: string) => (CSV_NEEDS_QUOTES.test(text) ? quoted(text) : text);
  const out = [line(result.columns.map((name) => field(name)))];
  for (const row of result.rows) {
    out.push(
      line(
        row.map((value, k) => {
          if (value === null || value === undefined) return '';
          const text = cellText(value, result.types?.[k]);
          return text === '' ? '""' : field(text);
        }),
      ),
    );
  }
  return `${out.join('\r\n')}\r\n`;
}

/**
 * Tab-separated text as spreadsheets paste it: a header row, then the rows; a field holding a
 * tab, line break or quote is quoted as Excel and Google Sheets quote it.
 */
export function toTsv(result: ExportableResult, cellText: CellToText): string {
  const field = (text: string) => (TSV_NEEDS_QUOTES.test(text) ? quoted(text) : text);
  const out = [result.columns.map(field).join('\t')];
  for (const row of result.rows) {
    out.push(
      row
        .map((value, k) =>
          value === null || value === undefined ? '' : field(cellText(value, result.types?.[k])),
        )
        .join('\t'),
    );
  }
  return `${out.join('\n')}\n`;
}

/**
 * Object keys for the columns: a result may name two columns alike (`SELECT 1, 1` gives two
 * `?column?`), and the second must not overwrite the first, so repeats get `_2`, `_3` ….
 */
export function uniqueKeys(columns: readonly string[]): string[] {
  const taken = new Set<string>();
  return columns.map((name) => {
    let key = name;
    for (let n = 2; taken.has(key); n++) key = `${name}_${n}`;
    taken.add(key);
    return key;
  });
}

/** A JSON array of row objects with the values as the server sent them (not as text). */
export function toJson(result: ExportableResult): string {
  const keys = uniqueKeys(result.columns);
  // fromEntries defines own properties: a column named `__proto__` stays a column.
  const objects = result.rows.map((row) =>
    Object.fromEntries(keys.map((key, k) => [key, row[k] ?? null] as const)),
  );
  return `${JSON.stringify(objects, null, 2)}\n`;
}

/** A file name for an export: `query-2026-11-21-0745.csv`. */
export function exportFileName(extension: string, now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const stamp = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}-${pad(now.getHours())}${pad(now.getMinutes())}`;
  return `query-${stamp}.${extension}`;
}

/** Column names that occur more than once, each named once, in order of first repeat. */
export function repeatedColumns(columns: readonly string[]): string[] {
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const name of columns) {
    if (seen.has(name)) repeated.add(name);
    seen.add(name);
  }
  return [...repeated];
}

/**
 * Why a result cannot take the shape of Deeplake's query API (v3), or null: its answer keys
 * values by column name, so two columns of one name would be one key (the API itself refuses
 * such a query and asks for `AS` aliases).
 */
export function v3JsonProblem(columns: readonly string[]): string | null {
  const repeated = repeatedColumns(columns);
  if (repeated.length === 0) return null;
  const names = repeated.map((name) => `"${name}"`).join(', ');
  return `The v3 API keys values by column name, and ${repeated.length === 1 ? 'the name' : 'the names'} ${names} ${repeated.length === 1 ? 'is' : 'are'} used more than once. Give the columns distinct names with AS.`;
}

/** The fixed message of a successful answer of Deeplake's query API. */
export const V3_MESSAGE = 'Query successful.';

/**
 * The result as Deeplake's query API (`POST /api/query/v1`) answers it: `data` one object per
 * row (`as_list` true, its default) or one array per column (`as_list` false), the values as
 * the server sent them. Null when columns repeat a name (see `v3JsonProblem`): a keyed shape
 * would silently lose one of them.
 */
export function toV3Json(result: ExportableResult, asList: boolean): string | null {
  if (v3JsonProblem(result.columns) !== null) return null;
  const { columns, rows } = result;
  let data: unknown;
  if (asList) {
    data = rows.map((row) =>
      Object.fromEntries(columns.map((name, k) => [name, row[k] ?? null] as const)),
    );
  } else {
    data = Object.fromEntries(
      columns.map((name, k) => [name, rows.map((row) => row[k] ?? null)] as const),
    );
  }
  return `${JSON.stringify({ message: V3_MESSAGE, tensors: columns, data }, null, 2)}\n`;
}
