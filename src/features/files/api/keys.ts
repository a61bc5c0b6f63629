import { workspaceScope } from '../../../lib/query-scope';

/**
 * Files belong to a workspace of the organization sent in the org header, so every key sits in
 * that workspace's scope; invalidating `workspace(…)` refreshes every list page and detail of it.
 */
export interface FileListParams {
  limit: number;
  offset: number;
  /** A content-type prefix (`image/`), as the API filters. */
  contentType?: string | undefined;
  /** Case-insensitive name search. */
  q?: string | undefined;
}

export const fileKeys = {
  workspace: (orgId: string, workspaceId: string) =>
    [...workspaceScope(orgId, workspaceId), 'files'] as const,
  lists: (orgId: string, workspaceId: string) =>
    [...fileKeys.workspace(orgId, workspaceId), 'list'] as const,
  list: (orgId: string, workspaceId: string, params: FileListParams) =>
    [...fileKeys.lists(orgId, workspaceId), params] as const,
  detail: (orgId: string, workspaceId: string, fileId: string) =>
    [...fileKeys.workspace(orgId, workspaceId), 'detail', fileId] as const,
};
