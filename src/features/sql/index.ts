/**
 * What other areas use of SQL: the query endpoints' client (the table browser pages and
 * searches rows with it). The screen itself is loaded lazily by the router.
 */
export { runBatch, runQuery } from './api/run-query';
