import { screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import type { DeviceRequest } from '../../../../contract/device';
import { setSelectedOrgId, signIn, signOut } from '../../../lib/sign-in-state';
import { apiError, json, mockApi } from '../../../test/fetch-mock';
import { me, member, organization } from '../../../test/fixtures';
import { renderApp, renderScreen } from '../../../test/render';
import { DeviceScreen } from './device-screen';

const orgs = [organization(), organization({ id: 'globex', name: 'Globex', role: 'writer' })];

function request(overrides: Partial<DeviceRequest> = {}): DeviceRequest {
  return {
    user_code: 'WDJB-MJHT',
    client_name: 'deeplake CLI',
    created_at: '2024-05-01T09:00:00Z',
    expires_at: '2024-05-01T09:15:00Z',
    status: 'pending',
    ...overrides,
  };
}

function renderDevice(route = '/device?code=WDJB-MJHT') {
  return renderScreen(<DeviceScreen />, { route, path: '/device' });
}

// Radix selects take seconds in jsdom on a busy machine.
describe('Device sign-in screen', { timeout: 20_000 }, () => {
  beforeEach(() => {
    signIn('session-token');
    setSelectedOrgId('acme');
  });

  it('shows the code and the client, and approves it for the organization picked', async () => {
    const api = mockApi({
      'GET /organizations': () => json(200, orgs),
      'GET /auth/device/requests/WDJB-MJHT': () => json(200, { request: request() }),
      'POST /auth/device/requests/WDJB-MJHT/approve': ({ body }) =>
        json(200, {
          request: request({
            status: 'approved',
            organization_id: (body as { organization_id: string }).organization_id,
          }),
        }),
    });
    const { user } = renderDevice();

    expect(screen.getByRole('heading', { level: 1, name: 'Device sign-in' })).toBeInTheDocument();
    expect(
      await screen.findByRole('heading', { name: 'deeplake CLI asks to sign in as you' }),
    ).toBeInTheDocument();
    expect(screen.getByLabelText('Code WDJB-MJHT')).toHaveTextContent('WDJB-MJHT');
    const org = screen.getByRole('combobox', { name: 'Organization for this client' });
    await waitFor(() => expect(org).toHaveTextContent('Acme'));
    await user.click(org);
    await user.click(await screen.findByRole('option', { name: /Globex/ }));
    await user.click(screen.getByRole('button', { name: 'Approve' }));

    const done = await screen.findByRole('status');
    expect(done).toHaveTextContent('Approved');
    expect(done).toHaveTextContent('deeplake CLI (WDJB-MJHT) is signed in as you for globex');
    expect(api.calls('POST /auth/device/requests/WDJB-MJHT/approve')[0]?.body).toEqual({
      organization_id: 'globex',
    });
  });

  it('denies it', async () => {
    const api = mockApi({
      'GET /organizations': () => json(200, orgs),
      'GET /auth/device/requests/WDJB-MJHT': () =>
        json(200, { request: request({ client_name: '' }) }),
      'POST /auth/device/requests/WDJB-MJHT/deny': () =>
        json(200, { request: request({ client_name: '', status: 'denied' }) }),
    });
    const { user } = renderDevice();

    await screen.findByRole('heading', { name: 'A command-line client asks to sign in as you' });
    await user.click(screen.getByRole('button', { name: 'Deny' }));

    expect(await screen.findByRole('status')).toHaveTextContent('Denied');
    expect(api.calls('POST /auth/device/requests/WDJB-MJHT/deny')).toHaveLength(1);
    expect(api.calls('POST /auth/device/requests/WDJB-MJHT/approve')).toHaveLength(0);
  });

  it('asks for the code when the address has none', async () => {
    const api = mockApi({
      'GET /organizations': () => json(200, orgs),
      'GET /auth/device/requests/WDJB-MJHT': () => json(200, { request: request() }),
    });
    const { user, router } = renderDevice('/device');

    await user.click(screen.getByRole('button', { name: 'Continue' }));
    expect(screen.getByText('Enter the code your client shows.')).toBeInTheDocument();
    await user.type(screen.getByLabelText('Code'), 'wdjb-mjht');
    await user.click(screen.getByRole('button', { name: 'Continue' }));

    expect(
      await screen.findByRole('heading', { name: 'deeplake CLI asks to sign in as you' }),
    ).toBeInTheDocument();
    expect(router.state.location.search).toBe('?code=WDJB-MJHT');
    expect(api.calls('GET /auth/device/requests/WDJB-MJHT')).toHaveLength(1);
  });

  it('says why a code cannot be approved, and lets you enter another', async () => {
    mockApi({
      'GET /organizations': () => json(200, orgs),
      'GET /auth/device/requests/WDJB-MJHT': () =>
        apiError(
          404,
          'not_found',
          'The code WDJB-MJHT expired: start the sign-in on your command-line client again',
        ),
    });
    const { user } = renderDevice();

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('No sign-in request to approve');
    expect(alert).toHaveTextContent('The code WDJB-MJHT expired');
    expect(within(alert).queryByRole('button', { name: 'Retry' })).not.toBeInTheDocument();
    await user.click(within(alert).getByRole('button', { name: 'Enter another code' }));
    expect(await screen.findByLabelText('Code')).toHaveValue('');
  });

  it('shows a request you already decided as decided', async () => {
    mockApi({
      'GET /organizations': () => json(200, orgs),
      'GET /auth/device/requests/WDJB-MJHT': () =>
        json(200, { request: request({ status: 'approved', organization_id: 'acme' }) }),
    });
    renderDevice();
    expect(await screen.findByRole('heading', { name: 'Approved' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Approve' })).not.toBeInTheDocument();
  });

  it("shows the server's refusal of an approval in place", async () => {
    mockApi({
      'GET /organizations': () => json(200, orgs),
      'GET /auth/device/requests/WDJB-MJHT': () => json(200, { request: request() }),
      'POST /auth/device/requests/WDJB-MJHT/approve': () =>
        apiError(409, 'conflict', 'This sign-in request was already denied'),
    });
    const { user } = renderDevice();
    await user.click(await screen.findByRole('button', { name: 'Approve' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'This sign-in request was already denied',
    );
  });
});

describe('Device sign-in while signed out', { timeout: 20_000 }, () => {
  it('signs in on the spot and comes back to the request', async () => {
    signOut();
    const api = mockApi({
      'GET /health': () => json(200, { status: 'ok' }),
      'GET /ready': () => json(200, { status: 'ready' }),
      'GET /me': () => json(200, me),
      'GET /organizations': () => json(200, orgs),
      'GET /organizations/acme/members': () => json(200, { members: [member()] }),
      'GET /auth/device/requests/WDJB-MJHT': () => json(200, { request: request() }),
    });
    const { user, router } = renderApp('/device?code=WDJB-MJHT');

    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toBeInTheDocument();
    expect(screen.getByText(/A command-line client asks to sign in as you/)).toBeInTheDocument();
    expect(api.calls('GET /auth/device/requests/WDJB-MJHT')).toHaveLength(0);
    await user.type(screen.getByLabelText('API token'), 'good-token');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    // The screen's code loads on first visit: slow on a busy machine.
    expect(
      await screen.findByRole(
        'heading',
        { name: 'deeplake CLI asks to sign in as you' },
        { timeout: 5_000 },
      ),
    ).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/device');
    expect(router.state.location.search).toBe('?code=WDJB-MJHT');
  });
});
