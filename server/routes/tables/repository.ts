import type { TableColumn, TableDetails, TableSummary } from '../../../contract/tables';
import { isPostgresError, quoteIdent } from '../../db/index';
import type { SqlSession } from '../../db/workspace-sessions';
import { listIndexes } from './indexes';

/**
 * Catalog reads of one workspace's tables, run in the workspace's own session so they see what
 * its SQL sees and load only its pool.
 */

/** Below this heap size a table is counted exactly; above it, statistics give the count. */
const EXACT_COUNT_BYTES = 16 * 1024 * 1024;

interface Relation {
  oid: number;
  table_name: string;
  estimate: number;
  pages: number;
  heap_bytes: string;
  total_bytes: string;
}

const RELATIONS = `
  SELECT c.oid::int8 AS oid, c.relname AS table_name, c.reltuples::float8 AS estimate,
         c.relpages AS pages, pg_relation_size(c.oid) AS heap_bytes,
         pg_total_relation_size(c.oid) AS total_bytes
    FROM pg_catalog.pg_class c
    JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
   WHERE n.nspname = $1 AND c.relkind IN ('r', 'p')`;

const megabytes = (bytes: string) => Math.round((Number(bytes) / (1024 * 1024)) * 1000) / 1000;

async function rowCounts(session: SqlSession, schema: string, relations: Relation[]) {
  const counts = new Map<string, number>();
  const small = relations.filter((r) => Number(r.heap_bytes) <= EXACT_COUNT_BYTES);
  if (small.length > 0) {
    const union = small
      .map(
        (r, i) =>
          `SELECT ${i} AS i, count(*)::int8 AS n FROM ${quoteIdent(schema)}.${quoteIdent(r.table_name)}`,
      )
      .join(' UNION ALL ');
    for (const row of await session.query<{ i: number; n: string }>(union)) {
      counts.set(small[row.i]!.table_name, Number(row.n));
    }
  }
  // SHOW, not current_setting(): workspace roles may not read the server's settings.
  let blockSize: number | undefined;
  for (const r of relations) {
    if (counts.has(r.table_name)) continue;
    if (r.estimate >= 0 && r.pages > 0) {
      blockSize ??= Number(
        (await session.query<{ block_size: string }>('SHOW block_size'))[0]!.block_size,
      );
      // As the planner does: tuples per page from the last ANALYZE, times today's pages.
      const pages = Number(r.heap_bytes) / blockSize;
      counts.set(r.table_name, Math.round((r.estimate / r.pages) * pages));
    } else {
      const [plan] = await session.query<{ 'QUERY PLAN': [{ Plan: { 'Plan Rows': number } }] }>(
        `EXPLAIN (FORMAT JSON) SELECT 1 FROM ${quoteIdent(schema)}.${quoteIdent(r.table_name)}`,
      );
      counts.set(r.table_name, plan?.['QUERY PLAN'][0].Plan['Plan Rows'] ?? 0);
    }
  }
  return counts;
}

function summaries(relations: Relation[], counts: Map<string, number>): TableSummary[] {
  return relations.map((r) => ({
    table_name: r.table_name,
    row_count: counts.get(r.table_name) ?? 0,
    size_mb: megabytes(r.total_bytes),
  }));
}

export async function listTables(session: SqlSession, schema: string): Promise<TableSummary[]> {
  const relations = await session.query<Relation>(`${RELATIONS} ORDER BY c.relname`, [schema]);
  return summaries(relations, await rowCounts(session, schema, relations));
}

export async function describeTable(
  session: SqlSession,
  schema: string,
  table: string,
): Promise<TableDetails | null> {
  const [relation] = await session.query<Relation>(`${RELATIONS} AND c.relname = $2`, [
    schema,
    table,
  ]);
  if (!relation) return null;
  const columns = await session.query<TableColumn>(
    `SELECT a.attname AS name, t.typname AS type, NOT a.attnotnull AS nullable,
            pg_get_expr(d.adbin, d.adrelid) AS default
       FROM pg_catalog.pg_attribute a
       JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
       LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
      WHERE a.attrelid = $1 AND a.attnum > 0 AND NOT a.attisdropped
      ORDER BY a.attnum`,
    [relation.oid],
  );
  const [summary] = summaries([relation], await rowCounts(session, schema, [relation]));
  return {
    ...summary!,
    columns,
    primary_key: await primaryKey(session, relation.oid),
    indexes: await listIndexes(session, relation.oid),
  };
}

/** The primary key's columns in key order (the table browser edits rows by it); [] if none. */
async function primaryKey(session: SqlSession, oid: number): Promise<string[]> {
  const rows = await session.query<{ name: string }>(
    `SELECT a.attname AS name
       FROM pg_catalog.pg_index i
       CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, n)
       JOIN pg_catalog.pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
      WHERE i.indrelid = $1 AND i.indisprimary
      ORDER BY k.n`,
    [oid],
  );
  return rows.map((row) => row.name);
}

/** Drops the table; false when there was none. */
export async function dropTable(session: SqlSession, schema: string, table: string) {
  try {
    await session.query(`DROP TABLE ${quoteIdent(schema)}.${quoteIdent(table)}`);
    return true;
  } catch (error) {
    if (isPostgresError(error) && error.code === '42P01') return false;
    throw error;
  }
}
