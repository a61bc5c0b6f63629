import { screen, waitFor, within } from '@testing-library/react';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TableDetails } from '../../../../contract/tables';
import { setSelectedOrgId, signIn } from '../../../lib/sign-in-state';
import { apiError, json, mockApi } from '../../../test/fetch-mock';
import { me, organization, workspace } from '../../../test/fixtures';
import { renderApp } from '../../../test/render';

const analytics = workspace();
const details: TableDetails = {
  table_name: 'docs',
  row_count: 3,
  size_mb: 0.1,
  primary_key: ['id'],
  columns: [
    { name: 'id', type: 'int4', nullable: false, default: null },
    { name: 'title', type: 'text', nullable: true, default: null },
    { name: 'meta', type: 'jsonb', nullable: true, default: null },
  ],
};
const rows = [
  [1, 'one', null],
  [2, 'two', { a: 1 }],
  [3, 'three', null],
];

function mockTables(role: 'admin' | 'viewer', table: TableDetails = details) {
  return mockApi({
    'GET /me': () => json(200, me),
    'GET /health': () => json(200, { status: 'ok' }),
    'GET /organizations': () => json(200, { organizations: [organization({ role })] }),
    'GET /workspaces': () => json(200, { workspaces: [analytics] }),
    'GET /workspaces/analytics': () => json(200, { workspace: analytics }),
    'GET /workspaces/analytics/tables/docs': () => json(200, table),
    'POST /workspaces/analytics/tables/query': () =>
      json(200, { columns: ['id', 'title', 'meta'], rows, row_count: rows.length }),
    'POST /workspaces/analytics/tables/query/transaction': () =>
      apiError(400, 'sql_error', 'statements[1]: duplicate key value violates unique constraint'),
  });
}

const booted = { timeout: 5_000 };
const cell = (row: number, col: number) =>
  document.querySelector<HTMLElement>(`[data-row="${row}"][data-col="${col}"]`)!;

describe('editing a table’s rows', { timeout: 20_000 }, () => {
  beforeAll(async () => {
    await import('../components/table-screen');
  });
  beforeEach(() => {
    signIn('token');
    setSelectedOrgId('acme');
    vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(600);
    vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockReturnValue(1000);
  });

  it('stages edits, a new row and a deletion, reviews them, and marks the failing row', async () => {
    const api = mockTables('admin');
    const { user } = renderApp('/workspaces/analytics/tables/docs');
    expect(await screen.findByText('three', {}, booted)).toBeInTheDocument();

    // Edit a title in place: double-click, type, Enter.
    await user.dblClick(cell(0, 1));
    const field = await screen.findByRole('textbox', { name: 'New value of title' });
    await user.clear(field);
    await user.type(field, 'uno{Enter}');
    expect(await screen.findByText('uno')).toBeInTheDocument();
    expect(screen.getByText('1 edited row staged')).toBeInTheDocument();

    // JSON is checked before it can be staged.
    await user.click(cell(1, 2));
    await user.keyboard('{Enter}');
    const json = await screen.findByRole('textbox', { name: 'New value of meta' });
    await user.clear(json);
    await user.type(json, '{{a: 1}');
    expect(screen.getByRole('alert')).toHaveTextContent(/Not valid JSON/);
    expect(screen.getByRole('button', { name: 'Stage' })).toBeDisabled();
    await user.click(screen.getByRole('button', { name: 'Cancel' }));

    await user.click(screen.getByRole('checkbox', { name: 'Select row 3' }));
    await user.click(screen.getByRole('button', { name: 'Delete selected (1)' }));
    await user.click(screen.getByRole('button', { name: 'Add row' }));
    const dialog = await screen.findByRole('dialog', { name: 'Add a row' });
    await user.type(within(dialog).getByLabelText('id (int4)'), '2');
    await user.type(within(dialog).getByLabelText('title (text)'), 'dup');
    await user.click(within(dialog).getByRole('button', { name: 'Stage row' }));
    expect(
      await screen.findByText('1 edited row, 1 new row, 1 deleted row staged'),
    ).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Review' }));
    const review = await screen.findByRole('dialog', { name: 'Review changes' });
    const items = within(review).getAllByRole('listitem');
    expect(items.map((li) => li.querySelector('pre')!.textContent)).toEqual([
      'DELETE FROM "analytics"."docs" WHERE "id" = $1',
      'UPDATE "analytics"."docs" SET "title" = $1 WHERE "id" = $2',
      'INSERT INTO "analytics"."docs" ("id", "title") VALUES ($1, $2)',
    ]);
    await user.click(within(review).getByRole('button', { name: 'Save 3 changes' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(api.calls('POST /workspaces/analytics/tables/query/transaction')[0]!.body).toEqual({
      statements: [
        { query: 'DELETE FROM "analytics"."docs" WHERE "id" = $1', params: [3] },
        { query: 'UPDATE "analytics"."docs" SET "title" = $1 WHERE "id" = $2', params: ['uno', 1] },
        {
          query: 'INSERT INTO "analytics"."docs" ("id", "title") VALUES ($1, $2)',
          params: [2, 'dup'],
        },
      ],
    });
    // Nothing was saved; the failing statement (the update) is marked on its row.
    expect(screen.getByRole('alert')).toHaveTextContent(
      'Nothing was saved. The row id = 1 failed: duplicate key',
    );
    expect(screen.getByRole('img', { name: /^Failed: duplicate key/ })).toBeInTheDocument();
    expect(screen.getByText('uno')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Undo' }));
    expect(screen.getByText('1 edited row, 1 deleted row staged')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Discard' }));
    expect(screen.getByText(/Double-click a cell/)).toBeInTheDocument();
    expect(screen.queryByText('uno')).not.toBeInTheDocument();
  });

  it('shows a viewer no editing controls', async () => {
    mockTables('viewer');
    renderApp('/workspaces/analytics/tables/docs');
    expect(await screen.findByText('three', {}, booted)).toBeInTheDocument();
    expect(screen.queryByRole('toolbar', { name: 'Edit rows' })).not.toBeInTheDocument();
    expect(screen.queryByRole('checkbox')).not.toBeInTheDocument();
  });

  it('says why a table without a primary key is read-only', async () => {
    mockTables('admin', { ...details, primary_key: [] });
    renderApp('/workspaces/analytics/tables/docs');
    expect(await screen.findByText(/has no primary key/, {}, booted)).toBeInTheDocument();
    expect(screen.queryByRole('toolbar', { name: 'Edit rows' })).not.toBeInTheDocument();
  });
});
