import { segment } from '../../../lib/api-client';

/** API paths of the files endpoints (24–28), relative to the API base URL. */
export const filesPath = (workspaceId: string) => `/workspaces/${segment(workspaceId)}/files`;

export const filePath = (workspaceId: string, fileId: string) =>
  `${filesPath(workspaceId)}/${segment(fileId)}`;

/**
 * The bytes of a file. `width` asks the bundled server for a thumbnail at most that wide (a
 * server without thumbnails ignores it and sends the file; see `thumbnailWidth` for the widths
 * it takes); `download` makes it an attachment.
 */
export function fileContentPath(
  workspaceId: string,
  fileId: string,
  { width, download = false }: { width?: number; download?: boolean } = {},
): string {
  const query = new URLSearchParams();
  if (width !== undefined) query.set('w', String(width));
  if (download) query.set('download', '1');
  const search = query.toString();
  return `${filePath(workspaceId, fileId)}/content${search ? `?${search}` : ''}`;
}

/** The folders endpoint of the bundled server (list, create, delete). */
export const foldersPath = (workspaceId: string) => `/workspaces/${segment(workspaceId)}/folders`;
