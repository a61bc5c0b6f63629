import type { WorkspaceView as Workspace } from '../api/answers';
import { RenameDialog } from '../../../components/rename-dialog';
import { useRenameWorkspace } from '../api/workspace-rename-mutation';

export function RenameWorkspaceDialog({
  orgId,
  workspace,
  onClose,
}: {
  orgId: string;
  workspace: Workspace | null;
  onClose: () => void;
}) {
  const rename = useRenameWorkspace(orgId);
  return (
    <RenameDialog
      open={workspace !== null}
      onOpenChange={(open) => {
        if (open) return;
        rename.reset();
        onClose();
      }}
      title="Rename workspace"
      description={
        workspace
          ? `The ID ${workspace.id}, and so the schema name in SQL, stays the same.`
          : undefined
      }
      initialName={workspace?.name ?? ''}
      onSubmit={(name) => {
        if (workspace) rename.mutate({ workspaceId: workspace.id, name }, { onSuccess: onClose });
      }}
      pending={rename.isPending}
      error={rename.error?.message ?? null}
    />
  );
}
