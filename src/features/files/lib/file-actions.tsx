import { toast } from 'sonner';
import type { FileInfo } from '../../../../contract/files';
import { api, errorMessage } from '../../../lib/api-client';
import { fileContentPath } from '../api/paths';

/**
 * Saves bytes under a name, as the browser's own download would: an <a download> on an object
 * URL. The URL is revoked a while later, once the browser has taken the bytes over.
 */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.rel = 'noopener';
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * Downloads a file under its original name. The API needs the token in a header, so the bytes
 * are fetched with it and handed to the browser as a blob; a toast shows that it is under way,
 * since nothing appears in the browser's downloads until every byte has arrived.
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
  const toastId = toast.loading(`Downloading ${file.filename}…`);
  try {
    const blob = await api.blob(fileContentPath(workspaceId, file.id, { download: true }), {
      orgId,
    });
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
