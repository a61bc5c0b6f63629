import { toast } from 'sonner';
import type { FileInfo } from '../../../../contract/files';
import { api, errorMessage } from '../../../lib/api-client';
import { fileContentPath } from '../api/paths';
import { mediaUrl, startMediaProxy } from '../preview/media-proxy';

/** The browser has started the download well within this; then the URL may go. */
const DOWNLOAD_URL_LIFETIME_MS = 60_000;

/** Starts the browser's own download of `url`, saved as `filename`. */
function clickDownload(url: string, filename: string): void {
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.rel = 'noopener';
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
}

/**
 * Downloads `url` by opening it in a hidden frame: Chrome sends <a download> requests around
 * service workers, but a frame's navigation goes through them, and the attachment the server
 * answers with becomes a download.
 */
function navigateHiddenFrame(url: string): void {
  const frame = document.createElement('iframe');
  frame.hidden = true;
  frame.title = 'Download';
  frame.src = url;
  document.body.append(frame);
  setTimeout(() => frame.remove(), DOWNLOAD_URL_LIFETIME_MS);
}

/** Saves bytes under a name, as the browser's own download would. */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  clickDownload(url, filename);
  setTimeout(() => URL.revokeObjectURL(url), DOWNLOAD_URL_LIFETIME_MS);
}

/**
 * Downloads a file under its original name (the server's Content-Disposition names it too).
 *
 * Through the media service worker, the browser's download manager streams the file to disk
 * as it arrives, with its own progress, whatever its size. Without one, the bytes are fetched
 * with the token into a blob and then saved: that holds the whole file in memory and shows
 * nothing in the browser's downloads until the last byte, so a toast says it is under way.
 */
export async function downloadFile({
  orgId,
  workspaceId,
  file,
}: {
  orgId: string;
  workspaceId: string;
  file: Pick<FileInfo, 'id' | 'filename'>;
}): Promise<void> {
  const path = fileContentPath(workspaceId, file.id, { download: true });
  if (await startMediaProxy()) {
    const { url, revoke } = mediaUrl({ path, orgId });
    navigateHiddenFrame(url);
    setTimeout(revoke, DOWNLOAD_URL_LIFETIME_MS);
    return;
  }
  const toastId = toast.loading(`Downloading ${file.filename}…`);
  try {
    const blob = await api.blob(path, { orgId });
    saveBlob(blob, file.filename);
    toast.dismiss(toastId);
  } catch (error) {
    toast.error(`Could not download ${file.filename}`, {
      id: toastId,
      description: errorMessage(error),
    });
  }
}

/** The SQL that shows how a file id is used: as the join key stored in a table column. */
export function fileIdSqlExample(workspaceId: string, fileId: string): string {
  const schema = `"${workspaceId.replace(/"/g, '""')}"`;
  return `SELECT * FROM ${schema}."my_table" WHERE file_id = '${fileId}'`;
}

/** Copies a file's id, with a note on using it in SQL; shows the id when the clipboard refuses. */
export async function copyFileId(workspaceId: string, file: Pick<FileInfo, 'id' | 'filename'>) {
  const hint = (
    <>
      Store it in a column of a table to link rows to the file, e.g.{' '}
      <code className="font-mono break-all">{fileIdSqlExample(workspaceId, file.id)}</code>
    </>
  );
  try {
    await navigator.clipboard.writeText(file.id);
    toast.success(`ID of ${file.filename} copied`, { description: hint });
  } catch {
    toast.error('The browser did not allow copying', {
      description: (
        <>
          The ID of {file.filename} is{' '}
          <code className="font-mono break-all select-all">{file.id}</code>
        </>
      ),
    });
  }
}
