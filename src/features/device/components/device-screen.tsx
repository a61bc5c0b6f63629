import { useQuery } from '@tanstack/react-query';
import { CircleCheck, CircleX, TerminalSquare } from 'lucide-react';
import { useId, useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { Button } from '../../../components/ui/button';
import { ErrorState } from '../../../components/ui/error-state';
import { FormAlert } from '../../../components/ui/form-alert';
import { FieldLabel, TextField } from '../../../components/ui/input';
import { PageHeader } from '../../../components/ui/page-header';
import { Select } from '../../../components/ui/select';
import { ListSkeleton } from '../../../components/ui/skeleton';
import { isApiError } from '../../../lib/api-client';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { useOrganizationChoice } from '../../organizations';
import type { DeviceRequestView } from '../api/answers';
import { deviceRequestQueryOptions, useDecideDevice } from '../api/device-request-query';

const timeFormat = new Intl.DateTimeFormat(undefined, { timeStyle: 'short' });
const clientLabel = (request: DeviceRequestView) => request.client_name || 'A command-line client';

/**
 * Device sign-in's verification page (RFC 8628): a command-line client shows a code and this
 * address (`/device?code=…`); the signed-in person checks the code, picks the organization and
 * approves or denies. Signed out, the sign-in screen shows here and returns to it.
 */
export function DeviceScreen() {
  useDocumentTitle('Device sign-in');
  const [params, setParams] = useSearchParams();
  const code = params.get('code')?.trim() ?? '';
  return (
    <>
      <PageHeader
        title="Device sign-in"
        description="Approve a command-line client, such as the Deeplake CLI, to use the API as you."
      />
      <div className="max-w-xl">
        {code === '' ? (
          <CodeForm onSubmit={(typed) => setParams({ code: typed })} />
        ) : (
          // Keyed by code: a decision or a typed organization never carries over to another.
          <DeviceRequest key={code} code={code} onOtherCode={() => setParams({})} />
        )}
      </div>
    </>
  );
}

function CodeForm({ onSubmit }: { onSubmit: (code: string) => void }) {
  const [typed, setTyped] = useState('');
  const [attempted, setAttempted] = useState(false);
  function submit(event: FormEvent) {
    event.preventDefault();
    setAttempted(true);
    if (typed.trim() !== '') onSubmit(typed.trim().toUpperCase());
  }
  return (
    <form
      onSubmit={submit}
      noValidate
      className="space-y-4 rounded-lg border border-border bg-surface p-6 shadow-sm"
    >
      <TextField
        label="Code"
        value={typed}
        onChange={(event) => setTyped(event.target.value)}
        error={attempted && typed.trim() === '' ? 'Enter the code your client shows.' : null}
        hint="The code your command-line client shows, such as WDJB-MJHT."
        autoComplete="off"
        autoCapitalize="characters"
        spellCheck={false}
        className="[&_input]:font-mono [&_input]:tracking-widest [&_input]:uppercase"
      />
      <Button type="submit" variant="primary">
        Continue
      </Button>
    </form>
  );
}

function DeviceRequest({ code, onOtherCode }: { code: string; onOtherCode: () => void }) {
  const request = useQuery(deviceRequestQueryOptions(code));
  if (request.isPending) return <ListSkeleton label="Looking up the code" />;
  if (request.isError) {
    const final = isApiError(request.error) && request.error.status === 404;
    return (
      <ErrorState
        title={final ? 'No sign-in request to approve' : 'Could not look up the code'}
        message={request.error.message}
        {...(final ? {} : { onRetry: () => void request.refetch(), retrying: request.isFetching })}
      >
        <Button onClick={onOtherCode}>Enter another code</Button>
      </ErrorState>
    );
  }
  if (request.data.status !== 'pending') return <Decided request={request.data} />;
  return <Approval request={request.data} />;
}

function Approval({ request }: { request: DeviceRequestView }) {
  const orgFieldId = useId();
  const {
    options,
    chosen: chosenOrg,
    choose: setOrgId,
    pending: organizationsPending,
  } = useOrganizationChoice();
  const decide = useDecideDevice(request.user_code);
  const deciding = decide.isPending ? decide.variables.decision : null;

  function approve(event: FormEvent) {
    event.preventDefault();
    if (chosenOrg !== null && !decide.isPending) {
      decide.mutate({ decision: 'approve', orgId: chosenOrg });
    }
  }

  return (
    <form
      onSubmit={approve}
      aria-labelledby="device-request-title"
      className="space-y-5 rounded-lg border border-border bg-surface p-6 shadow-sm"
    >
      <div className="flex items-start gap-3">
        <TerminalSquare aria-hidden className="mt-0.5 size-6 shrink-0 text-accent" />
        <div className="min-w-0">
          <h2 id="device-request-title" className="text-base font-semibold break-words text-fg">
            {clientLabel(request)} asks to sign in as you
          </h2>
          <p className="mt-1 text-sm text-muted">
            {request.created_at && <>Asked at {timeFormat.format(new Date(request.created_at))}</>}
            {request.created_at && request.expires_at && ' · '}
            {request.expires_at && (
              <>Expires at {timeFormat.format(new Date(request.expires_at))}</>
            )}
          </p>
        </div>
      </div>

      <div>
        <p className="text-sm text-fg">Code</p>
        <p
          className="mt-1 font-mono text-2xl font-semibold tracking-[0.2em] text-fg"
          aria-label={`Code ${request.user_code}`}
        >
          {request.user_code}
        </p>
        <p className="mt-1 text-sm text-muted">
          Approve only if your terminal shows this same code and you started this sign-in yourself.
        </p>
      </div>

      <div className="space-y-1.5">
        {/* Not just "Organization": the shell's organization switcher is on the page too. */}
        <FieldLabel htmlFor={orgFieldId}>Organization for this client</FieldLabel>
        <Select
          id={orgFieldId}
          value={chosenOrg ?? undefined}
          onValueChange={setOrgId}
          options={options}
          placeholder={organizationsPending ? 'Loading…' : 'No organization'}
          disabled={options.length === 0}
        />
        <p className="text-xs text-muted">
          The client&apos;s token is for this organization.
          {!organizationsPending && options.length === 0 && ' Create an organization first.'}
        </p>
      </div>

      {decide.error && <FormAlert>{decide.error.message}</FormAlert>}

      <div className="flex flex-wrap gap-2">
        <Button
          type="submit"
          variant="primary"
          disabled={chosenOrg === null || deciding === 'deny'}
          pending={deciding === 'approve'}
        >
          Approve
        </Button>
        <Button
          disabled={deciding === 'approve'}
          pending={deciding === 'deny'}
          onClick={() => decide.mutate({ decision: 'deny' })}
        >
          Deny
        </Button>
      </div>
    </form>
  );
}

function Decided({ request }: { request: DeviceRequestView }) {
  const approved = request.status === 'approved';
  const Icon = approved ? CircleCheck : CircleX;
  return (
    <div
      role="status"
      className="flex items-start gap-3 rounded-lg border border-border bg-surface p-6 shadow-sm"
    >
      <Icon
        aria-hidden
        className={approved ? 'size-6 shrink-0 text-success' : 'size-6 shrink-0 text-danger'}
      />
      <div>
        <h2 className="text-base font-semibold text-fg">{approved ? 'Approved' : 'Denied'}</h2>
        <p className="mt-1 text-sm text-muted">
          {approved ? (
            <>
              {clientLabel(request)} ({request.user_code}) is signed in as you
              {request.organization_id && (
                <>
                  {' '}
                  for <code className="font-mono">{request.organization_id}</code>
                </>
              )}
              . You can close this page and go back to your terminal.
            </>
          ) : (
            <>
              {clientLabel(request)} ({request.user_code}) was refused. If you did mean to sign it
              in, start its sign-in again.
            </>
          )}
        </p>
      </div>
    </div>
  );
}
