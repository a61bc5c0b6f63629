import { useNavigate } from 'react-router';
import { ConfirmDialog } from '../../../components/ui/confirm-dialog';
import { workspacePath } from '../../workspaces';
import { useDropTable } from '../api/table-drop-mutation';

/** Drops a table once its name is typed: it cannot be undone. */
export function DropTableDialog({
  orgId,
  workspaceId,
  table,
  onClose,
  leaveTo,
}: {
  orgId: string;
  workspaceId: string;
  table: string | null;
  onClose: () => void;
  /** Go to the table list afterwards (when dropping from the table's own page). */
  leaveTo?: 'list';
}) {
  const drop = useDropTable(orgId, workspaceId);
  const navigate = useNavigate();
  return (
    <ConfirmDialog
      open={table !== null}
      onOpenChange={(open) => {
        if (open) return;
        drop.reset();
        onClose();
      }}
      title="Drop table"
      description={
        table && (
          <p>
            This permanently deletes the table{' '}
            <code className="font-mono font-medium text-fg">{table}</code> and{' '}
            <strong className="text-fg">all its rows</strong>. This cannot be undone.
          </p>
        )
      }
      confirmLabel="Drop table"
      confirmationText={table ?? ''}
      onConfirm={() => {
        if (!table) return;
        drop.mutate(table, {
          onSuccess: () => {
            onClose();
            if (leaveTo === 'list') void navigate(workspacePath(workspaceId, 'tables'));
          },
        });
      }}
      pending={drop.isPending}
      error={drop.error?.message}
    />
  );
}
