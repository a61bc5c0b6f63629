import { queryOptions } from '@tanstack/react-query';
import type { TableColumn } from '../../../../contract/tables';
import { buildTableQuery, type TableQuery } from '../lib/table-query';
import type { TableViewState } from '../lib/view-state';
import { tableKeys } from './keys';
import { runQuery } from '../../sql';

export type RowsView = Pick<TableViewState, 'page' | 'pageSize' | 'sort' | 'filters'>;

export interface TablePage {
  rows: unknown[][];
  /** The page came back full: there is at least one more row after it. */
  hasNext: boolean;
  /** The SQL that fetched it, to open in the SQL editor. */
  query: TableQuery;
}

/**
 * One page of a table. It asks for one row more than the page holds, so a full page knows
 * there is a next one without counting the table.
 */
export const tableRowsQueryOptions = (
  orgId: string,
  workspaceId: string,
  table: string,
  columns: readonly TableColumn[],
  view: RowsView,
) =>
  queryOptions({
    queryKey: tableKeys.rows(orgId, workspaceId, table, {
      page: view.page,
      pageSize: view.pageSize,
      sort: view.sort,
      filters: view.filters,
    }),
    queryFn: async ({ signal }): Promise<TablePage> => {
      const query = buildTableQuery({ schema: workspaceId, table, columns, ...view });
      const result = await runQuery(orgId, workspaceId, query.sql, query.params, signal);
      return {
        rows: result.rows.slice(0, view.pageSize),
        hasNext: result.rows.length > view.pageSize,
        query,
      };
    },
  });
