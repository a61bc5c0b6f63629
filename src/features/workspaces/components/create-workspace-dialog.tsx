import { CreateResourceDialog } from '../../../components/create-resource-dialog';
import { useCreateWorkspace } from '../api/workspace-create-mutation';

export function CreateWorkspaceDialog({
  orgId,
  orgName,
  open,
  onOpenChange,
}: {
  orgId: string;
  orgName: string;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const create = useCreateWorkspace(orgId);
  return (
    <CreateResourceDialog
      open={open}
      onOpenChange={(next) => {
        if (!next) create.reset();
        onOpenChange(next);
      }}
      title="New workspace"
      description={`A workspace in ${orgName} holds tables and files. Every member of the organization can use it.`}
      idHint={
        <>
          Lower-case letters, digits, &quot;_&quot; and &quot;-&quot;, starting with a letter, at
          most 63 bytes. It becomes the Postgres schema name, so SQL refers to tables as{' '}
          <code className="font-mono">&quot;id&quot;.&quot;table&quot;</code>. It cannot be changed
          later.
        </>
      }
      submitLabel="Create workspace"
      onSubmit={(values) => create.mutate(values, { onSuccess: () => onOpenChange(false) })}
      pending={create.isPending}
      error={create.error?.message ?? null}
    />
  );
}
