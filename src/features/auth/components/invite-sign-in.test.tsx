import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { consumeHashToken, getPendingInvite, getToken, signIn } from '../../../lib/sign-in-state';
import { apiError, json, mockApi } from '../../../test/fetch-mock';
import { me, member, organization } from '../../../test/fixtures';
import { renderApp, renderScreen } from '../../../test/render';
import { SignInScreen } from './sign-in-screen';

function consoleApi(extra: Parameters<typeof mockApi>[0] = {}) {
  return mockApi({
    'GET /health': () => json(200, { status: 'ok' }),
    'GET /ready': () => json(200, { status: 'ready' }),
    'GET /me': () => json(200, me),
    'GET /organizations': () => json(200, [organization()]),
    'GET /organizations/acme/members': () => json(200, { members: [member()] }),
    ...extra,
  });
}

const location = (hash: string) => ({ hash, pathname: '/', search: '' });
const history = { replaceState: () => {}, state: null };

describe('signing in with an invite link', { timeout: 20_000 }, () => {
  it('exchanges the one-time token for a lasting one and keeps only that', async () => {
    const api = consoleApi({
      'POST /auth/invite/accept': () =>
        json(201, { token: { token: 'dlc_lasting', id: 't1', name: 'Console sign-in' } }),
    });
    signIn('someone-elses-token');
    consumeHashToken(location('#token=dli_once'), history);
    // Whoever was signed in is not any more; the link's token is never stored.
    expect(getToken()).toBeNull();
    expect(sessionStorage.getItem('deeplake-console.token')).toBeNull();

    renderApp('/');

    // The screen's code loads on first visit: slow on a busy machine.
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Organizations' }, { timeout: 5_000 }),
    ).toBeInTheDocument();
    expect(getToken()).toBe('dlc_lasting');
    expect(getPendingInvite()).toBeNull();
    const [exchange] = api.calls('POST /auth/invite/accept');
    expect(exchange?.body).toEqual({ token: 'dli_once' });
    expect(exchange?.headers.get('Authorization')).toBeNull();
    expect(api.calls('GET /me')[0]?.headers.get('Authorization')).toBe('Bearer dlc_lasting');
    expect(api.calls('POST /auth/invite/accept')).toHaveLength(1);
  });

  it('says so when the link was already used, and offers the token form', async () => {
    consoleApi({
      'POST /auth/invite/accept': () =>
        apiError(
          401,
          'unauthorized',
          'This sign-in link was already used, on 2024-05-01T09:00:00.000Z: it works once.',
        ),
    });
    consumeHashToken(location('#token=dli_used'), history);
    renderScreen(<SignInScreen />);

    expect(await screen.findByText(/This sign-in link was already used/)).toBeInTheDocument();
    expect(screen.getByLabelText('API token')).toHaveValue('');
    expect(screen.getByLabelText('API token')).not.toHaveAccessibleDescription(
      /token was not accepted/,
    );
    expect(getToken()).toBeNull();
  });

  it('exchanges an invite token pasted into the token field too', async () => {
    const api = consoleApi({
      'POST /auth/invite/accept': () => json(201, { token: { token: 'dlc_from_paste' } }),
    });
    const { user } = renderScreen(<SignInScreen />);

    await user.type(screen.getByLabelText('API token'), 'dli_pasted');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    await waitFor(() => expect(getToken()).toBe('dlc_from_paste'));
    expect(api.calls('POST /auth/invite/accept')[0]?.body).toEqual({ token: 'dli_pasted' });
  });
});
