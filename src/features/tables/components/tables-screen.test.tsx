import { screen, waitFor, within } from '@testing-library/react';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TableSummary } from '../../../../contract/tables';
import { setSelectedOrgId, signIn } from '../../../lib/sign-in-state';
import { apiError, json, mockApi } from '../../../test/fetch-mock';
import { me, organization, workspace } from '../../../test/fixtures';
import { delayNavigations, pause, renderApp } from '../../../test/render';

const analytics = workspace();
const booted = { timeout: 5_000 };

function mockList(tables: TableSummary[]) {
  let current = tables;
  return mockApi({
    'GET /me': () => json(200, me),
    'GET /health': () => json(200, { status: 'ok' }),
    'GET /organizations': () => json(200, { organizations: [organization()] }),
    'GET /workspaces': () => json(200, { workspaces: [analytics] }),
    'GET /workspaces/analytics': () => json(200, { workspace: analytics }),
    'GET /workspaces/analytics/tables': () => json(200, { tables: current }),
    'DELETE /workspaces/analytics/tables/events': () => {
      current = current.filter((t) => t.table_name !== 'events');
      return json(204);
    },
    'DELETE /workspaces/analytics/tables/locked': () =>
      apiError(403, 'forbidden', 'You may not drop tables in this workspace.'),
  });
}

const tables: TableSummary[] = [
  { table_name: 'docs', row_count: 42, size_mb: 0.05 },
  { table_name: 'events', row_count: 12_345_678, size_mb: 2048 },
  { table_name: 'locked', row_count: 1, size_mb: 0.01 },
];

describe('TablesScreen', { timeout: 20_000 }, () => {
  beforeAll(async () => {
    await import('./tables-screen');
  });
  beforeEach(() => {
    signIn('token');
    setSelectedOrgId('acme');
    vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(600);
  });

  it('lists tables with rows and size, estimates marked, and filters them by name', async () => {
    mockList(tables);
    const { user, router } = renderApp('/workspaces/analytics/tables');
    const list = await screen.findByRole('table', { name: 'Tables' }, booted);
    expect(within(list).getByRole('row', { name: /docs/ })).toHaveTextContent('docs4251 KB');
    const events = within(list).getByRole('row', { name: /events/ });
    expect(events).toHaveTextContent('≈ 12,345,678');
    expect(events).toHaveTextContent('2.0 GB');
    expect(within(list).getByRole('link', { name: 'docs' })).toHaveAttribute(
      'href',
      '/workspaces/analytics/tables/docs',
    );

    await user.type(screen.getByLabelText('Filter tables by name'), 'EV');
    expect(within(list).getAllByRole('row')).toHaveLength(2);
    expect(screen.getByText('1 of 3 tables')).toBeInTheDocument();
    expect(router.state.location.search).toBe('?q=EV');
    await user.type(screen.getByLabelText('Filter tables by name'), 'zzz');
    expect(screen.getByText('No table name contains “EVzzz”.')).toBeInTheDocument();
  });

  it('loses nothing typed in the name filter while the address lags behind', async () => {
    mockList(tables);
    const { user, router } = renderApp('/workspaces/analytics/tables');
    const list = await screen.findByRole('table', { name: 'Tables' }, booted);
    delayNavigations(router, 300);
    const filter = screen.getByLabelText('Filter tables by name');

    await user.type(filter, 'events ');
    expect(filter).toHaveValue('events ');
    expect(within(list).getAllByRole('row')).toHaveLength(2);
    await waitFor(() => expect(router.state.location.search).toBe('?q=events'), booted);
    await user.type(filter, 'x');
    await pause(400);
    expect(filter).toHaveValue('events x');
    expect(router.state.location.search).toBe('?q=events+x');

    // A real navigation (a link, Back) brings its own filter.
    await router.navigate('/workspaces/analytics/tables?q=docs');
    await waitFor(() => expect(filter).toHaveValue('docs'), booted);
    expect(within(list).getAllByRole('row')).toHaveLength(2);
  });

  it('drops a table once its name is typed, and shows a refusal in the dialog', async () => {
    const api = mockList(tables);
    const { user } = renderApp('/workspaces/analytics/tables');
    await user.click(await screen.findByRole('button', { name: 'Drop events' }, booted));
    const dialog = await screen.findByRole('alertdialog', { name: 'Drop table' });
    const drop = within(dialog).getByRole('button', { name: 'Drop table' });
    expect(drop).toBeDisabled();
    await user.type(within(dialog).getByLabelText('Type events to confirm'), 'events');
    await user.click(drop);
    await waitFor(() => expect(screen.queryByRole('link', { name: 'events' })).toBeNull());
    expect(api.calls('DELETE /workspaces/analytics/tables/events')).toHaveLength(1);

    await user.click(screen.getByRole('button', { name: 'Drop locked' }));
    const again = await screen.findByRole('alertdialog', { name: 'Drop table' });
    await user.type(within(again).getByLabelText('Type locked to confirm'), 'locked');
    await user.click(within(again).getByRole('button', { name: 'Drop table' }));
    expect(await within(again).findByRole('alert')).toHaveTextContent(
      'You may not drop tables in this workspace.',
    );
  });

  it('says what to do when the workspace has no tables', async () => {
    mockList([]);
    renderApp('/workspaces/analytics/tables');
    expect(await screen.findByText('No tables yet', {}, booted)).toBeInTheDocument();
    expect(within(screen.getByRole('main')).getByRole('link', { name: 'SQL' })).toHaveAttribute(
      'href',
      '/workspaces/analytics/sql',
    );
  });
});

describe('Create table from file', { timeout: 20_000 }, () => {
  beforeAll(async () => {
    await import('./tables-screen');
    await import('./create-table-dialog');
  });
  beforeEach(() => {
    signIn('token');
    setSelectedOrgId('acme');
    vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(400);
    vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockReturnValue(2000);
  });

  it('previews the rows and inferred types of a file, and checks the name before sending', async () => {
    mockList(tables);
    const { user } = renderApp('/workspaces/analytics/tables');
    await user.click(
      (await screen.findAllByRole('button', { name: 'Create table from file' }, booted))[0]!,
    );
    const dialog = await screen.findByRole('dialog', { name: 'Create table from file' });
    const file = new File(
      ['when,amount,ok\n2024-01-01,12,true\n2024-01-02,7.5,false\n'],
      'Docs.csv',
      {
        type: 'text/csv',
      },
    );
    await user.upload(within(dialog).getByLabelText('File to create the table from'), file);

    expect(
      await within(dialog).findByText(/Preview: CSV, comma separated, 3 columns/),
    ).toBeInTheDocument();
    const types = within(dialog).getByRole('list', { name: 'Columns and their types' });
    expect(
      within(types)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual(['when date', 'amount float8', 'ok bool']);
    expect(
      within(dialog).getByText(/inferred from all 2 rows, as the server will/),
    ).toBeInTheDocument();
    const grid = within(dialog).getByRole('grid', { name: /^First rows of the file/ });
    expect(within(grid).getAllByRole('rowheader')).toHaveLength(2);

    // The name from the file clashes with an existing table: said before anything is sent.
    const name = within(dialog).getByLabelText('Table name');
    expect(name).toHaveValue('docs');
    expect(within(dialog).getByText(/A table named docs already exists/)).toBeInTheDocument();
    await user.clear(name);
    await user.type(name, '9lives');
    await user.click(within(dialog).getByRole('button', { name: 'Create table' }));
    expect(
      within(dialog).getByText('The table name must start with a lower-case letter.'),
    ).toBeInTheDocument();
  });
});
