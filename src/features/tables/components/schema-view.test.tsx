import { screen, waitFor, within } from '@testing-library/react';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ColumnProfile, TableDetails } from '../../../../contract/tables';
import { setSelectedOrgId, signIn } from '../../../lib/sign-in-state';
import { apiError, json, mockApi } from '../../../test/fetch-mock';
import { me, organization, workspace } from '../../../test/fixtures';
import { renderApp } from '../../../test/render';

const analytics = workspace();
const columns: TableDetails['columns'] = [
  { name: 'id', type: 'int4', nullable: false, default: null },
  { name: 'title', type: 'text', nullable: true, default: null },
  { name: 'embedding', type: 'embedding', nullable: true, default: null },
];
const withIndexes: TableDetails = {
  table_name: 'docs',
  row_count: 250,
  size_mb: 0.1,
  columns,
  indexes: [
    {
      name: 'docs_title_idx',
      columns: ['title'],
      kind: 'text',
      unique: false,
      definition: 'CREATE INDEX docs_title_idx ON analytics.docs USING deeplake_index (title)',
    },
  ],
};
const profile: ColumnProfile = {
  table: 'docs',
  column: 'id',
  type: 'int4',
  rows: 1_000_000,
  sampled: true,
  sample_rows: 201_750,
  nulls: 0,
  distinct: 998_000,
  min: '1',
  max: '1000000',
  top_values: [],
  histogram: Array.from({ length: 20 }, (_, i) => ({
    from: String(i * 50_000),
    to: String((i + 1) * 50_000),
    count: 50_000,
  })),
  vector: null,
  duration_ms: 310,
};

function mockSchema(details: TableDetails, query = () => json(200, { columns: [], rows: [] })) {
  return mockApi({
    'GET /me': () => json(200, me),
    'GET /health': () => json(200, { status: 'ok' }),
    'GET /organizations': () => json(200, { organizations: [organization()] }),
    'GET /workspaces': () => json(200, { workspaces: [analytics] }),
    'GET /workspaces/analytics': () => json(200, { workspace: analytics }),
    'GET /workspaces/analytics/tables/docs': () => json(200, details),
    'GET /workspaces/analytics/tables/docs/columns/id/profile': () => json(200, profile),
    'POST /workspaces/analytics/tables/query': query,
  });
}

const booted = { timeout: 5_000 };

describe('SchemaView: indexes and profiles', { timeout: 20_000 }, () => {
  beforeAll(async () => {
    await import('./table-screen');
  });
  beforeEach(() => {
    signIn('token');
    setSelectedOrgId('acme');
  });

  it('lists the indexes and marks the columns they cover', async () => {
    mockSchema(withIndexes);
    renderApp('/workspaces/analytics/tables/docs?view=schema');
    const list = await screen.findByRole('table', { name: 'Indexes of docs' }, booted);
    expect(within(list).getByRole('row', { name: /docs_title_idx/ })).toHaveTextContent(
      'BM25 text',
    );
    const columnsTable = screen.getByRole('table', { name: 'Columns of docs' });
    expect(within(columnsTable).getByRole('row', { name: /title/ })).toHaveTextContent('BM25 text');
  });

  it('does without indexes and profiles when the server does not send them', async () => {
    mockSchema({ ...withIndexes, indexes: undefined });
    renderApp('/workspaces/analytics/tables/docs?view=schema');
    await screen.findByRole('table', { name: 'Columns of docs' }, booted);
    expect(screen.queryByRole('heading', { name: 'Indexes' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Profile id' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Create index on id' })).toBeEnabled();
  });

  it('offers the kinds that fit, shows the SQL, runs it and refreshes the list', async () => {
    let created = false;
    const api = mockSchema(withIndexes, () => {
      created = true;
      return json(200, { columns: [], rows: [], row_count: 0, command: 'CREATE INDEX' });
    });
    const { user } = renderApp('/workspaces/analytics/tables/docs?view=schema');
    await user.click(
      await screen.findByRole('button', { name: 'Create index on embedding' }, booted),
    );
    const dialog = await screen.findByRole('dialog', { name: 'Create index on embedding' });
    expect(
      within(dialog)
        .getAllByRole('radio')
        .map((r) => r.parentElement!.textContent),
    ).toEqual([expect.stringContaining('Vector')]);
    expect(within(dialog).getByLabelText('CREATE INDEX statement')).toHaveTextContent(
      'CREATE INDEX ON "analytics"."docs" USING deeplake_index ("embedding")',
    );
    const detailsBefore = api.calls('GET /workspaces/analytics/tables/docs').length;
    await user.click(within(dialog).getByRole('button', { name: 'Create index' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(created).toBe(true);
    expect(api.calls('POST /workspaces/analytics/tables/query')[0]!.body).toEqual({
      query: 'CREATE INDEX ON "analytics"."docs" USING deeplake_index ("embedding")',
      params: [],
    });
    await waitFor(() =>
      expect(api.calls('GET /workspaces/analytics/tables/docs').length).toBeGreaterThan(
        detailsBefore,
      ),
    );
  });

  it('shows the server refusal in the dialog; a number column may have a b-tree or exact index', async () => {
    mockSchema(withIndexes, () => apiError(400, 'sql_error', 'could not create unique index'));
    const { user } = renderApp('/workspaces/analytics/tables/docs?view=schema');
    await user.click(await screen.findByRole('button', { name: 'Create index on id' }, booted));
    const dialog = await screen.findByRole('dialog', { name: 'Create index on id' });
    expect(within(dialog).getByLabelText('CREATE INDEX statement')).toHaveTextContent(
      'CREATE INDEX ON "analytics"."docs" ("id")',
    );
    await user.click(within(dialog).getByRole('radio', { name: /Exact/ }));
    expect(within(dialog).getByLabelText('CREATE INDEX statement')).toHaveTextContent(
      'USING deeplake_index ("id")',
    );
    await user.click(within(dialog).getByRole('button', { name: 'Create index' }));
    expect(await within(dialog).findByText(/could not create unique index/)).toBeInTheDocument();
  });

  it('profiles a column in a side panel with its histogram', async () => {
    mockSchema(withIndexes);
    const { user } = renderApp('/workspaces/analytics/tables/docs?view=schema');
    await user.click(await screen.findByRole('button', { name: 'Profile id' }, booted));
    const sheet = await screen.findByRole('dialog', { name: 'Profile of id' });
    expect(await within(sheet).findByText(/sample of 201,750 rows/)).toBeInTheDocument();
    expect(within(sheet).getByText('998,000')).toBeInTheDocument();
    const bars = within(sheet).getByRole('list', { name: 'Histogram' });
    expect(within(bars).getAllByRole('listitem')).toHaveLength(20);
  });
});
