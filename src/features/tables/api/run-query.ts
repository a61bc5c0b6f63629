import type { BatchResult, QueryResult } from '../../../../contract/tables';
import { api } from '../../../lib/api-client';
import { batchPath, queryPath } from './paths';

/** The query and batch endpoints, exactly as documented (so a hosted Deeplake works too). */

/** One statement through the query endpoint, values bound as `$n` parameters. */
export function runQuery(
  orgId: string,
  workspaceId: string,
  sql: string,
  params: readonly unknown[],
  signal?: AbortSignal,
): Promise<QueryResult> {
  return api.post<QueryResult>(queryPath(workspaceId), { query: sql, params }, { orgId, signal });
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
