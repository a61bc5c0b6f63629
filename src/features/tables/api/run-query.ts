import type { QueryResult } from '../../../../contract/tables';
import { api } from '../../../lib/api-client';
import { queryPath } from './paths';

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
