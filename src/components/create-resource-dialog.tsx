import { useRef, useState, type FormEvent, type ReactNode } from 'react';
import { identifierProblem } from '../../contract/identifier';
import { IdentifierField } from './identifier-field';
import { nameProblem } from './name-validation';
import { Dialog, DialogContent, DialogFormFooter } from './ui/dialog';
import { TextField } from './ui/input';

export interface CreateResourceValues {
  id: string;
  name: string;
}

export interface CreateResourceDialogProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  description: ReactNode;
  idHint: ReactNode;
  submitLabel: string;
  onSubmit: (values: CreateResourceValues) => void;
  pending: boolean;
  /** The server's answer when it refused; the typed values stay so the user can fix them. */
  error: string | null;
  /** The id rule: workspace ids by default, organizationIdProblem for organizations. */
  idProblem?: (value: string) => string | null;
}

/** The "New organization" / "New workspace" dialog: an id checked as you type, and a name. */
export function CreateResourceDialog({
  open,
  onOpenChange,
  ...formProps
}: CreateResourceDialogProps) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent title={formProps.title} description={formProps.description}>
        <CreateResourceForm {...formProps} />
      </DialogContent>
    </Dialog>
  );
}

function CreateResourceForm({
  idHint,
  submitLabel,
  onSubmit,
  pending,
  error,
  idProblem = identifierProblem,
}: Omit<CreateResourceDialogProps, 'open' | 'onOpenChange' | 'title' | 'description'>) {
  const [id, setId] = useState('');
  const [name, setName] = useState('');
  const [attempted, setAttempted] = useState(false);
  const idInput = useRef<HTMLInputElement>(null);
  const nameInput = useRef<HTMLInputElement>(null);
  const nameError = attempted ? nameProblem(name) : null;

  function submit(event: FormEvent) {
    event.preventDefault();
    setAttempted(true);
    if (idProblem(id) !== null) {
      idInput.current?.focus();
    } else if (nameProblem(name)) {
      nameInput.current?.focus();
    } else {
      onSubmit({ id, name: name.trim() });
    }
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-4">
      <IdentifierField
        ref={idInput}
        value={id}
        onChange={setId}
        showRequired={attempted}
        hint={idHint}
        problemOf={idProblem}
      />
      <TextField
        ref={nameInput}
        label="Name"
        value={name}
        onChange={(event) => setName(event.target.value)}
        error={nameError}
        autoComplete="off"
      />
      <DialogFormFooter error={error} submitLabel={submitLabel} pending={pending} />
    </form>
  );
}
