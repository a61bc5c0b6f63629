import { screen, waitFor, within } from '@testing-library/react';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TableDetails } from '../../../../contract/tables';
import { setSelectedOrgId, signIn } from '../../../lib/sign-in-state';
import { apiError, json, mockApi, type RecordedRequest } from '../../../test/fetch-mock';
import { me, organization, workspace } from '../../../test/fixtures';
import { delayNavigations, pause, renderApp } from '../../../test/render';

const analytics = workspace();
const details: TableDetails = {
  table_name: 'docs',
  row_count: 250,
  size_mb: 0.1,
  columns: [
    { name: 'id', type: 'int4', nullable: false, default: null },
    { name: 'title', type: 'text', nullable: true, default: null },
    { name: 'embedding', type: '_float4', nullable: true, default: null },
  ],
};
const allRows = Array.from({ length: 250 }, (_, i) => [i + 1, `doc ${i + 1}`, [1, i]]);

interface QueryBody {
  query: string;
  params: unknown[];
}

/** The fake query endpoint answers LIMIT $n OFFSET $m from `allRows`, as PostgreSQL would. */
function answerQuery(request: RecordedRequest) {
  const { params } = request.body as QueryBody;
  const [limit, offset] = params.slice(-2) as [number, number];
  const rows = allRows.slice(offset, offset + limit);
  return json(200, { columns: ['id', 'title', 'embedding'], rows, row_count: rows.length });
}

function mockTables(query = answerQuery) {
  return mockApi({
    'GET /me': () => json(200, me),
    'GET /health': () => json(200, { status: 'ok' }),
    'GET /organizations': () => json(200, { organizations: [organization()] }),
    'GET /workspaces': () => json(200, { workspaces: [analytics] }),
    'GET /workspaces/analytics': () => json(200, { workspace: analytics }),
    'GET /workspaces/analytics/tables/docs': () => json(200, details),
    'GET /workspaces/analytics/tables/gone': () =>
      apiError(404, 'not_found', 'Table gone not found'),
    'POST /workspaces/analytics/tables/query': query,
  });
}

/** Adds a filter through the "Add filter" popover, as a person would. */
async function addFilter(
  user: ReturnType<typeof renderApp>['user'],
  column: string,
  condition: string,
  value: string,
) {
  await user.click(screen.getByRole('button', { name: 'Add filter' }));
  const editor = await screen.findByRole('dialog', { name: 'Add filter' });
  await user.click(within(editor).getByLabelText('Column'));
  await user.click(screen.getByRole('option', { name: new RegExp(`^${column}`) }));
  await user.click(within(editor).getByLabelText('Condition'));
  await user.click(screen.getByRole('option', { name: condition }));
  await user.type(within(editor).getByLabelText('Value'), value);
  await user.click(within(editor).getByRole('button', { name: 'Add filter' }));
}

/** The whole console boots for each test (session, organization, workspace, table, rows). */
const booted = { timeout: 5_000 };

const queries = (api: ReturnType<typeof mockTables>) =>
  api.calls('POST /workspaces/analytics/tables/query').map((r) => r.body as QueryBody);

