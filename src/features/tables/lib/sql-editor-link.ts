import { workspacePath } from '../../workspaces';

/** The SQL editor of the workspace with this statement and its parameters in a new tab. */
export function sqlEditorLink(
  workspaceId: string,
  sql: string,
  params: readonly unknown[],
): string {
  const search = new URLSearchParams({ query: sql });
  if (params.length > 0) search.set('params', JSON.stringify(params));
  return `${workspacePath(workspaceId, 'sql')}?${search.toString()}`;
}
