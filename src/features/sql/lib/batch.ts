import { toParamValue } from './param-values';
import type { ParamType } from './parameters';

/**
 * Batch mode's parameter rows: typed cells in, the `params_batch` rows out, and the requests
 * those rows are split into. A chunk is its own transaction on the server, so only a batch that
 * fits in one request is all-or-nothing.
 */

export interface CellError {
  /** 0-based row in the grid. */
  row: number;
  /** The parameter's number n of `$n`. */
  param: number;
  message: string;
}

const isBlank = (row: readonly string[]) => row.every((cell) => cell === '');

/** Rows someone entered: the grid starts with one blank row, which is not data. */
export function filledRows(rows: readonly string[][]): string[][] {
  return rows.filter((row) => !isBlank(row));
}

export type BatchValues = { rows: unknown[][] } | { error: CellError };

/**
 * Converts the grid's text cells to values, one row per parameter set, column k for `$k+1`.
 * With `emptyIsNull`, an empty cell is NULL whatever its type (as an unquoted empty field is in
 * Postgres's CSV COPY); otherwise it converts like any other text (an empty text, or an error
 * for a number). Stops at the first cell that does not convert.
 */
export function batchValues(
  rows: readonly (readonly string[])[],
  types: readonly ParamType[],
  emptyIsNull: boolean,
): BatchValues {
  const out = new Array<unknown[]>(rows.length);
  for (let r = 0; r < rows.length; r++) {
    const cells = rows[r]!;
    const values = new Array<unknown>(types.length);
    for (let k = 0; k < types.length; k++) {
      const raw = cells[k] ?? '';
      if (emptyIsNull && raw === '') {
        values[k] = null;
        continue;
      }
      const converted = toParamValue(raw, types[k]!);
      if ('error' in converted) {
        return { error: { row: r, param: k + 1, message: converted.error } };
      }
      values[k] = converted.value;
    }
    out[r] = values;
  }
  return { rows: out };
}

/** Bytes of `text` in UTF-8, without encoding it. */
export function utf8Length(text: string): number {
  let bytes = text.length;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) continue;
    if (code < 0x800) bytes += 1;
    else if (code >= 0xd800 && code <= 0xdbff) {
      // A surrogate pair: two code units, four bytes.
      bytes += 2;
      i++;
    } else bytes += 2;
  }
  return bytes;
}

export interface ChunkLimits {
  /** Parameter rows per request at most. */
  maxRows: number;
  /** JSON bytes of the rows per request at most (a single larger row goes alone). */
  maxBytes: number;
}

/** 5,000 rows or about 4 MiB per request: well under the server's 64 MiB body limit. */
export const DEFAULT_CHUNK_LIMITS: ChunkLimits = { maxRows: 5_000, maxBytes: 4 * 1024 * 1024 };

export interface Chunk {
  /** Index of the chunk's first row in the whole batch. */
  start: number;
  /** Index just past its last row. */
  end: number;
}

/** Consecutive slices of the rows, each within the limits (and never empty). */
export function planChunks(
  rows: readonly (readonly unknown[])[],
  limits: ChunkLimits = DEFAULT_CHUNK_LIMITS,
): Chunk[] {
  const chunks: Chunk[] = [];
  let start = 0;
  let bytes = 0;
  for (let i = 0; i < rows.length; i++) {
    // +1 for the comma between rows in the array.
    const size = utf8Length(JSON.stringify(rows[i])) + 1;
    const full = i - start >= limits.maxRows || (i > start && bytes + size > limits.maxBytes);
    if (full) {
      chunks.push({ start, end: i });
      start = i;
      bytes = 0;
    }
    bytes += size;
  }
  if (rows.length > start) chunks.push({ start, end: rows.length });
  return chunks;
}
