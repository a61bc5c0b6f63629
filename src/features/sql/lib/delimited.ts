/**
 * Rows pasted from a spreadsheet or read from a CSV file, as strings, for filling a batch's
 * parameter rows.
 *
 * Quoting follows RFC 4180, as Excel, Google Sheets and LibreOffice write it for both CSV and
 * copied cells (tab-separated): a field that starts with `"` runs to the next lone `"`, `""`
 * inside it is one quote, and delimiters and line breaks inside it are data. Leniencies, since
 * pasted text is rarely perfect: a `"` inside an unquoted field is a plain character, text
 * between a closing quote and the next delimiter is kept, and an unclosed quote runs to the end.
 * Lines end with `\r\n`, `\n` or a lone `\r` (old Mac exports). Blank lines at the end (a
 * copied range always ends with a line break) are not rows; a blank line in between is a row
 * with one empty field, as it is a row with an empty cell in a one-column sheet.
 */

export type Delimiter = '\t' | ',' | ';';

export interface Delimited {
  rows: string[][];
  delimiter: Delimiter;
}

const BOM = '\uFEFF';

/**
 * The delimiter of the first line, counting outside quotes: a tab wherever there is one (cells
 * copied from a spreadsheet), else `;` when it outnumbers `,` (CSV written where the comma is
 * the decimal separator), else `,`.
 */
export function detectDelimiter(text: string): Delimiter {
  let commas = 0;
  let semicolons = 0;
  let quoted = false;
  for (let i = text.startsWith(BOM) ? 1 : 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (quoted) continue;
    else if (c === '\t') return '\t';
    else if (c === ',') commas++;
    else if (c === ';') semicolons++;
    else if (c === '\n' || c === '\r') break;
  }
  return semicolons > commas ? ';' : ',';
}

/** Splits delimited text into rows of fields; the delimiter is detected unless given. */
export function parseDelimited(text: string, delimiter?: Delimiter): Delimited {
  const source = text.startsWith(BOM) ? text.slice(1) : text;
  const sep = delimiter ?? detectDelimiter(source);
  const rows: string[][] = [];
  const n = source.length;
  let row: string[] = [];
  let field = '';
  let fieldStart = true;
  let i = 0;

  const endField = () => {
    row.push(field);
    field = '';
    fieldStart = true;
  };

  while (i < n) {
    const c = source[i]!;
    if (fieldStart && c === '"') {
      // A quoted field: copy runs up to each quote, then decide if it is `""` or the close.
      i++;
      for (;;) {
        const quote = source.indexOf('"', i);
        if (quote === -1) {
          field += source.slice(i);
          i = n;
          break;
        }
        field += source.slice(i, quote);
        if (source[quote + 1] === '"') {
          field += '"';
          i = quote + 2;
        } else {
          i = quote + 1;
          break;
        }
      }
      fieldStart = false;
    } else if (c === sep) {
      endField();
      i++;
    } else if (c === '\n' || c === '\r') {
      endField();
      rows.push(row);
      row = [];
      i += c === '\r' && source[i + 1] === '\n' ? 2 : 1;
    } else {
      // Copy the run of ordinary characters in one slice.
      let j = i + 1;
      while (j < n) {
        const d = source[j];
        if (d === sep || d === '\n' || d === '\r') break;
        j++;
      }
      field += source.slice(i, j);
      fieldStart = false;
      i = j;
    }
  }
  // The last line, unless the text ended with a line break (then nothing is pending).
  if (row.length > 0 || !fieldStart || field !== '') {
    endField();
    rows.push(row);
  }
  while (rows.length > 0) {
    const last = rows[rows.length - 1]!;
    if (last.length === 1 && last[0] === '') rows.pop();
    else break;
  }
  return { rows, delimiter: sep };
}

const NUMERIC = /^[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)(?:e[+-]?\d+)?$/i;
// A column name as people write them: letters first, then letters, digits, `_`, spaces or `-`.
const NAME_LIKE = /^[\p{L}_][\p{L}\p{N}_ -]{0,62}$/u;

const isNumeric = (value: string) => NUMERIC.test(value.trim());
const isNameLike = (value: string) => NAME_LIKE.test(value.trim());

/**
 * Whether the first row looks like column names rather than data. It never is when it has an
 * empty or numeric cell or the same value twice, or when there is no other row (a single row
 * is more useful as data). Otherwise it is when either:
 * - some column holds numbers in every later row that fills it, under a non-number; or
 * - every first-row cell looks like a name (a letter first; letters, digits, `_`, `-` or
 *   spaces after; at most 63 characters) while some later non-empty cell does not (so that
 *   rows of plain words, `apple,banana`, do not pass for a header).
 */
export function hasHeader(rows: string[][]): boolean {
  const [first, ...rest] = rows;
  if (first === undefined || rest.length === 0 || first.length === 0) return false;
  const values = first.map((value) => value.trim());
  if (values.some((value) => value === '' || isNumeric(value))) return false;
  if (new Set(values.map((value) => value.toLowerCase())).size !== values.length) return false;

  for (let column = 0; column < values.length; column++) {
    const below = rest.map((row) => row[column]?.trim() ?? '').filter((value) => value !== '');
    if (below.length > 0 && below.every(isNumeric)) return true;
  }
  return (
    values.every(isNameLike) &&
    rest.some((row) =>
      row.slice(0, values.length).some((value) => value.trim() !== '' && !isNameLike(value)),
    )
  );
}
