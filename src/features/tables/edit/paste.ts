import { parseInput } from './cell-input';

/**
 * A block of cells copied from a spreadsheet: rows on lines, cells split by tabs (the text
 * Excel, LibreOffice and Google Sheets put on the clipboard). Quoted cells with tabs or new
 * lines inside are read as spreadsheets write them.
 */
export function parseTsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let i = 0;
  const input = text.replace(/\r\n?/g, '\n');
  while (i < input.length) {
    const ch = input[i]!;
    if (cell === '' && ch === '"') {
      // A quoted cell: "" is a quote, and it ends at a lone quote.
      let j = i + 1;
      let quoted = '';
      while (j < input.length) {
        if (input[j] === '"' && input[j + 1] === '"') {
          quoted += '"';
          j += 2;
        } else if (input[j] === '"') break;
        else quoted += input[j++];
      }
      if (j < input.length && (input[j + 1] === undefined || /[\t\n]/.test(input[j + 1]!))) {
        cell = quoted;
        i = j + 1;
        continue;
      }
    }
    if (ch === '\t') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
    i++;
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

export interface PastedCell {
  row: number;
  col: number;
  value: unknown;
}

/**
 * The cells a block pasted at (`row`, `col`) sets, each read as its column's type; cells past
 * the page's last row or the last column are left out and counted, as are values that do not
 * read as their column's type (with the first reason).
 */
export function pastedCells(
  block: string[][],
  at: { row: number; col: number },
  size: { rows: number; types: readonly string[] },
) {
  const cells: PastedCell[] = [];
  let outside = 0;
  let invalid = 0;
  let firstError: string | null = null;
  block.forEach((line, r) =>
    line.forEach((text, c) => {
      const row = at.row + r;
      const col = at.col + c;
      if (row >= size.rows || col >= size.types.length) {
        outside++;
        return;
      }
      const parsed = parseInput(text, size.types[col]!);
      if (parsed.ok) cells.push({ row, col, value: parsed.value });
      else {
        invalid++;
        firstError ??= `${parsed.error} (“${text}”)`;
      }
    }),
  );
  return { cells, outside, invalid, firstError };
}
