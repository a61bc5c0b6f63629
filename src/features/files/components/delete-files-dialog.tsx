import type { FileInfo } from '../../../../contract/files';
import { ConfirmDialog } from '../../../components/ui/confirm-dialog';

/** Names shown in the confirmation; the rest are counted. */
const NAMES_SHOWN = 5;

const countFiles = (count: number) => (count === 1 ? '1 file' : `${count} files`);

/** Confirms deleting files, naming them (the first few) and how many. */
export function DeleteFilesDialog({
  files,
  onConfirm,
  onClose,
  pending,
  error,
}: {
  /** What would be deleted; empty or null when the dialog is closed. */
  files: readonly FileInfo[] | null;
  onConfirm: () => void;
  onClose: () => void;
  pending: boolean;
  error: string | null;
}) {
  const list = files ?? [];
  const label = `Delete ${countFiles(list.length)}`;
  return (
    <ConfirmDialog
      open={list.length > 0}
      onOpenChange={(open) => {
        if (!open && !pending) onClose();
      }}
      title={label}
      description={
        <>
          <ul className="list-inside list-disc break-all">
            {list.slice(0, NAMES_SHOWN).map((file) => (
              <li key={file.id}>{file.filename}</li>
            ))}
            {list.length > NAMES_SHOWN && <li>and {countFiles(list.length - NAMES_SHOWN)} more</li>}
          </ul>
          <p>
            This cannot be undone. Rows of tables that hold these file IDs keep them, but they will
            point to nothing.
          </p>
        </>
      }
      confirmLabel={label}
      onConfirm={onConfirm}
      pending={pending}
      error={error}
    />
  );
}
