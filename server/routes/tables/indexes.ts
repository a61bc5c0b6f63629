import type { TableIndex } from '../../../contract/tables';
import type { SqlSession } from '../../db/workspace-sessions';

/**
 * A table's indexes as the workspace's own session sees them in the catalog. On this server
 * `deeplake_index` is one access method (migration 001) whatever Deeplake's `index_type` said (the
 * guard strips it), so what an index serves follows from its first column, as migration 002
 * decides which ones feed BM25: a plain text column without a WHERE clause makes a text corpus.
 */
const INDEXES = `
  SELECT ic.relname AS name, am.amname AS method, i.indisunique AS unique,
         pg_catalog.pg_get_indexdef(i.indexrelid) AS definition,
         ARRAY(SELECT a.attname::text
                 FROM unnest(i.indkey) WITH ORDINALITY AS k(attnum, n)
                 JOIN pg_catalog.pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
                ORDER BY k.n) AS columns,
         i.indkey[0] > 0 AND i.indpred IS NULL AS plain,
         base.typname AS first_type, base.typcategory AS first_category
    FROM pg_catalog.pg_index i
    JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid
    JOIN pg_catalog.pg_am am ON am.oid = ic.relam
    LEFT JOIN pg_catalog.pg_attribute fa ON fa.attrelid = i.indrelid AND fa.attnum = i.indkey[0]
    LEFT JOIN pg_catalog.pg_type ft ON ft.oid = fa.atttypid
    LEFT JOIN pg_catalog.pg_type base
      ON base.oid = CASE WHEN ft.typtype = 'd' THEN ft.typbasetype ELSE ft.oid END
   WHERE i.indrelid = $1
   ORDER BY ic.relname`;

interface IndexRow {
  name: string;
  method: string;
  unique: boolean;
  definition: string;
  columns: string[];
  plain: boolean;
  first_type: string | null;
  first_category: string | null;
}

function kindOf(row: IndexRow): string {
  if (row.method === 'btree') return 'btree';
  if (row.method !== 'deeplake_index') return row.method;
  if (row.first_type === '_float4') return 'vector';
  return row.plain && row.first_category === 'S' ? 'text' : 'exact';
}

export async function listIndexes(session: SqlSession, tableOid: number): Promise<TableIndex[]> {
  const rows = await session.query<IndexRow>(INDEXES, [tableOid]);
  return rows.map((row) => ({
    name: row.name,
    columns: row.columns,
    kind: kindOf(row),
    unique: row.unique,
    definition: row.definition,
  }));
}
