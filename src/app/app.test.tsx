import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { getToken, markTokenAccepted, signIn } from '../lib/sign-in-state';
import { apiError, json, mockApi } from '../test/fetch-mock';
import { me, member, organization } from '../test/fixtures';
import { renderApp } from '../test/render';

function signedInApi(extra: Parameters<typeof mockApi>[0] = {}) {
  return mockApi({
    'GET /health': () => json(200, { status: 'ok' }),
    'GET /ready': () => json(200, { status: 'ready' }),
    'GET /me': () => json(200, me),
    'GET /organizations': () =>
      json(200, {
        organizations: [organization(), organization({ id: 'globex', name: 'Globex' })],
      }),
    'GET /organizations/acme': () => json(200, { organization: organization() }),
    'GET /organizations/acme/members': () => json(200, { members: [member()] }),
    'GET /organizations/globex': () =>
      json(200, { organization: organization({ id: 'globex', name: 'Globex' }) }),
    'GET /organizations/globex/members': () => json(200, { members: [member()] }),
    'GET /workspaces': () => json(200, { workspaces: [] }),
    ...extra,
  });
}

describe('the console', () => {
  it('shows the sign-in screen at any URL without a token, then that page once signed in', async () => {
    signedInApi();
    const { user, router } = renderApp('/workspaces');

    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toBeInTheDocument();
    await user.type(screen.getByLabelText('API token'), 'token');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    expect(
      await screen.findByRole('heading', { level: 1, name: 'Workspaces' }),
    ).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/workspaces');
  });

  it('redirects / to the organizations page inside the shell', async () => {
    signIn('token');
    signedInApi();
    const { router } = renderApp('/');

    expect(
      await screen.findByRole('heading', { level: 1, name: 'Organizations' }),
    ).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/organizations');
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(within(nav).getByRole('link', { name: 'Organizations' })).toHaveAttribute(
      'aria-current',
      'page',
    );
    expect(within(nav).getByRole('link', { name: 'Members' })).toHaveAttribute(
      'href',
      '/organizations/acme/members',
    );
    expect(within(nav).getByRole('link', { name: 'Workspaces' })).toHaveAttribute(
      'href',
      '/workspaces',
    );
    expect(await screen.findByRole('status', { name: 'API ready' })).toBeInTheDocument();
    expect(await screen.findByText('ada@example.com')).toBeInTheDocument();
  });

  it('switches organization from the shell and follows it on the members page', async () => {
    signIn('token');
    const api = signedInApi();
    const { user, router } = renderApp('/organizations/acme/members');

    expect(await screen.findByRole('heading', { level: 1, name: 'Members' })).toBeInTheDocument();
    await user.selectOptions(await screen.findByLabelText('Organization'), 'globex');

    await waitFor(() =>
      expect(router.state.location.pathname).toBe('/organizations/globex/members'),
    );
    await waitFor(() => expect(api.calls('GET /organizations/globex/members')).toHaveLength(1));
  });

  it('signs out', async () => {
    signIn('token');
    signedInApi();
    const { user } = renderApp('/organizations');

    await user.click(await screen.findByRole('button', { name: 'Sign out' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toBeInTheDocument();
    expect(getToken()).toBeNull();
  });

  it('goes back to sign-in, saying why, when the API stops accepting the token', async () => {
    signIn('token');
    markTokenAccepted();
    signedInApi({ 'GET /me': () => apiError(401, 'unauthorized', 'token revoked') });
    renderApp('/organizations');

    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toBeInTheDocument();
    expect(screen.getByText(/session has ended/)).toBeInTheDocument();
    expect(getToken()).toBeNull();
  });

  it('shows a not-found page for unknown addresses', async () => {
    signIn('token');
    signedInApi();
    renderApp('/nowhere');

    expect(
      await screen.findByRole('heading', { level: 1, name: 'Page not found' }),
    ).toBeInTheDocument();
  });

  it('follows the selection to a members page opened by URL', async () => {
    signIn('token');
    signedInApi();
    renderApp('/organizations/globex/members');

    await waitFor(() => expect(screen.getByLabelText('Organization')).toHaveValue('globex'));
  });

  it('signs in from a sign-in link pasted into a tab that already shows the console', async () => {
    signedInApi();
    renderApp('/organizations');
    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toBeInTheDocument();

    window.location.hash = '#token=pasted-token';
    window.dispatchEvent(new HashChangeEvent('hashchange'));

    expect(
      await screen.findByRole('heading', { level: 1, name: 'Organizations' }),
    ).toBeInTheDocument();
    expect(getToken()).toBe('pasted-token');
    expect(window.location.hash).toBe('');
  });
});
