/**
 * What the router (src/app/routes.tsx) mounts of Workspaces: the workspace area the table, SQL
 * and file screens nest in, the prefetch of its first data, and the workspaces screen (in a
 * chunk of its own, downloaded on first visit). Apart from index.ts so that the router's chunk,
 * part of the first download, takes in only this: the index offers the nested screens their
 * picker and write access, which the first page does not need.
 */
export { WorkspaceAreaEntry, WorkspaceAreaLayout } from './components/workspace-area';
export { prefetchWorkspaceArea } from './prefetch';

export const loadWorkspacesScreen = () =>
  import('./components/workspaces-screen').then((module) => module.WorkspacesScreen);
