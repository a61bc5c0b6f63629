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
  /** Only the files directly in this folder (`drive/…`; the bundled server's extra). */
  folder?: string | undefined;
  /** The files anywhere under this folder (the bundled server's extra). */
  under?: string | undefined;
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
  /** The table rows that name a file; a SQL run refreshes the workspace's scope, these too. */
  references: (orgId: string, workspaceId: string, fileId: string) =>
    [...fileKeys.workspace(orgId, workspaceId), 'references', fileId] as const,
};

/**
 * The folders of a workspace's drive (the bundled server's extra): what one folder holds, by
 * path. Creating, deleting or moving into a folder invalidates `workspace(…)`.
 */
export const folderKeys = {
  workspace: (orgId: string, workspaceId: string) =>
    [...workspaceScope(orgId, workspaceId), 'folders'] as const,
  list: (orgId: string, workspaceId: string, path: string) =>
    [...folderKeys.workspace(orgId, workspaceId), 'list', path] as const,
};