// Each test boots the whole console in jsdom: slow on a busy machine.
describe('TableScreen', { timeout: 20_000 }, () => {
  // The route loads the screen lazily; compile it once up front, not inside a test's timeout.
  beforeAll(async () => {
    await import('./table-screen');
  });

  beforeEach(() => {
    signIn('token');
    setSelectedOrgId('acme');
    // jsdom lays nothing out; give the grid a viewport so it renders a window of rows.
    vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(600);
    vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockReturnValue(1000);
  });

  it('pages with LIMIT size + 1, prefetches the next page and keeps the page in the URL', async () => {
    const api = mockTables();
    const { user, router } = renderApp('/workspaces/analytics/tables/docs');

    expect(await screen.findByText('Rows 1–100 of 250', {}, booted)).toBeInTheDocument();
    const first = queries(api)[0]!;
    expect(first.query).toBe(
      'SELECT "id", "title", "embedding"\nFROM "analytics"."docs"\nLIMIT $1 OFFSET $2',
    );
    expect(first.params).toEqual([101, 0]);
    // The full page said there is more: page 2 is fetched before anyone asks.
    await waitFor(() => expect(queries(api).map((q) => q.params)).toContainEqual([101, 100]));
    const asked = queries(api).length;

    await user.click(screen.getByRole('button', { name: 'Next page' }));
    expect(await screen.findByText('Rows 101–200 of 250', {}, booted)).toBeInTheDocument();
    expect(router.state.location.search).toBe('?page=2');
    expect(screen.getAllByRole('rowheader')[0]).toHaveTextContent('101');
    // Served from the prefetch; the request after it is the prefetch of page 3.
    await waitFor(() => expect(queries(api).map((q) => q.params)).toContainEqual([101, 200]));
    expect(
      queries(api)
        .slice(asked)
        .map((q) => q.params),
    ).toEqual([[101, 200]]);

    await user.click(screen.getByRole('button', { name: 'Next page' }));
    expect(await screen.findByText('Rows 201–250 of 250', {}, booted)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Next page' })).toBeDisabled();
    await user.click(screen.getByRole('button', { name: 'First page' }));
    expect(await screen.findByText('Rows 1–100 of 250', {}, booted)).toBeInTheDocument();
    expect(router.state.location.search).toBe('');
  });

  it('reads page, size, sort and filters from the URL into SQL parameters', async () => {
    const api = mockTables();
    renderApp(
      `/workspaces/analytics/tables/docs?page=3&size=50&sort=title.desc&f.contains.title=50%25_off&f.gt.id=7`,
    );
    expect(await screen.findByRole('grid', { name: 'Rows of docs' }, booted)).toBeInTheDocument();
    const [query] = queries(api);
    expect(query!.query).toBe(
      [
        'SELECT "id", "title", "embedding"',
        'FROM "analytics"."docs"',
        `WHERE "title"::text ILIKE $1 ESCAPE '\\'`,
        '  AND "id" > $2::int4',
        'ORDER BY "title" DESC',
        'LIMIT $3 OFFSET $4',
      ].join('\n'),
    );
    expect(query!.params).toEqual(['%50\\%\\_off%', '7', 51, 100]);
    expect(screen.getByRole('columnheader', { name: /^title/ })).toHaveAttribute(
      'aria-sort',
      'descending',
    );
    const filters = screen.getByRole('group', { name: 'Filters' });
    expect(within(filters).getByRole('button', { name: 'Edit filter: title contains “50%_off”' }));
    expect(within(filters).getByRole('button', { name: 'Edit filter: id greater than “7”' }));
  });

  it('sorts from a header back on page 1, and removes a filter', async () => {
    const api = mockTables();
    const { user, router } = renderApp('/workspaces/analytics/tables/docs?page=2&f.gt.id=3');
    await screen.findByText(/^Rows 101–/, {}, booted);

    await user.click(screen.getByRole('columnheader', { name: /^id/ }));
    await waitFor(() => expect(router.state.location.search).toBe('?sort=id.asc&f.gt.id=3'));
    await waitFor(() => expect(queries(api).at(-1)!.query).toContain('ORDER BY "id" ASC'));

    await user.click(screen.getByRole('button', { name: 'Remove filter: id greater than “3”' }));
    await waitFor(() => expect(router.state.location.search).toBe('?sort=id.asc'));
  });

  it('keeps every change made while the address lags behind: page size, filters, paging', async () => {
    const api = mockTables();
    const { user, router } = renderApp('/workspaces/analytics/tables/docs');
    await screen.findByText('Rows 1–100 of 250', {}, booted);
    delayNavigations(router, 400);

    await user.click(screen.getByRole('combobox', { name: 'Rows per page' }));
    await user.click(screen.getByRole('option', { name: '50' }));
    await addFilter(user, 'id', 'greater than', '3');
    await addFilter(user, 'title', 'contains', 'doc');
    await user.click(screen.getByRole('button', { name: 'Next page' }));
    expect(screen.getByRole('combobox', { name: 'Rows per page' })).toHaveTextContent('50');

    const expected = '?page=2&size=50&f.gt.id=3&f.contains.title=doc';
    await waitFor(() => expect(router.state.location.search).toBe(expected), booted);
    await pause(500);
    expect(router.state.location.search).toBe(expected);
    const filters = screen.getByRole('group', { name: 'Filters' });
    expect(within(filters).getAllByRole('button', { name: /^Edit filter/ })).toHaveLength(2);
    await waitFor(() =>
      expect(queries(api).map((q) => q.params)).toContainEqual(['3', '%doc%', 51, 50]),
    );

    // Paging and filtering are steps Back goes through.
    await router.navigate(-1);
    await waitFor(() => expect(screen.getByText(/^Rows 1–50/)).toBeInTheDocument(), booted);
    expect(router.state.location.search).toBe('?size=50&f.gt.id=3&f.contains.title=doc');
  });

  it('leaves out what names a column the table lacks, and says so', async () => {
    const api = mockTables();
    const { user, router } = renderApp(
      '/workspaces/analytics/tables/docs?f.eq.nope=1&sort=gone.desc',
    );
    const note = await screen.findByText(/Left out, as docs has no such column/, {}, booted);
    expect(note).toHaveTextContent('the filter on “nope”, the sort on “gone”');
    expect(queries(api)[0]!.query).not.toMatch(/nope|gone/);
    // Without a real filter, the table's row count still stands.
    expect(await screen.findByText('Rows 1–100 of 250', {}, booted)).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Remove them' }));
    await waitFor(() => expect(router.state.location.search).toBe(''));
  });

  it('shows the server refusing a filter value, and offers to clear the filters', async () => {
    const api = mockTables(() =>
      json(400, {
        error: {
          code: 'sql_error',
          message: 'invalid input syntax for type integer: "abc"',
          sqlstate: '22P02',
        },
      }),
    );
    const { user, router } = renderApp('/workspaces/analytics/tables/docs?f.eq.id=abc');
    expect(await screen.findByRole('alert', {}, booted)).toHaveTextContent(
      'invalid input syntax for type integer: "abc"',
    );
    expect(queries(api)).toHaveLength(1);
    await user.click(screen.getByRole('button', { name: 'Clear filters' }));
    await waitFor(() => expect(router.state.location.search).toBe(''));
  });

  it('shows the schema with readable types and the CREATE TABLE sketch', async () => {
    mockTables();
    const { user } = renderApp('/workspaces/analytics/tables/docs');
    await user.click(await screen.findByRole('tab', { name: 'Schema' }, booted));
    const table = screen.getByRole('table', { name: 'Columns of docs' });
    expect(within(table).getByRole('row', { name: /embedding/ })).toHaveTextContent(
      'float4[](_float4)',
    );
    expect(screen.getByLabelText('CREATE TABLE statement')).toHaveTextContent(
      '"id" int4 NOT NULL,',
    );
  });

  it('says when the table does not exist', async () => {
    mockTables();
    renderApp('/workspaces/analytics/tables/gone');
    expect(await screen.findByText('Table not found', {}, booted)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Go to tables' })).toHaveAttribute(
      'href',
      '/workspaces/analytics/tables',
    );
  });
});
