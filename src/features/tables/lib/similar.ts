import { qualifiedTable, quoteIdent } from './sql';

/** Vector columns: `float4[]`, which Deeplake's `<#>` compares. */
export function isVectorType(pgType: string | undefined): boolean {
  return pgType === '_float4';
}

export const SIMILAR_LIMIT = 20;

/** A result column name for the score that no column of the table already has. */
export function scoreColumnName(columnNames: readonly string[]): string {
  const taken = new Set(columnNames);
  let name = 'similarity';
  for (let n = 2; taken.has(name); n++) name = `similarity_${n}`;
  return name;
}

/**
 * The rows whose `column` is most like `vector`: `<#>` is cosine similarity (higher is closer,
 * as in Deeplake), NULL for a zero vector, which sorts last. The vector goes as a parameter.
 */
export function buildSimilarQuery(input: {
  schema: string;
  table: string;
  column: string;
  columnNames: readonly string[];
  vector: readonly number[];
  limit?: number;
}): { sql: string; params: unknown[]; scoreColumn: string } {
  const scoreColumn = scoreColumnName(input.columnNames);
  const column = quoteIdent(input.column);
  const score = quoteIdent(scoreColumn);
  const list = input.columnNames.map(quoteIdent).join(', ');
  const sql = [
    `SELECT ${column} <#> $1::float4[] AS ${score}${list ? `, ${list}` : ''}`,
    `FROM ${qualifiedTable(input.schema, input.table)}`,
    `WHERE ${column} IS NOT NULL`,
    `ORDER BY ${score} DESC NULLS LAST`,
    `LIMIT $2`,
  ].join('\n');
  return { sql, params: [input.vector, input.limit ?? SIMILAR_LIMIT], scoreColumn };
}
