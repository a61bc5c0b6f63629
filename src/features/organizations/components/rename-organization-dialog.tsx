import type { OrganizationView as Organization } from '../api/answers';
import { RenameDialog } from '../../../components/rename-dialog';
import { useRenameOrganization } from '../api/organization-rename-mutation';

export function RenameOrganizationDialog({
  organization,
  onClose,
}: {
  organization: Organization | null;
  onClose: () => void;
}) {
  const rename = useRenameOrganization();
  return (
    <RenameDialog
      open={organization !== null}
      onOpenChange={(open) => {
        if (open) return;
        rename.reset();
        onClose();
      }}
      title="Rename organization"
      description={organization ? `The ID ${organization.id} stays the same.` : undefined}
      initialName={organization?.name ?? ''}
      onSubmit={(name) => {
        if (organization) rename.mutate({ orgId: organization.id, name }, { onSuccess: onClose });
      }}
      pending={rename.isPending}
      error={rename.error?.message ?? null}
    />
  );
}
