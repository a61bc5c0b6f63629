import { act, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Workspace } from '../../../../contract/workspaces';
import { setSelectedOrgId, signIn } from '../../../lib/sign-in-state';
import { apiError, json, mockApi } from '../../../test/fetch-mock';
import { organization, workspace } from '../../../test/fixtures';
import { renderScreen } from '../../../test/render';
import { WorkspacesScreen } from './workspaces-screen';

const orgs = [organization(), organization({ id: 'globex', name: 'Globex', role: 'writer' })];

function renderWorkspaces() {
  return renderScreen(<WorkspacesScreen />, { route: '/workspaces', path: '/workspaces' });
}

describe('Workspaces screen', () => {
  beforeEach(() => signIn('token'));

  it("lists the selected organization's workspaces, asking with its org header", async () => {
    setSelectedOrgId('globex');
    const api = mockApi({
      'GET /organizations': () => json(200, { organizations: orgs }),
      'GET /workspaces': ({ headers }) =>
        json(200, {
          workspaces:
            headers.get('X-Activeloop-Org-Id') === 'globex'
              ? [workspace({ id: 'reports', name: 'Reports', org_id: 'globex' })]
              : [workspace()],
        }),
    });
    renderWorkspaces();

    expect(screen.getByRole('heading', { level: 1, name: 'Workspaces' })).toBeInTheDocument();
    expect(await screen.findByText('Reports')).toBeInTheDocument();
    expect(api.calls('GET /workspaces')[0]?.headers.get('X-Activeloop-Org-Id')).toBe('globex');
  });

  it('refetches when another organization is selected', async () => {
    setSelectedOrgId('acme');
    mockApi({
      'GET /organizations': () => json(200, { organizations: orgs }),
      'GET /workspaces': ({ headers }) =>
        json(200, {
          workspaces:
            headers.get('X-Activeloop-Org-Id') === 'globex'
              ? [workspace({ id: 'reports', name: 'Reports', org_id: 'globex' })]
              : [workspace()],
        }),
    });
    renderWorkspaces();
    expect(await screen.findByText('Analytics')).toBeInTheDocument();

    act(() => setSelectedOrgId('globex'));

    expect(await screen.findByText('Reports')).toBeInTheDocument();
    expect(screen.queryByText('Analytics')).not.toBeInTheDocument();
  });

  it('gives members no way to create, rename or delete workspaces', async () => {
    setSelectedOrgId('globex');
    mockApi({
      'GET /organizations': () => json(200, { organizations: orgs }),
      'GET /workspaces': () => json(200, { workspaces: [workspace({ org_id: 'globex' })] }),
    });
    renderWorkspaces();

    expect(await screen.findByText('Analytics')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'New workspace' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /^(Rename|Delete) / })).not.toBeInTheDocument();
    expect(
      screen.getByText(/Only admins create, rename and delete workspaces/),
    ).toBeInTheDocument();
  });

  it('points to organizations when you have none', async () => {
    mockApi({ 'GET /organizations': () => json(200, { organizations: [] }) });
    renderWorkspaces();

    expect(await screen.findByText('No organization yet')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Go to organizations' })).toHaveAttribute(
      'href',
      '/organizations',
    );
  });

  it('creates a workspace after checking its ID as you type', async () => {
    setSelectedOrgId('acme');
    const workspaces: Workspace[] = [];
    const api = mockApi({
      'GET /organizations': () => json(200, { organizations: orgs }),
      'GET /workspaces': () => json(200, { workspaces }),
      'POST /workspaces': ({ body }) => {
        const created = workspace(body as Partial<Workspace>);
        workspaces.push(created);
        return json(201, { workspace: created });
      },
    });
    const { user } = renderWorkspaces();

    expect(await screen.findByText('No workspaces yet')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'New workspace' }));
    const dialog = await screen.findByRole('dialog', { name: 'New workspace' });
    const id = within(dialog).getByLabelText('ID');
    await user.type(id, 'public');
    expect(within(dialog).getByText('ID "public" is reserved')).toBeInTheDocument();
    await user.clear(id);
    await user.type(id, 'x'.repeat(64));
    expect(within(dialog).getByText('ID must be at most 63 bytes')).toBeInTheDocument();
    await user.clear(id);
    await user.type(id, 'sales_2024');
    await user.type(within(dialog).getByLabelText('Name'), 'Sales');
    await user.click(within(dialog).getByRole('button', { name: 'Create workspace' }));

    expect(await screen.findByRole('cell', { name: 'sales_2024' })).toBeInTheDocument();
    const [request] = api.calls('POST /workspaces');
    expect(request?.body).toEqual({ id: 'sales_2024', name: 'Sales' });
    expect(request?.headers.get('X-Activeloop-Org-Id')).toBe('acme');
  });

  it('shows a 403 inline in the dialog', async () => {
    setSelectedOrgId('acme');
    mockApi({
      'GET /organizations': () => json(200, { organizations: orgs }),
      'GET /workspaces': () => json(200, { workspaces: [] }),
      'POST /workspaces': () => apiError(403, 'forbidden', 'Only admins can create workspaces'),
    });
    const { user } = renderWorkspaces();

    await user.click(await screen.findByRole('button', { name: 'New workspace' }));
    await user.type(await screen.findByLabelText('ID'), 'sales');
    await user.type(screen.getByLabelText('Name'), 'Sales');
    await user.click(screen.getByRole('button', { name: 'Create workspace' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('Only admins can create workspaces');
    expect(await screen.findByLabelText('ID')).toHaveValue('sales');
  });

  it('deletes a workspace after its id is typed, saying its tables and files go too', async () => {
    setSelectedOrgId('acme');
    let workspaces = [workspace()];
    const api = mockApi({
      'GET /organizations': () => json(200, { organizations: orgs }),
      'GET /workspaces': () => json(200, { workspaces }),
      'DELETE /workspaces/analytics': () => {
        workspaces = [];
        return json(204);
      },
    });
    const { user } = renderWorkspaces();

    await user.click(await screen.findByRole('button', { name: 'Delete analytics' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Delete workspace' });
    expect(dialog).toHaveTextContent('all its tables and files');
    await user.type(within(dialog).getByLabelText('Type analytics to confirm'), 'analytics');
    await user.click(within(dialog).getByRole('button', { name: 'Delete workspace' }));

    expect(await screen.findByText('No workspaces yet')).toBeInTheDocument();
    await waitFor(() =>
      expect(api.calls('DELETE /workspaces/analytics')[0]?.headers.get('X-Activeloop-Org-Id')).toBe(
        'acme',
      ),
    );
  });
});
