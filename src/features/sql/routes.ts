/**
 * What the router (src/app/routes.tsx) mounts of SQL: its screen, in a chunk of its own
 * downloaded on first visit (Monaco comes later still, behind the editor's placeholder). Apart
 * from index.ts, which the table browser imports for the query client.
 */
export const loadSqlScreen = () =>
  import('./components/sql-screen').then((module) => module.SqlScreen);
