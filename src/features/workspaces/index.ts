/**
 * What other areas use of Workspaces: for the table, SQL and file screens nested in a
 * workspace, the workspace they show, whether you may change it, its picker, and links. The
 * router's part (the workspace area itself) is in routes.ts.
 */
export { workspacePath, type WorkspaceArea } from './screen-paths';
export { useCurrentWorkspace, type CurrentWorkspace } from './use-current-workspace';
export { useWriteAccess, writeControl, type WriteAccess } from './use-write-access';
export { ReadOnlyNote } from './components/read-only-note';
export { WorkspacePicker } from './components/workspace-picker';
