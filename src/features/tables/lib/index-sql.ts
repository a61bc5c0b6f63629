import { qualifiedTable, quoteIdent } from './sql';

/**
 * The indexes the schema view offers per column, as Deeplake's reference writes them:
 * `CREATE INDEX ON t USING deeplake_index (embedding)` for vector search and the same on a text
 * column for BM25; a b-tree (or a `deeplake_index`, an exact-match index) for anything else.
 * Whether `deeplake_index` serves vectors or BM25 follows from the column's type, not from
 * anything in the statement.
 */
export type IndexChoice = 'vector' | 'text' | 'btree' | 'exact';

const VECTOR_TYPES = new Set(['_float4', 'embedding']);
const TEXT_TYPES = new Set(['text', 'varchar', 'bpchar', 'name']);

export const INDEX_LABELS: Record<IndexChoice, { title: string; detail: string }> = {
  vector: { title: 'Vector', detail: 'deeplake_index: similarity search with <#>' },
  text: { title: 'BM25 text', detail: 'deeplake_index: relevance search with <#>' },
  btree: { title: 'B-tree', detail: 'ranges, sorting and equality' },
  exact: { title: 'Exact', detail: 'deeplake_index: equality lookups' },
};

/** What fits a column of this pg_type, the usual one first. */
export function indexChoices(pgType: string): IndexChoice[] {
  if (VECTOR_TYPES.has(pgType)) return ['vector'];
  if (TEXT_TYPES.has(pgType)) return ['text', 'btree'];
  return ['btree', 'exact'];
}

/** The statement that makes the index; PostgreSQL names it after the table and column. */
export function createIndexSql(
  schema: string,
  table: string,
  column: string,
  choice: IndexChoice,
): string {
  const using = choice === 'btree' ? '' : ' USING deeplake_index';
  return `CREATE INDEX ON ${qualifiedTable(schema, table)}${using} (${quoteIdent(column)})`;
}

/** An index kind as the server lists it (`vector`, `text` …, or an access method's name). */
const KIND_LABELS: Record<string, string> = {
  vector: 'vector',
  text: 'BM25 text',
  exact: 'exact',
  btree: 'b-tree',
};

export const indexKindLabel = (kind: string) => KIND_LABELS[kind] ?? kind;
