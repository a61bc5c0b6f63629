/** The screens that work inside one workspace. */
export const WORKSPACE_AREAS = {
  tables: 'Tables',
  sql: 'SQL',
  files: 'Files',
} as const;
export type WorkspaceArea = keyof typeof WORKSPACE_AREAS;

/** `/workspaces/<id>/<area>/<rest…>`, every segment encoded. */
export function workspacePath(workspaceId: string, area: WorkspaceArea, ...rest: string[]): string {
  return ['', 'workspaces', workspaceId, area, ...rest].map(encodeURIComponent).join('/');
}
