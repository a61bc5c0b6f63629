import { useState, type FormEvent } from 'react';
import { toast } from 'sonner';
import { Dialog, DialogContent, DialogFormFooter } from '../../../components/ui/dialog';
import { TextField } from '../../../components/ui/input';
import { useCreateFolder } from '../api/folder-create-mutation';
import { childPath, folderNameProblem } from './folder-paths';

/** Makes a folder in the one shown; the server's refusal is shown in its own words. */
export function NewFolderDialog({
  orgId,
  workspaceId,
  parent,
  open,
  onOpenChange,
}: {
  orgId: string;
  workspaceId: string;
  /** The folder it goes in. */
  parent: string;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const create = useCreateFolder(orgId, workspaceId);
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        if (!next) create.reset();
        onOpenChange(next);
      }}
    >
      <DialogContent title="New folder" description={`In ${parent}`}>
        {/* Mounted only while open: the name starts empty every time. */}
        <NewFolderForm
          onSubmit={(name) =>
            create.mutate(childPath(parent, name), {
              onSuccess: (folder) => {
                toast.success(`Created folder ${folder.name}`);
                onOpenChange(false);
              },
            })
          }
          pending={create.isPending}
          error={create.error?.message ?? null}
        />
      </DialogContent>
    </Dialog>
  );
}

function NewFolderForm({
  onSubmit,
  pending,
  error,
}: {
  onSubmit: (name: string) => void;
  pending: boolean;
  error: string | null;
}) {
  const [name, setName] = useState('');
  const [attempted, setAttempted] = useState(false);
  const problem = attempted ? folderNameProblem(name) : null;

  function submit(event: FormEvent) {
    event.preventDefault();
    setAttempted(true);
    if (folderNameProblem(name) || pending) return;
    onSubmit(name);
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-4">
      <TextField
        label="Folder name"
        value={name}
        onChange={(event) => setName(event.target.value)}
        error={problem}
        hint="A / in the name makes folders inside folders, such as 2024/summer."
        autoComplete="off"
      />
      <DialogFormFooter error={error} submitLabel="Create folder" pending={pending} />
    </form>
  );
}
