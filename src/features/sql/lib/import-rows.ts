import { identifierName, isTrivia, isWord, tokenize } from './lexer';

/**
 * Rows from a CSV file or pasted cells into the batch grid: which source column feeds which
 * parameter. By default a column whose header names what the parameter fills (the column of
 * `INSERT INTO t (a, b) VALUES ($1, $2)`, or `a = $1` in a WHERE or SET) goes to it; the rest
 * go in order.
 */

/** Column names the statement ties to its parameters: n → name (lower-cased when unquoted). */
export function paramColumnNames(sql: string): Map<number, string> {
  const words = tokenize(sql).filter((token) => !isTrivia(token));
  const names = new Map<number, string>();
  const paramAt = (k: number) =>
    words[k]?.kind === 'param' ? Number(words[k]!.text.slice(1)) : null;

  for (let k = 0; k < words.length; k++) {
    // INSERT INTO t (a, b, c) VALUES ($1, $2, $3)
    if (isWord(words[k], 'insert') && isWord(words[k + 1], 'into')) {
      let j = k + 2;
      while (j < words.length && words[j]!.text !== '(' && !isWord(words[j], 'values')) j++;
      if (words[j]?.text !== '(') continue;
      const columns: string[] = [];
      for (j++; j < words.length && words[j]!.text !== ')'; j++) {
        const name = identifierName(words[j]);
        if (name !== null) columns.push(name);
      }
      if (!isWord(words[j + 1], 'values') || words[j + 2]?.text !== '(') continue;
      // Per VALUES item: the parameter it is, when it is one alone (a cast after it is fine).
      let position = 0;
      let depth = 0;
      let candidate: number | null = null;
      let valid = true;
      let cast = false;
      const settle = () => {
        if (
          candidate !== null &&
          valid &&
          columns[position] !== undefined &&
          !names.has(candidate)
        ) {
          names.set(candidate, columns[position]!);
        }
      };
      let first = true;
      for (j += 3; j < words.length; j++) {
        const token = words[j]!;
        if (depth === 0 && (token.text === ',' || token.text === ')')) {
          settle();
          if (token.text === ')') break;
          position++;
          candidate = null;
          valid = true;
          cast = false;
          first = true;
          continue;
        }
        if (token.text === '(') depth++;
        else if (token.text === ')') depth--;
        if (first) {
          candidate = paramAt(j);
          valid = candidate !== null;
        } else if (token.kind === 'operator' && token.text === '::') {
          cast = true;
        } else if (!cast) {
          valid = false;
        }
        first = false;
      }
      continue;
    }
    // a = $1 and $1 = a, in WHERE, SET or ON.
    const n = paramAt(k);
    if (n === null || names.has(n)) continue;
    // (`t.a = $1` names the column a as well.)
    if (words[k - 1]?.text === '=' && identifierName(words[k - 2]) !== null) {
      names.set(n, identifierName(words[k - 2])!);
    } else if (words[k + 1]?.text === '=' && identifierName(words[k + 2]) !== null) {
      names.set(n, identifierName(words[k + 2])!);
    }
  }
  return names;
}

/** The source's column labels: the header's cells, else "Column 1", "Column 2" …. */
export function sourceColumns(rows: readonly (readonly string[])[], header: boolean): string[] {
  const width = rows.reduce((max, row) => Math.max(max, row.length), 0);
  const first = rows[0] ?? [];
  return Array.from({ length: width }, (_, k) =>
    header && first[k] !== undefined && first[k]!.trim() !== ''
      ? first[k]!.trim()
      : `Column ${k + 1}`,
  );
}

/**
 * For each parameter (index n−1), the source column that feeds it, or null for none: by the
 * name the statement gives the parameter when the header has that name, else the next column
 * not taken, in order.
 */
export function defaultMapping(
  columns: readonly string[],
  header: boolean,
  paramCount: number,
  paramNames: ReadonlyMap<number, string>,
): (number | null)[] {
  const mapping: (number | null)[] = new Array<number | null>(paramCount).fill(null);
  const taken = new Set<number>();
  if (header) {
    const byName = new Map(columns.map((name, k) => [name.toLowerCase(), k]));
    for (let n = 1; n <= paramCount; n++) {
      const name = paramNames.get(n)?.toLowerCase();
      const k = name === undefined ? undefined : byName.get(name);
      if (k !== undefined && !taken.has(k)) {
        mapping[n - 1] = k;
        taken.add(k);
      }
    }
  }
  let next = 0;
  for (let p = 0; p < paramCount; p++) {
    if (mapping[p] !== null) continue;
    while (taken.has(next)) next++;
    if (next < columns.length) {
      mapping[p] = next;
      taken.add(next);
    }
  }
  return mapping;
}

/** The grid rows: one per source row (after the header), cells in parameter order. */
export function mapRows(
  rows: readonly (readonly string[])[],
  header: boolean,
  mapping: readonly (number | null)[],
): string[][] {
  const body = header ? rows.slice(1) : rows;
  return body.map((row) => mapping.map((k) => (k === null ? '' : (row[k] ?? ''))));
}
