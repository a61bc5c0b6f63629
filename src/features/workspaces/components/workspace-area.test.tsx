import { screen } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  getLastWorkspaceId,
  setLastWorkspaceId,
  setSelectedOrgId,
  signIn,
} from '../../../lib/sign-in-state';
import { apiError, json, mockApi } from '../../../test/fetch-mock';
import { organization, workspace } from '../../../test/fixtures';
import { QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { createTestQueryClient } from '../../../test/render';
import { useCurrentWorkspace } from '../use-current-workspace';
import { WorkspaceAreaEntry, WorkspaceAreaLayout } from './workspace-area';
import { WorkspacePicker } from './workspace-picker';

/** Stands in for an area's screen: shows which workspace the layout handed down. */
function AreaProbe({ area }: { area: 'tables' | 'sql' | 'files' }) {
  const { workspace } = useCurrentWorkspace();
  return (
    <>
      <h1>{area}</h1>
      <p>In {workspace.name}</p>
      <WorkspacePicker area={area} />
    </>
  );
}

/** The area routes as the app has them, with probes for the screens. */
function renderApp(route: string) {
  const router = createMemoryRouter(
    [
      { path: '/workspaces', element: <h1>Workspaces</h1> },
      { path: '/tables', element: <WorkspaceAreaEntry area="tables" /> },
      { path: '/sql', element: <WorkspaceAreaEntry area="sql" /> },
      { path: '/files', element: <WorkspaceAreaEntry area="files" /> },
      {
        path: '/workspaces/:workspaceId',
        element: <WorkspaceAreaLayout />,
        children: [
          { path: 'tables', element: <AreaProbe area="tables" /> },
          { path: 'sql', element: <AreaProbe area="sql" /> },
          { path: 'files', element: <AreaProbe area="files" /> },
        ],
      },
    ],
    { initialEntries: [route] },
  );
  const user = userEvent.setup();
  render(
    <QueryClientProvider client={createTestQueryClient()}>
      <RouterProvider router={router} />
    </QueryClientProvider>,
  );
  return { router, user };
}

const analytics = workspace();
const reports = workspace({ id: 'reports', name: 'Reports' });

function mockWorkspaces(workspaces = [analytics, reports]) {
  return mockApi({
    'GET /organizations': () => json(200, { organizations: [organization()] }),
    'GET /workspaces': () => json(200, { workspaces }),
    'GET /workspaces/analytics': () => json(200, { workspace: analytics }),
    'GET /workspaces/reports': () => json(200, { workspace: reports }),
    'GET /workspaces/gone': () => apiError(404, 'not_found', 'Workspace gone not found'),
  });
}

describe('workspace areas', () => {
  beforeEach(() => {
    signIn('token');
    setSelectedOrgId('acme');
  });

  it('opens the workspace used last in the organization', async () => {
    setLastWorkspaceId('acme', 'reports');
    mockWorkspaces();
    const { router } = renderApp('/sql');

    expect(await screen.findByText('In Reports')).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/workspaces/reports/sql');
  });

  it('keeps the query of the address, such as a query for the SQL editor', async () => {
    setLastWorkspaceId('acme', 'reports');
    mockWorkspaces();
    const { router } = renderApp('/sql?query=SELECT%201&params=%5B%5D');

    expect(await screen.findByText('In Reports')).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/workspaces/reports/sql');
    expect(router.state.location.search).toBe('?query=SELECT%201&params=%5B%5D');
  });

  it("falls back to the organization's first workspace and remembers the one opened", async () => {
    setLastWorkspaceId('acme', 'deleted-meanwhile');
    mockWorkspaces();
    const { router } = renderApp('/files');

    expect(await screen.findByText('In Analytics')).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/workspaces/analytics/files');
    expect(getLastWorkspaceId('acme')).toBe('analytics');
  });

  it('says how to make a workspace when the organization has none', async () => {
    mockWorkspaces([]);
    renderApp('/tables');

    expect(await screen.findByText('No workspace yet')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Go to workspaces' })).toHaveAttribute(
      'href',
      '/workspaces',
    );
  });

  it('says plainly when the workspace in the address does not exist', async () => {
    mockWorkspaces();
    renderApp('/workspaces/gone/tables');

    expect(await screen.findByText('Workspace not found')).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 1, name: 'Tables' })).toBeInTheDocument();
  });

  it('switches to the same area of another workspace', async () => {
    mockWorkspaces();
    const { router, user } = renderApp('/workspaces/analytics/files');

    await user.click(await screen.findByRole('combobox', { name: 'Workspace' }));
    await user.click(await screen.findByRole('option', { name: /Reports/ }));

    expect(router.state.location.pathname).toBe('/workspaces/reports/files');
    expect(await screen.findByText('In Reports')).toBeInTheDocument();
  });
});
