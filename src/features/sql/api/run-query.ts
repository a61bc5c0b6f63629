import type { BatchResult, QueryResult } from '../../../../contract/tables';
import { api } from '../../../lib/api-client';
import { isRecord, unexpectedAnswer } from '../../../lib/answers';
import { batchPath, queryPath } from './paths';

/** The query and batch endpoints, exactly as documented (so a hosted Deeplake works too). */

/**
 * A query answer from either server: the hosted one may send `rows: null`, no `rows` at all, or
 * a `row_count` without rows (a write); all of those are no rows. Extras pass through.
 */
export function readQueryResult(body: unknown): QueryResult {
  if (!isRecord(body)) throw unexpectedAnswer('a query result', body);
  const rows = Array.isArray(body.rows)
    ? body.rows.map((row) => (Array.isArray(row) ? row : [row]))
    : [];
  const columns = Array.isArray(body.columns) ? body.columns.map(String) : [];
  const count = typeof body.row_count === 'number' ? body.row_count : rows.length;
  return { ...body, columns, rows, row_count: count } as QueryResult;
}

/**
 * One statement through the query endpoint, values bound as `$n` parameters. `rollback` (the
 * bundled server's) runs it in a transaction the server always rolls back: Explain analyze.
 */
export async function runQuery(
  orgId: string,
  workspaceId: string,
  sql: string,
  params: readonly unknown[],
  signal?: AbortSignal,
  { rollback = false }: { rollback?: boolean } = {},
): Promise<QueryResult> {
  const body = rollback ? { query: sql, params, rollback } : { query: sql, params };
  return readQueryResult(await api.post<unknown>(queryPath(workspaceId), body, { orgId, signal }));
}

/** One statement over many parameter rows, all or none (per request). */
export function runBatch(
  orgId: string,
  workspaceId: string,
  sql: string,
  paramsBatch: readonly (readonly unknown[])[],
  signal?: AbortSignal,
): Promise<BatchResult> {
  return api.post<BatchResult>(
    batchPath(workspaceId),
    { query: sql, params_batch: paramsBatch },
    { orgId, signal },
  );
}
