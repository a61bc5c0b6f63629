import type { OrganizationView as Organization } from '../api/answers';
import { ConfirmDialog } from '../../../components/ui/confirm-dialog';
import { useDeleteOrganization } from '../api/organization-delete-mutation';

export function DeleteOrganizationDialog({
  organization,
  onClose,
}: {
  organization: Organization | null;
  onClose: () => void;
}) {
  const remove = useDeleteOrganization();
  return (
    <ConfirmDialog
      open={organization !== null}
      onOpenChange={(open) => {
        if (open) return;
        remove.reset();
        onClose();
      }}
      title="Delete organization"
      description={
        organization && (
          <>
            <p>
              This permanently deletes <strong className="text-fg">{organization.name}</strong> (
              <code className="font-mono">{organization.id}</code>) and{' '}
              <strong className="text-fg">all its workspaces, tables and files</strong>. Its members
              lose access. This cannot be undone.
            </p>
          </>
        )
      }
      confirmLabel="Delete organization"
      confirmationText={organization?.id ?? ''}
      onConfirm={() => {
        if (organization) remove.mutate(organization.id, { onSuccess: onClose });
      }}
      pending={remove.isPending}
      error={remove.error?.message}
    />
  );
}
