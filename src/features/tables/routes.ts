/**
 * What the router (src/app/routes.tsx) mounts of Tables: its screens, each in a chunk of its
 * own downloaded on first visit, and the prefetch of the list's first data. Apart from
 * index.ts, which other features import: a screen re-exported there would join their chunks.
 */
export { prefetchTableList } from './prefetch';

export const loadTablesScreen = () =>
  import('./components/tables-screen').then((module) => module.TablesScreen);
export const loadTableScreen = () =>
  import('./components/table-screen').then((module) => module.TableScreen);
