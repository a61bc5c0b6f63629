import { screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import type { MyOrganization } from '../../../../contract/organizations';
import { getToken, setApiBaseUrl, setSelectedOrgId, signIn } from '../../../lib/sign-in-state';
import { apiError, json, mockApi } from '../../../test/fetch-mock';
import { organization, workspace } from '../../../test/fixtures';
import { renderScreen } from '../../../test/render';
import { WorkspacesScreen } from './workspaces-screen';

/** What the probe asks for: the drive's listing, as the seed's snippets do. */
const PROBE = '/engine/analytics/api/v1/file/?file_path=drive';
const probeRoute = () => `GET ${window.location.origin}${PROBE}`;
const listing = { path: 'drive', folders: [], files: [], truncated: false };

function setUp(probe: () => Response | Promise<Response>, role: MyOrganization['role'] = 'admin') {
  setSelectedOrgId('acme');
  return mockApi({
    'GET /organizations': () => json(200, { organizations: [organization({ role })] }),
    'GET /workspaces': () => json(200, { workspaces: [workspace()] }),
    [probeRoute()]: probe,
  });
}

async function openDetails() {
  const utils = renderScreen(<WorkspacesScreen />, { route: '/workspaces', path: '/workspaces' });
  await utils.user.click(await screen.findByRole('button', { name: 'Details of analytics' }));
  const dialog = await screen.findByRole('dialog', { name: 'Workspace details' });
  return { ...utils, dialog };
}

describe('Workspace details', () => {
  beforeEach(() => signIn('token'));

  it('shows the engine URL when the engine lists the drive, and copies it', async () => {
    const api = setUp(() => json(200, listing));
    const { dialog, user } = await openDetails();

    const group = await within(dialog).findByRole('group', { name: 'Engine URL' });
    expect(within(group).getByText(`${window.location.origin}/engine/analytics`)).toBeVisible();
    expect(group).toHaveAccessibleDescription(/https:\/\/\{your-engine-url\}/);
    await user.click(within(dialog).getByRole('button', { name: 'Copy engine URL' }));
    expect(await navigator.clipboard.readText()).toBe(`${window.location.origin}/engine/analytics`);
    expect(await screen.findByText('Engine URL copied')).toBeInTheDocument();

    // Asked with the API client's headers: the token and the organization.
    const [probe] = api.calls(probeRoute());
    expect(probe?.headers.get('Authorization')).toBe('Bearer token');
    expect(probe?.headers.get('X-Activeloop-Org-Id')).toBe('acme');
  });

  it('is there for viewers too, who may list', async () => {
    setUp(() => json(200, listing), 'viewer');
    const { dialog } = await openDetails();

    const group = await within(dialog).findByRole('group', { name: 'Engine URL' });
    expect(within(group).getByText(`${window.location.origin}/engine/analytics`)).toBeVisible();
    expect(screen.queryByRole('button', { name: 'Rename analytics' })).not.toBeInTheDocument();
  });

  it('hides the engine URL, with no error, when the engine answers 404 (proxy mode)', async () => {
    const api = setUp(() => apiError(404, 'not_found', 'No API endpoint GET /engine/analytics'));
    const { dialog } = await openDetails();

    expect(within(dialog).getByText('analytics')).toBeInTheDocument();
    await waitFor(() => expect(api.calls(probeRoute())).toHaveLength(1));
    // Let the answer land before checking that it showed nothing.
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(within(dialog).queryByRole('group', { name: 'Engine URL' })).not.toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(within(dialog).queryByText(/not_found|No API endpoint/)).not.toBeInTheDocument();
  });

  it('hides it when the engine cannot be reached', async () => {
    const api = setUp(() => Promise.reject(new TypeError('Failed to fetch')));
    const { dialog } = await openDetails();

    await waitFor(() => expect(api.calls(probeRoute())).toHaveLength(1));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(within(dialog).queryByRole('group', { name: 'Engine URL' })).not.toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('hides it when a page, not a listing, answers (a development server)', async () => {
    const api = setUp(() => new Response('<!doctype html><title>Console</title>', { status: 200 }));
    const { dialog } = await openDetails();

    await waitFor(() => expect(api.calls(probeRoute())).toHaveLength(1));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(within(dialog).queryByRole('group', { name: 'Engine URL' })).not.toBeInTheDocument();
  });

  it('never signs anyone out: a 401 from the engine only hides it', async () => {
    const api = setUp(() => apiError(401, 'unauthorized', 'Invalid token'));
    const { dialog } = await openDetails();

    await waitFor(() => expect(api.calls(probeRoute())).toHaveLength(1));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(within(dialog).queryByRole('group', { name: 'Engine URL' })).not.toBeInTheDocument();
    expect(getToken()).toBe('token');
  });

  it("asks the API's own server when the API base URL names another one", async () => {
    setApiBaseUrl('http://10.0.0.5:9000/api');
    setSelectedOrgId('acme');
    const api = mockApi(
      {
        'GET /organizations': () => json(200, { organizations: [organization()] }),
        'GET /workspaces': () => json(200, { workspaces: [workspace()] }),
        [`GET http://10.0.0.5:9000${PROBE}`]: () => json(200, listing),
      },
      { baseUrl: 'http://10.0.0.5:9000/api' },
    );
    const { dialog } = await openDetails();

    const group = await within(dialog).findByRole('group', { name: 'Engine URL' });
    expect(within(group).getByText('http://10.0.0.5:9000/engine/analytics')).toBeVisible();
    expect(api.calls(probeRoute())).toEqual([]);
  });

  it('asks nothing when the API is a hosted service at its root', async () => {
    setApiBaseUrl('https://api.deeplake.ai');
    setSelectedOrgId('acme');
    const api = mockApi(
      {
        'GET /organizations': () => json(200, { organizations: [organization()] }),
        'GET /workspaces': () => json(200, { workspaces: [workspace()] }),
      },
      { baseUrl: 'https://api.deeplake.ai' },
    );
    const { dialog } = await openDetails();

    expect(within(dialog).getByText('analytics')).toBeInTheDocument();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(api.requests.filter((request) => request.url.includes('/engine/'))).toEqual([]);
    expect(within(dialog).queryByRole('group', { name: 'Engine URL' })).not.toBeInTheDocument();
  });

  it('closes with Escape', async () => {
    setUp(() => json(200, listing));
    const { dialog, user } = await openDetails();
    await within(dialog).findByRole('group', { name: 'Engine URL' });
    await user.keyboard('{Escape}');
    await waitFor(() => expect(dialog).not.toBeInTheDocument());
  });
});
