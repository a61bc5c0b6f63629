import { screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import type { TokenInfo } from '../../../../contract/tokens';
import { getToken, setSelectedOrgId, signIn } from '../../../lib/sign-in-state';
import { apiError, json, mockApi } from '../../../test/fetch-mock';
import { organization } from '../../../test/fixtures';
import { renderScreen } from '../../../test/render';
import { TokensScreen } from './tokens-screen';

const orgs = [organization(), organization({ id: 'globex', name: 'Globex', role: 'writer' })];

function token(overrides: Partial<TokenInfo> = {}): TokenInfo {
  return {
    id: '3f0c9a52-4f7e-4a8e-9f5e-0c1d2e3f4a5b',
    name: 'laptop',
    organization_id: 'acme',
    created_at: '2024-05-01T09:00:00Z',
    expires_at: '2099-05-31T09:00:00Z',
    last_used_at: null,
    current: false,
    ...overrides,
  };
}

const createdAnswer = {
  token: {
    token: 'dlc_secret123',
    id: '3f0c9a52-4f7e-4a8e-9f5e-0c1d2e3f4a5b',
    name: 'nightly',
    organization_id: 'globex',
    expires_at: '2099-05-31T09:00:00Z',
    created_at: '2024-05-01T09:00:00Z',
  },
};

function renderTokens() {
  return renderScreen(<TokensScreen />, { route: '/tokens', path: '/tokens' });
}

/** The table row of the token named `name`. */
function row(name: string): HTMLElement {
  const found = screen
    .getAllByRole('row')
    .find((tr) => within(tr).queryByText(name, { exact: true }) !== null);
  if (!found) throw new Error(`no row for ${name}`);
  return found;
}

// Radix selects and dialogs take seconds in jsdom on a busy machine.
describe('API tokens screen', { timeout: 20_000 }, () => {
  beforeEach(() => {
    signIn('session-token');
    setSelectedOrgId('acme');
  });

  it('lists your tokens: organization, dates, last use, the session and the expired ones', async () => {
    mockApi({
      'GET /organizations': () => json(200, orgs),
      'GET /users/me/tokens': () =>
        json(200, {
          tokens: [
            token(),
            token({
              id: 'b1',
              name: 'Console sign-in',
              organization_id: null,
              expires_at: null,
              last_used_at: '2024-06-02T10:00:00Z',
              current: true,
            }),
            token({ id: 'c1', name: 'old-ci', expires_at: '2024-05-08T09:00:00Z' }),
          ],
        }),
    });
    renderTokens();

    expect(screen.getByRole('heading', { level: 1, name: 'API tokens' })).toBeInTheDocument();
    await screen.findByRole('table', { name: 'Your API tokens' });
    const laptop = row('laptop');
    expect(laptop).toHaveTextContent('Acme (acme)');
    expect(laptop).toHaveTextContent('Never');
    expect(within(laptop).queryByText('Expired')).not.toBeInTheDocument();
    const session = row('Console sign-in');
    expect(within(session).getByText('This session')).toBeInTheDocument();
    expect(session).toHaveTextContent('Any of yours');
    expect(within(row('old-ci')).getByText('Expired')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Revoke laptop' })).toBeInTheDocument();
  });

  it('says how to start when there are none', async () => {
    mockApi({
      'GET /organizations': () => json(200, orgs),
      'GET /users/me/tokens': () => json(200, { tokens: [] }),
    });
    renderTokens();
    expect(await screen.findByText('No tokens yet')).toBeInTheDocument();
  });

  it('creates a token for the chosen organization and expiry', async () => {
    const api = mockApi({
      'GET /organizations': () => json(200, orgs),
      'GET /users/me/tokens': () => json(200, { tokens: [] }),
      'POST /users/me/tokens': () => json(201, createdAnswer),
    });
    const { user } = renderTokens();
    await screen.findByText('No tokens yet');

    await user.click(screen.getByRole('button', { name: 'New token' }));
    const dialog = await screen.findByRole('dialog', { name: 'New API token' });
    await user.click(within(dialog).getByRole('button', { name: 'Create token' }));
    expect(within(dialog).getByText('Give the token a name.')).toBeInTheDocument();
    expect(api.calls('POST /users/me/tokens')).toHaveLength(0);

    await user.type(within(dialog).getByLabelText('Name'), ' nightly ');
    const org = within(dialog).getByRole('combobox', { name: 'Organization' });
    expect(org).toHaveTextContent('Acme');
    await user.click(org);
    await user.click(await screen.findByRole('option', { name: /Globex/ }));
    const expiry = within(dialog).getByRole('combobox', { name: 'Expires in' });
    expect(expiry).toHaveTextContent('90 days');
    await user.click(expiry);
    await user.click(await screen.findByRole('option', { name: '30 days' }));
    await user.click(within(dialog).getByRole('button', { name: 'Create token' }));

    expect(await screen.findByRole('dialog', { name: 'Your new API token' })).toBeInTheDocument();
    expect(api.calls('POST /users/me/tokens')[0]?.body).toEqual({
      name: 'nightly',
      duration: 30 * 24 * 3600,
      organization_id: 'globex',
    });
  });

  it('shows the new secret once, with a copy button and snippets that use it', async () => {
    const tokens: TokenInfo[] = [];
    mockApi({
      'GET /organizations': () => json(200, orgs),
      'GET /users/me/tokens': () => json(200, { tokens }),
      'POST /users/me/tokens': () => {
        tokens.push(token({ name: 'nightly', organization_id: 'globex' }));
        return json(201, createdAnswer);
      },
    });
    const { user } = renderTokens();
    await screen.findByText('No tokens yet');
    await user.click(screen.getByRole('button', { name: 'New token' }));
    const form = await screen.findByRole('dialog', { name: 'New API token' });
    await user.type(within(form).getByLabelText('Name'), 'n');
    await user.click(within(form).getByRole('button', { name: 'Create token' }));

    const dialog = await screen.findByRole('dialog', { name: 'Your new API token' });
    expect(within(dialog).getByText(/shown only this once/)).toBeInTheDocument();
    expect(within(dialog).getByLabelText('Token')).toHaveValue('dlc_secret123');
    await user.click(within(dialog).getByRole('button', { name: 'Copy token' }));
    expect(await navigator.clipboard.readText()).toBe('dlc_secret123');

    const env = within(dialog).getByText(/export DEEPLAKE_API_TOKEN/);
    expect(env.textContent).toBe(
      [
        "export DEEPLAKE_API_TOKEN='dlc_secret123'",
        "export DEEPLAKE_ORG_ID='globex'",
        `export DEEPLAKE_API_URL='${window.location.origin}/api'`,
      ].join('\n'),
    );
    expect(within(dialog).getByText(/curl -H/).textContent).toContain('"$DEEPLAKE_API_URL/me"');
    expect(within(dialog).getByText(/import requests/).textContent).toContain(
      '"X-Activeloop-Org-Id": os.environ["DEEPLAKE_ORG_ID"]',
    );
    await user.click(within(dialog).getByRole('button', { name: 'Copy environment variables' }));
    expect(await navigator.clipboard.readText()).toBe(env.textContent);

    await user.click(within(dialog).getByRole('button', { name: 'Done' }));
    await waitFor(() => expect(dialog).not.toBeInTheDocument());
    expect(await screen.findByText('nightly')).toBeInTheDocument();

    // Opened again, the dialog starts over: the secret is gone for good.
    await user.click(screen.getByRole('button', { name: 'New token' }));
    expect(await screen.findByRole('dialog', { name: 'New API token' })).toBeInTheDocument();
    expect(screen.queryByDisplayValue('dlc_secret123')).not.toBeInTheDocument();
  });

  it('shows the secret of an older hosted answer, {token: "…"}', async () => {
    mockApi({
      'GET /organizations': () => json(200, orgs),
      'GET /users/me/tokens': () => json(200, { tokens: [] }),
      'POST /users/me/tokens': () => json(200, { token: 'legacy-secret' }),
    });
    const { user } = renderTokens();
    await screen.findByText('No tokens yet');
    await user.click(screen.getByRole('button', { name: 'New token' }));
    const dialog = await screen.findByRole('dialog', { name: 'New API token' });
    await user.type(within(dialog).getByLabelText('Name'), 'cli');
    await user.click(within(dialog).getByRole('button', { name: 'Create token' }));
    expect(await screen.findByLabelText('Token')).toHaveValue('legacy-secret');
  });

  it("shows the server's refusal in the dialog", async () => {
    mockApi({
      'GET /organizations': () => json(200, orgs),
      'GET /users/me/tokens': () => json(200, { tokens: [] }),
      'POST /users/me/tokens': () => apiError(404, 'not_found', 'Organization "acme" not found'),
    });
    const { user } = renderTokens();
    await screen.findByText('No tokens yet');
    await user.click(screen.getByRole('button', { name: 'New token' }));
    const dialog = await screen.findByRole('dialog', { name: 'New API token' });
    await user.type(within(dialog).getByLabelText('Name'), 'cli');
    await user.click(within(dialog).getByRole('button', { name: 'Create token' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'Organization "acme" not found',
    );
    expect(within(dialog).getByLabelText('Name')).toHaveValue('cli');
  });

  it('revokes a token after confirming', async () => {
    let tokens = [token(), token({ id: 'd2', name: 'ci' })];
    const api = mockApi({
      'GET /organizations': () => json(200, orgs),
      'GET /users/me/tokens': () => json(200, { tokens }),
      'DELETE /users/me/tokens/d2': () => {
        tokens = tokens.filter((t) => t.id !== 'd2');
        return json(204);
      },
    });
    const { user } = renderTokens();

    await user.click(await screen.findByRole('button', { name: 'Revoke ci' }));
    const confirm = await screen.findByRole('alertdialog', { name: 'Revoke token' });
    expect(confirm).toHaveTextContent('ci stops working at once');
    expect(api.calls('DELETE /users/me/tokens/d2')).toHaveLength(0);
    await user.click(within(confirm).getByRole('button', { name: 'Revoke token' }));

    expect(await screen.findByText('Token ci revoked')).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByText('ci', { exact: true })).not.toBeInTheDocument());
    expect(api.calls('DELETE /users/me/tokens/d2')).toHaveLength(1);
    expect(screen.getByText('laptop')).toBeInTheDocument();
  });

  it('signs this console out when you revoke the token it is signed in with', async () => {
    mockApi({
      'GET /organizations': () => json(200, orgs),
      'GET /users/me/tokens': () =>
        json(200, { tokens: [token({ id: 'e3', name: 'this one', current: true })] }),
      'DELETE /users/me/tokens/e3': () => json(204),
    });
    const { user } = renderTokens();

    await user.click(await screen.findByRole('button', { name: 'Revoke this one' }));
    const confirm = await screen.findByRole('alertdialog', { name: 'Revoke token' });
    expect(confirm).toHaveTextContent('revoking it signs you out here');
    await user.click(within(confirm).getByRole('button', { name: 'Revoke token' }));
    await waitFor(() => expect(getToken()).toBeNull());
  });
});
