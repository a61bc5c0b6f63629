import type { WorkspaceView as Workspace } from '../api/answers';
import { ConfirmDialog } from '../../../components/ui/confirm-dialog';
import { useDeleteWorkspace } from '../api/workspace-delete-mutation';

export function DeleteWorkspaceDialog({
  orgId,
  workspace,
  onClose,
}: {
  orgId: string;
  workspace: Workspace | null;
  onClose: () => void;
}) {
  const remove = useDeleteWorkspace(orgId);
  return (
    <ConfirmDialog
      open={workspace !== null}
      onOpenChange={(open) => {
        if (open) return;
        remove.reset();
        onClose();
      }}
      title="Delete workspace"
      description={
        workspace && (
          <p>
            This permanently deletes <strong className="text-fg">{workspace.name}</strong> (
            <code className="font-mono">{workspace.id}</code>) and{' '}
            <strong className="text-fg">all its tables and files</strong>. This cannot be undone.
          </p>
        )
      }
      confirmLabel="Delete workspace"
      confirmationText={workspace?.id ?? ''}
      onConfirm={() => {
        if (workspace) remove.mutate(workspace.id, { onSuccess: onClose });
      }}
      pending={remove.isPending}
      error={remove.error?.message}
    />
  );
}
