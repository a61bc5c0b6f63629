import { Database, KeyRound, Loader2 } from 'lucide-react';
import { useEffect, useState, type FormEvent } from 'react';
import { useLocation } from 'react-router';
import { Button } from '../../../components/ui/button';
import { FormAlert } from '../../../components/ui/form-alert';
import { TextField } from '../../../components/ui/input';
import { isApiError } from '../../../lib/api-client';
import {
  DEFAULT_API_BASE_URL,
  takePendingInvite,
  useApiBaseUrl,
  usePendingInvite,
  useSignOutReason,
} from '../../../lib/sign-in-state';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { useSignIn } from '../api/sign-in-mutation';

const TOKEN_COMMAND = 'npm run token -- --email you@example.com';

export function SignInScreen() {
  useDocumentTitle('Sign in');
  const signOutReason = useSignOutReason();
  const savedBaseUrl = useApiBaseUrl();
  const [token, setToken] = useState('');
  const [remember, setRemember] = useState(false);
  const [baseUrl, setBaseUrl] = useState(savedBaseUrl);
  const [attempted, setAttempted] = useState(false);
  const signIn = useSignIn();
  const { mutate } = signIn;
  const { pathname } = useLocation();

  // An invite's sign-in link was opened (sign-in-state.ts keeps its one-time token): exchange it.
  const pendingInvite = usePendingInvite();
  useEffect(() => {
    const invite = takePendingInvite();
    if (invite) mutate({ token: invite, remember: false, baseUrl: savedBaseUrl, viaInvite: true });
  }, [pendingInvite, mutate, savedBaseUrl]);
  const viaInvite = signIn.variables?.viaInvite === true;
  const inviteError = viaInvite && signIn.error ? signIn.error.message : null;
  if (pendingInvite || (viaInvite && (signIn.isPending || signIn.isSuccess))) {
    return <InviteSignIn />;
  }

  const rejected = !viaInvite && isApiError(signIn.error) && signIn.error.status === 401;
  let tokenError: string | null = null;
  if (attempted && token.trim() === '') tokenError = 'Enter your API token.';
  else if (rejected)
    tokenError =
      'This token was not accepted. Check that you copied all of it, or make a new one (see below).';
  const otherError = signIn.error && !rejected && !viaInvite ? signIn.error.message : null;

  function submit(event: FormEvent) {
    event.preventDefault();
    setAttempted(true);
    const trimmed = token.trim();
    if (trimmed === '' || signIn.isPending) return;
    signIn.mutate({ token: trimmed, remember, baseUrl });
  }

  return (
    <div className="flex min-h-dvh items-center justify-center bg-canvas px-4 py-10">
      <main className="w-full max-w-md">
        <div className="mb-6 flex items-center justify-center gap-2 text-fg">
          <Database aria-hidden className="size-6 text-accent" />
          <span className="text-lg font-semibold">Deeplake Console</span>
        </div>
        <div className="rounded-lg border border-border bg-surface p-6 shadow-sm">
          <h1 className="text-xl font-semibold text-fg">Sign in</h1>
          <p className="mt-1 text-sm text-muted">Use an API token of the Deeplake API.</p>

          {pathname === '/device' && (
            <p
              role="status"
              className="mt-4 rounded border border-accent/40 bg-accent/10 px-3 py-2 text-sm text-fg"
            >
              A command-line client asks to sign in as you. Sign in here first; you then come back
              to its request to approve it.
            </p>
          )}
          {inviteError && (
            <p
              role="status"
              className="mt-4 rounded border border-warning/40 bg-warning/10 px-3 py-2 text-sm text-warning"
            >
              {inviteError}
            </p>
          )}
          {signOutReason === 'expired' && (
            <p
              role="status"
              className="mt-4 rounded border border-warning/40 bg-warning/10 px-3 py-2 text-sm text-warning"
            >
              Your session has ended: the API no longer accepts your token. Sign in again.
            </p>
          )}
          {signOutReason === 'rejected' && (
            <p
              role="status"
              className="mt-4 rounded border border-warning/40 bg-warning/10 px-3 py-2 text-sm text-warning"
            >
              The token of that sign-in link was not accepted. Ask for a new link, or sign in with a
              token below.
            </p>
          )}

          <form onSubmit={submit} noValidate className="mt-5 space-y-4">
            <TextField
              label="API token"
              type="password"
              value={token}
              onChange={(event) => {
                setToken(event.target.value);
                if (signIn.error) signIn.reset();
              }}
              error={tokenError}
              autoComplete="off"
              spellCheck={false}
              autoFocus
            />
            <div className="flex items-start gap-2 text-sm text-fg">
              <input
                id="remember-me"
                type="checkbox"
                checked={remember}
                onChange={(event) => setRemember(event.target.checked)}
                aria-describedby="remember-me-hint"
                className="mt-0.5 size-4 accent-accent"
              />
              <div>
                <label htmlFor="remember-me">Remember me</label>
                <p id="remember-me-hint" className="text-xs text-muted">
                  Stay signed in on this browser. Otherwise closing the tab signs you out.
                </p>
              </div>
            </div>

            <details
              className="group rounded border border-border px-3 py-2"
              open={savedBaseUrl !== DEFAULT_API_BASE_URL}
            >
              <summary className="cursor-pointer text-sm font-medium text-fg">Advanced</summary>
              <TextField
                className="mt-3 mb-1"
                label="API base URL"
                value={baseUrl}
                onChange={(event) => setBaseUrl(event.target.value)}
                placeholder={DEFAULT_API_BASE_URL}
                hint={`Where the Deeplake API is. ${DEFAULT_API_BASE_URL} is the server that serves this console; enter another URL to use the console against another Deeplake API.`}
                autoComplete="url"
                spellCheck={false}
              />
            </details>

            {otherError && <FormAlert>{otherError}</FormAlert>}

            <Button
              type="submit"
              variant="primary"
              className="w-full justify-center"
              pending={signIn.isPending}
            >
              Sign in
            </Button>
          </form>
        </div>

        <section
          aria-labelledby="token-help"
          className="mt-4 rounded-lg border border-border bg-surface p-5 text-sm text-muted"
        >
          <h2 id="token-help" className="flex items-center gap-2 font-medium text-fg">
            <KeyRound aria-hidden className="size-4" />
            How do I get a token?
          </h2>
          <ul className="mt-2 list-disc space-y-2 pl-5">
            <li>
              On its first start the server prints a sign-in link in its terminal. Open that link
              and you are signed in.
            </li>
            <li>
              To make a new token, run this in the project folder; it prints the token:
              <code className="mt-1 block rounded bg-raised px-2 py-1 font-mono text-xs text-fg">
                {TOKEN_COMMAND}
              </code>
            </li>
          </ul>
        </section>
      </main>
    </div>
  );
}

/** Shown while an invite link's one-time token is exchanged for a lasting one. */
function InviteSignIn() {
  return (
    <div className="flex min-h-dvh items-center justify-center bg-canvas px-4 py-10">
      <main className="flex items-center gap-2 text-sm text-muted" role="status">
        <Loader2 aria-hidden className="size-4 animate-spin" />
        Signing you in with your invite link…
      </main>
    </div>
  );
}
