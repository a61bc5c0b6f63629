/**
 * What other areas use of Tables: a workspace's tables and their details (the SQL editor's
 * completion reads them through the same cache). The router's part is in routes.ts.
 */
export { tableListQueryOptions } from './api/tables-query';
export { tableDetailsQueryOptions } from './api/table-query';
export { rowsWhereHref } from './lib/view-state';
