import type { FolderInfo } from '../../../../contract/files';
import { ConfirmDialog } from '../../../components/ui/confirm-dialog';

/** Confirms deleting an empty folder; the server's refusal of one that is not empty shows here. */
export function DeleteFolderDialog({
  folder,
  onConfirm,
  onClose,
  pending,
  error,
}: {
  folder: FolderInfo | null;
  onConfirm: () => void;
  onClose: () => void;
  pending: boolean;
  error: string | null;
}) {
  return (
    <ConfirmDialog
      open={folder !== null}
      onOpenChange={(open) => {
        if (!open && !pending) onClose();
      }}
      title={`Delete folder ${folder?.name ?? ''}`}
      description={
        <p className="break-all">
          {folder?.path} is deleted only when it is empty: move or delete what is in it first.
        </p>
      }
      confirmLabel="Delete folder"
      onConfirm={onConfirm}
      pending={pending}
      error={error}
    />
  );
}
