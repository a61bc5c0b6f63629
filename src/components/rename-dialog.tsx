import { useState, type FormEvent, type ReactNode } from 'react';
import { nameProblem } from './name-validation';
import { Dialog, DialogContent, DialogFormFooter } from './ui/dialog';
import { TextField } from './ui/input';

export interface RenameDialogProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  description?: ReactNode;
  initialName: string;
  onSubmit: (name: string) => void;
  pending: boolean;
  error: string | null;
}

/** Changes a display name; the id stays, since URLs, SQL and other tools refer to it. */
export function RenameDialog({
  open,
  onOpenChange,
  title,
  description,
  ...formProps
}: RenameDialogProps) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent title={title} description={description}>
        <RenameForm {...formProps} />
      </DialogContent>
    </Dialog>
  );
}

function RenameForm({
  initialName,
  onSubmit,
  pending,
  error,
}: Pick<RenameDialogProps, 'initialName' | 'onSubmit' | 'pending' | 'error'>) {
  const [name, setName] = useState(initialName);
  const [attempted, setAttempted] = useState(false);
  const problem = attempted ? nameProblem(name) : null;

  function submit(event: FormEvent) {
    event.preventDefault();
    setAttempted(true);
    if (nameProblem(name)) return;
    onSubmit(name.trim());
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-4">
      <TextField
        label="Name"
        value={name}
        onChange={(event) => setName(event.target.value)}
        error={problem}
        autoComplete="off"
      />
      <DialogFormFooter error={error} submitLabel="Save" pending={pending} />
    </form>
  );
}
