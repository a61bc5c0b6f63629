import { screen, within } from '@testing-library/react';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Role } from '../../../../contract/organizations';
import { setSelectedOrgId, signIn } from '../../../lib/sign-in-state';
import { json, mockApi } from '../../../test/fetch-mock';
import { me, organization, workspace } from '../../../test/fixtures';
import { renderApp } from '../../../test/render';

/**
 * A viewer finds every control that changes tables and files disabled, each pointing at the
 * note that says why; a writer finds them enabled.
 */

const analytics = workspace();
const booted = { timeout: 5_000 };
const NOTE =
  'You are a viewer in Acme: viewers read tables and files and run read-only SQL, but change nothing. An admin can make you a writer.';
const file = {
  id: '00000000-0000-4000-8000-000000000001',
  filename: 'photo.png',
  content_type: 'image/png',
  size: 1000,
  created_at: '2024-05-01T10:00:00Z',
};

function mockWorkspace(role: Role) {
  const api = mockApi({
    'GET /me': () => json(200, me),
    'GET /health': () => json(200, { status: 'ok' }),
    'GET /organizations': () => json(200, [organization({ role })]),
    'GET /workspaces': () => json(200, { data: [analytics] }),
    'GET /workspaces/analytics': () => json(200, { workspace: analytics }),
    'GET /workspaces/analytics/tables': () =>
      json(200, { tables: [{ table_name: 'events', row_count: 3, size_mb: 0.01 }] }),
  });
  // The gallery asks with a query string; any list request gets the one file.
  const fallback = api.fetchMock.getMockImplementation()!;
  api.fetchMock.mockImplementation(async (input, init) =>
    /^\/api\/workspaces\/analytics\/files\?/.test(String(input))
      ? json(200, { files: [file], total: 1, limit: 50, offset: 0 })
      : fallback(input, init),
  );
  return api;
}

describe('controls that change a workspace', { timeout: 20_000 }, () => {
  beforeAll(async () => {
    await import('../../tables/components/tables-screen');
    await import('../../files/components/files-screen');
  });
  beforeEach(() => {
    signIn('token');
    setSelectedOrgId('acme');
    vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(600);
  });

  it('are disabled for a viewer on Tables, and say why', async () => {
    mockWorkspace('viewer');
    renderApp('/workspaces/analytics/tables');
    const list = await screen.findByRole('table', { name: 'Tables' }, booted);
    expect(screen.getByText(NOTE)).toBeVisible();
    const create = screen.getByRole('button', { name: 'Create table from file' });
    expect(create).toBeDisabled();
    expect(create).toHaveAccessibleDescription(NOTE);
    const drop = within(list).getByRole('button', { name: 'Drop events' });
    expect(drop).toBeDisabled();
    expect(drop).toHaveAccessibleDescription(NOTE);
  });

  it('are enabled for a writer on Tables, with no note', async () => {
    mockWorkspace('writer');
    renderApp('/workspaces/analytics/tables');
    const list = await screen.findByRole('table', { name: 'Tables' }, booted);
    expect(screen.getByRole('button', { name: 'Create table from file' })).toBeEnabled();
    expect(within(list).getByRole('button', { name: 'Drop events' })).toBeEnabled();
    expect(screen.queryByText(NOTE)).not.toBeInTheDocument();
  });

  it('are disabled for a viewer on Files: upload and delete, while preview stays', async () => {
    mockWorkspace('viewer');
    const { user } = renderApp('/workspaces/analytics/files');
    const upload = await screen.findByRole('button', { name: 'Upload files' }, booted);
    expect(upload).toBeDisabled();
    expect(upload).toHaveAccessibleDescription(NOTE);

    await user.click(await screen.findByRole('button', { name: 'Actions for photo.png' }, booted));
    const menu = await screen.findByRole('menu');
    expect(within(menu).getByRole('menuitem', { name: 'Delete' })).toHaveAttribute(
      'aria-disabled',
      'true',
    );
    expect(within(menu).getByRole('menuitem', { name: 'Preview' })).not.toHaveAttribute(
      'aria-disabled',
    );
    expect(within(menu).getByText(NOTE)).toBeInTheDocument();
  });
});
