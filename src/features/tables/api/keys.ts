import { workspaceScope } from '../../../lib/query-scope';
import type { TableViewState } from '../lib/view-state';

/** Tables belong to a workspace of the organization sent in the org header: its scope. */
export const tableKeys = {
  /** Every table of one workspace: its list and each table's details, pages and searches. */
  workspace: (orgId: string, workspaceId: string) =>
    [...workspaceScope(orgId, workspaceId), 'tables'] as const,
  list: (orgId: string, workspaceId: string) =>
    [...tableKeys.workspace(orgId, workspaceId), 'list'] as const,
  /** Everything of one table: invalidating it refreshes its details, pages and searches. */
  table: (orgId: string, workspaceId: string, table: string) =>
    [...tableKeys.workspace(orgId, workspaceId), 'table', table] as const,
  detail: (orgId: string, workspaceId: string, table: string) =>
    [...tableKeys.table(orgId, workspaceId, table), 'detail'] as const,
  rows: (
    orgId: string,
    workspaceId: string,
    table: string,
    view: Pick<TableViewState, 'page' | 'pageSize' | 'sort' | 'filters'>,
  ) => [...tableKeys.table(orgId, workspaceId, table), 'rows', view] as const,
  similar: (
    orgId: string,
    workspaceId: string,
    table: string,
    column: string,
    vector: readonly number[],
  ) => [...tableKeys.table(orgId, workspaceId, table), 'similar', column, vector] as const,
};
