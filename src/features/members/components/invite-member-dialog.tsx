import { Check, Copy } from 'lucide-react';
import { useId, useState, type FormEvent } from 'react';
import { toast } from 'sonner';
import {
  inviteMemberSchema,
  ROLE_DESCRIPTIONS,
  type Role,
} from '../../../../contract/organizations';
import { Button } from '../../../components/ui/button';
import {
  Dialog,
  DialogContent,
  DialogFooter,
  DialogFormFooter,
} from '../../../components/ui/dialog';
import { FieldLabel, TextField } from '../../../components/ui/input';
import { Select } from '../../../components/ui/select';
import type { MemberAnswer } from '../api/answers';
import { useInviteMember } from '../api/member-invite-mutation';
import { ROLE_LABELS, ROLE_OPTIONS } from './role-options';

export function InviteMemberDialog({
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
  const invite = useInviteMember(orgId);
  // Every way of closing forgets the last answer: its invite link is a live sign-in token.
  const changeOpen = (next: boolean) => {
    if (!next) invite.reset();
    onOpenChange(next);
  };
  const close = () => changeOpen(false);
  return (
    <Dialog open={open} onOpenChange={changeOpen}>
      <DialogContent
        title="Invite member"
        description={`Add someone to ${orgName} by email. Viewers read, writers also change tables and files, admins also manage the organization.`}
      >
        {invite.data?.invite_link ? (
          <InviteLink response={invite.data} inviteLink={invite.data.invite_link} onDone={close} />
        ) : (
          <InviteForm
            onSubmit={(values) =>
              invite.mutate(values, {
                onSuccess: (response) => {
                  if (!response.invite_link) close();
                },
              })
            }
            pending={invite.isPending}
            error={invite.error?.message ?? null}
          />
        )}
      </DialogContent>
    </Dialog>
  );
}

function InviteForm({
  onSubmit,
  pending,
  error,
}: {
  onSubmit: (values: { email: string; role: Role }) => void;
  pending: boolean;
  error: string | null;
}) {
  const roleId = useId();
  const roleNoteId = useId();
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('writer');
  const [emailError, setEmailError] = useState<string | null>(null);

  function submit(event: FormEvent) {
    event.preventDefault();
    const parsed = inviteMemberSchema.safeParse({ email, role });
    if (!parsed.success) {
      setEmailError(
        email.trim() === '' ? 'Enter an email address.' : 'Enter a valid email address.',
      );
      return;
    }
    setEmailError(null);
    onSubmit(parsed.data);
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-4">
      <TextField
        label="Email"
        type="email"
        value={email}
        onChange={(event) => setEmail(event.target.value)}
        error={emailError}
        autoComplete="off"
        spellCheck={false}
      />
      <div className="space-y-1.5">
        <FieldLabel htmlFor={roleId}>Role</FieldLabel>
        <Select
          id={roleId}
          value={role}
          onValueChange={(value) => setRole(value as Role)}
          options={ROLE_OPTIONS}
          aria-describedby={roleNoteId}
        />
        <p id={roleNoteId} className="text-xs text-muted">
          {ROLE_LABELS[role]}: {lowerFirst(ROLE_DESCRIPTIONS[role])}.
        </p>
      </div>
      <DialogFormFooter error={error} submitLabel="Send invite" pending={pending} />
    </form>
  );
}

const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);

/** The bundled server sends no mail, so the person's sign-in link is handed over here. */
function InviteLink({
  response,
  inviteLink,
  onDone,
}: {
  response: MemberAnswer;
  inviteLink: string;
  onDone: () => void;
}) {
  const [copied, setCopied] = useState(false);

  async function copy() {
    try {
      await navigator.clipboard.writeText(inviteLink);
      setCopied(true);
      toast.success('Invite link copied');
    } catch {
      toast.error('Could not copy: select the link and copy it by hand.');
    }
  }

  return (
    <div className="space-y-4">
      <p className="text-sm text-fg">
        <strong>{response.member.email}</strong> was added as {response.member.role}. This server
        sends no email: give them this sign-in link yourself. Treat it like a password.
      </p>
      <TextField
        label="Invite link"
        value={inviteLink}
        readOnly
        onFocus={(event) => event.currentTarget.select()}
        className="[&_input]:font-mono [&_input]:text-xs"
      />
      <DialogFooter>
        <Button onClick={() => void copy()}>
          {copied ? (
            <Check aria-hidden className="size-4" />
          ) : (
            <Copy aria-hidden className="size-4" />
          )}
          Copy invite link
        </Button>
        <Button variant="primary" onClick={onDone}>
          Done
        </Button>
      </DialogFooter>
    </div>
  );
}
