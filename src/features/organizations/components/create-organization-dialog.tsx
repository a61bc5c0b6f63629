import { organizationIdProblem } from '../../../../contract/identifier';
import { CreateResourceDialog } from '../../../components/create-resource-dialog';
import { useCreateOrganization } from '../api/organization-create-mutation';

export function CreateOrganizationDialog({
  open,
  onOpenChange,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const create = useCreateOrganization();
  return (
    <CreateResourceDialog
      open={open}
      onOpenChange={(next) => {
        if (!next) create.reset();
        onOpenChange(next);
      }}
      title="New organization"
      description="You become its admin and can then invite people and create workspaces."
      idHint='Lower-case letters, digits, "_" and "-", starting with a letter or a digit (a UUID will do), at most 63 bytes. It cannot be changed later.'
      idProblem={organizationIdProblem}
      submitLabel="Create organization"
      onSubmit={(values) => create.mutate(values, { onSuccess: () => onOpenChange(false) })}
      pending={create.isPending}
      error={create.error?.message ?? null}
    />
  );
}
