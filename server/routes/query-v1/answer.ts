import { badRequest } from '../../errors';
import type { QueryAnswer } from '../../sql/executor';

/**
 * The answer of Deeplake's query API: `{"message": "Query successful.", "tensors": [columns],
 * "data": …}`, `data` a list of row objects (`as_list`, the default) or an object of column
 * arrays. Values are the query endpoint's, as it encodes them (server/sql/value-decoders.ts);
 * the bundled server's extras of that endpoint (row_count, types, command, duration_ms,
 * truncated, committed) follow, as there.
 */

export const QUERY_SUCCESSFUL = 'Query successful.';

/** Both shapes key values by column name: two columns of one name would collide. */
export function refuseDuplicateColumns(columns: readonly string[]): void {
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const name of columns) (seen.has(name) ? repeated : seen).add(name);
  if (repeated.size === 0) return;
  const names = [...repeated].map((name) => `"${name}"`).join(', ');
  throw badRequest(
    `The result has more than one column named ${names}; this endpoint answers with values ` +
      'keyed by column name, so give each column its own name with AS ' +
      '(as in SELECT a.id AS a_id, b.id AS b_id)',
  );
}

/** Pieces of about this many characters are written at once. */
const PIECE = 64 * 1024;

/** The answer's JSON in pieces, letting go of each row once it is written. */
export function* queryV1AnswerJson(
  { columns, rowsJson, ...extras }: QueryAnswer,
  asList: boolean,
): Generator<string> {
  const keys = columns.map((name) => JSON.stringify(name));
  yield `{"message":${JSON.stringify(QUERY_SUCCESSFUL)},"tensors":[${keys.join(',')}],"data":`;
  // Rows come as JSON arrays of the encoded values: the values are taken as they are.
  const rowAt = (i: number): unknown[] => {
    const row = JSON.parse(rowsJson[i]!) as unknown[];
    rowsJson[i] = undefined;
    return row;
  };
  if (asList) {
    let piece = '[';
    for (let i = 0; i < rowsJson.length; i++) {
      const row = rowAt(i);
      let text = i === 0 ? '{' : ',{';
      for (let c = 0; c < keys.length; c++) {
        text += `${c === 0 ? '' : ','}${keys[c]}:${JSON.stringify(row[c])}`;
      }
      piece += `${text}}`;
      if (piece.length >= PIECE) {
        yield piece;
        piece = '';
      }
    }
    yield `${piece}]`;
  } else {
    const values: string[][] = keys.map(() => []);
    for (let i = 0; i < rowsJson.length; i++) {
      const row = rowAt(i);
      for (let c = 0; c < keys.length; c++) values[c]!.push(JSON.stringify(row[c]));
    }
    let piece = '{';
    for (let c = 0; c < keys.length; c++) {
      piece += `${c === 0 ? '' : ','}${keys[c]}:[`;
      const column = values[c]!;
      for (let i = 0; i < column.length; i++) {
        piece += i === 0 ? column[i] : `,${column[i]}`;
        if (piece.length >= PIECE) {
          yield piece;
          piece = '';
        }
      }
      values[c] = [];
      piece += ']';
    }
    yield `${piece}}`;
  }
  yield `,${JSON.stringify(extras).slice(1)}`;
}
