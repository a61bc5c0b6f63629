import { useCallback, useState, type ReactNode } from 'react';
import { toast } from 'sonner';
import type { FileInfo } from '../../../../contract/files';
import { useDeleteFiles } from '../api/files-delete-mutation';
import { DeleteFilesDialog } from './delete-files-dialog';

const rowsWord = (count: number) => `${count} ${count === 1 ? 'row' : 'rows'}`;

/**
 * Deleting files from the gallery: `askToDelete` opens the confirmation (which counts the rows
 * that use them, where the server can), and what was deleted is reported to `onDeleted` (ids)
 * and in a toast. Files that could not be deleted stay in the dialog with the reasons.
 */
export function useFileDeletion({
  orgId,
  workspaceId,
  onDeleted,
}: {
  orgId: string;
  workspaceId: string;
  onDeleted: (ids: string[]) => void;
}): { askToDelete: (files: FileInfo[]) => void; dialog: ReactNode } {
  const [deleting, setDeleting] = useState<FileInfo[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const deleteFiles = useDeleteFiles(orgId, workspaceId);
  // Stable: the gallery's memoized actions hold it.
  const askToDelete = useCallback((files: FileInfo[]) => {
    setError(null);
    setDeleting(files);
  }, []);

  const confirm = (withRows: boolean) => {
    if (!deleting) return;
    const count = deleting.length;
    deleteFiles.mutate(
      { files: deleting, withRows },
      {
        onSuccess: ({ deleted, failed, rowsDeleted }) => {
          onDeleted(deleted.map((file) => file.id));
          if (failed.length === 0) {
            setDeleting(null);
            const what = count === 1 ? `Deleted ${deleted[0]!.filename}` : `Deleted ${count} files`;
            toast.success(`${what}${withRows ? ` and ${rowsWord(rowsDeleted)}` : ''}`);
            return;
          }
          setDeleting(failed.map(({ file }) => file));
          setError(
            `Deleted ${deleted.length} of ${count}. Not deleted: ${failed
              .map(({ file, message }) => `${file.filename} (${message})`)
              .join('; ')}`,
          );
        },
        onError: (mutationError) => setError(mutationError.message),
      },
    );
  };

  const dialog = (
    <DeleteFilesDialog
      orgId={orgId}
      workspaceId={workspaceId}
      files={deleting}
      onConfirm={confirm}
      onClose={() => setDeleting(null)}
      pending={deleteFiles.isPending}
      error={error}
    />
  );
  return { askToDelete, dialog };
}
