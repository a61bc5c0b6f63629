import { screen } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  getLastWorkspaceId,
  setLastWorkspaceId,
  setSelectedOrgId,
  signIn,
} from '../../../lib/session';
import { apiError, json, mockApi } from '../../../test/fetch-mock';
import { me, organization, workspace } from '../../../test/fixtures';
import { renderApp } from '../../../test/render';

const analytics = workspace();
const reports = workspace({ id: 'reports', name: 'Reports' });

function mockWorkspaces(workspaces = [analytics, reports]) {
  return mockApi({
    'GET /me': () => json(200, me),
    'GET /health': () => json(200, { status: 'ok' }),
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

    expect(await screen.findByRole('combobox', { name: 'Workspace' })).toHaveTextContent('Reports');
    expect(screen.getByRole('heading', { level: 1, name: 'SQL' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/workspaces/reports/sql');
  });

  it("falls back to the organization's first workspace and remembers the one opened", async () => {
    setLastWorkspaceId('acme', 'deleted-meanwhile');
    mockWorkspaces();
    const { router } = renderApp('/files');

    expect(await screen.findByRole('combobox', { name: 'Workspace' })).toHaveTextContent(
      'Analytics',
    );
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

  it('switches to the same area of another workspace, and marks the area in the navigation', async () => {
    mockWorkspaces();
    const { router, user } = renderApp('/workspaces/analytics/files');

    await user.click(await screen.findByRole('combobox', { name: 'Workspace' }));
    await user.click(await screen.findByRole('option', { name: /Reports/ }));

    expect(router.state.location.pathname).toBe('/workspaces/reports/files');
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(nav.querySelector('[aria-current="page"]')).toHaveTextContent('Files');
  });
});
