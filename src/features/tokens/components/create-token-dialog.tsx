import { useId, useRef, useState, type FormEvent } from 'react';
import { TOKEN_DURATION_DAYS } from '../../../../contract/tokens';
import { Dialog, DialogContent, DialogFormFooter } from '../../../components/ui/dialog';
import { FieldLabel, TextField } from '../../../components/ui/input';
import { Select } from '../../../components/ui/select';
import { useOrganizationChoice } from '../../organizations';
import { useCreateToken } from '../api/token-create-mutation';
import { NewTokenSecret } from './new-token-secret';

const DAY_SECONDS = 24 * 3600;
const DEFAULT_DAYS = 90;
const EXPIRY_OPTIONS = TOKEN_DURATION_DAYS.map((days) => ({
  value: String(days),
  label: days === 365 ? '1 year (365 days)' : `${days} days`,
}));

export function CreateTokenDialog({
  open,
  onOpenChange,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const create = useCreateToken();
  // Every way of closing forgets the answer: it holds the secret.
  const changeOpen = (next: boolean) => {
    if (!next) create.reset();
    onOpenChange(next);
  };
  return (
    <Dialog open={open} onOpenChange={changeOpen}>
      <DialogContent
        // Wide enough for the snippets' lines, token included, to fit unwrapped.
        className={create.data ? 'sm:max-w-2xl' : undefined}
        title={create.data ? 'Your new API token' : 'New API token'}
        description={
          create.data
            ? 'Copy it now: it is shown only this once. Anyone who has it can use the API as you.'
            : 'A token lets a script or a command-line client use the API as you, in the organization you pick, until it expires.'
        }
      >
        {create.data ? (
          <NewTokenSecret created={create.data} onDone={() => changeOpen(false)} />
        ) : (
          <CreateTokenForm
            onSubmit={(values) => create.mutate(values)}
            pending={create.isPending}
            error={create.error?.message ?? null}
          />
        )}
      </DialogContent>
    </Dialog>
  );
}

function CreateTokenForm({
  onSubmit,
  pending,
  error,
}: {
  onSubmit: (values: { name: string; duration: number; organization_id: string }) => void;
  pending: boolean;
  error: string | null;
}) {
  const orgFieldId = useId();
  const expiryFieldId = useId();
  // The organization the console works in, until another is picked.
  const {
    options,
    chosen: chosenOrg,
    choose: setOrgId,
    pending: organizationsPending,
  } = useOrganizationChoice();
  const [name, setName] = useState('');
  const [days, setDays] = useState(String(DEFAULT_DAYS));
  const [attempted, setAttempted] = useState(false);
  const nameInput = useRef<HTMLInputElement>(null);

  const nameError = attempted && name.trim() === '' ? 'Give the token a name.' : null;
  const orgError =
    attempted && chosenOrg === null
      ? organizationsPending
        ? 'Loading your organizations…'
        : 'You belong to no organization: create one first.'
      : null;

  function submit(event: FormEvent) {
    event.preventDefault();
    setAttempted(true);
    if (name.trim() === '') {
      nameInput.current?.focus();
      return;
    }
    if (chosenOrg === null) return;
    onSubmit({
      name: name.trim(),
      duration: Number(days) * DAY_SECONDS,
      organization_id: chosenOrg,
    });
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-4">
      <TextField
        ref={nameInput}
        label="Name"
        value={name}
        onChange={(event) => setName(event.target.value)}
        error={nameError}
        hint="What uses it, so you recognise it later: “laptop”, “nightly import”."
        autoComplete="off"
        maxLength={200}
      />
      <div className="space-y-1.5">
        <FieldLabel htmlFor={orgFieldId}>Organization</FieldLabel>
        <Select
          id={orgFieldId}
          value={chosenOrg ?? undefined}
          onValueChange={setOrgId}
          options={options}
          placeholder={organizationsPending ? 'Loading…' : 'No organization'}
          disabled={options.length === 0}
          aria-describedby={orgError ? `${orgFieldId}-error` : undefined}
        />
        {orgError && (
          <p id={`${orgFieldId}-error`} className="text-sm text-danger">
            {orgError}
          </p>
        )}
      </div>
      <div className="space-y-1.5">
        <FieldLabel htmlFor={expiryFieldId}>Expires in</FieldLabel>
        <Select id={expiryFieldId} value={days} onValueChange={setDays} options={EXPIRY_OPTIONS} />
      </div>
      <DialogFormFooter error={error} submitLabel="Create token" pending={pending} />
    </form>
  );
}
