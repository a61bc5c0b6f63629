import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setSelectedOrgId, signIn } from '../../../lib/sign-in-state';
import { apiError, json, mockApi, type RecordedRequest } from '../../../test/fetch-mock';
import { me, organization, workspace } from '../../../test/fixtures';
import { renderApp } from '../../../test/render';
import type { SqlEditorProps } from '../editor/sql-editor';
import { resetStores } from '../state/sql-store';

// Monaco does not run in jsdom: a textarea with the same handle stands in for the editor here.
// The real editor is covered end to end (e2e/sql.spec.ts).
vi.mock('../editor/sql-editor', async () => {
  const { useImperativeHandle, useRef } = await import('react');
  function SqlEditor({ ref, modelId, initialValue, onChange, onRun, label }: SqlEditorProps) {
    const area = useRef<HTMLTextAreaElement>(null);
    useImperativeHandle(ref, () => ({
      snapshot: () => ({
        text: area.current!.value,
        selection: { start: area.current!.selectionStart, end: area.current!.selectionEnd },
      }),
      replaceText: (text) => {
        area.current!.value = text;
        onChange(text);
      },
      format: async () => {},
      focus: () => area.current?.focus(),
      reveal: () => {},
    }));
    return (
      <textarea
        key={modelId}
        ref={area}
        aria-label={label}
        defaultValue={initialValue}
        onChange={(event) => onChange(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && event.ctrlKey) onRun();
        }}
      />
    );
  }
  return { SqlEditor };
});

const analytics = workspace();
const TABS_KEY = 'deeplake-console.sql.v1.acme.analytics.tabs';

function mockServer(query: (request: RecordedRequest) => Response) {
  return mockApi({
    'GET /me': () => json(200, me),
    'GET /health': () => json(200, { status: 'ok' }),
    'GET /organizations': () => json(200, { organizations: [organization()] }),
    'GET /workspaces': () => json(200, { workspaces: [analytics] }),
    'GET /workspaces/analytics': () => json(200, { workspace: analytics }),
    'GET /workspaces/analytics/tables': () => json(200, { tables: [] }),
    'POST /workspaces/analytics/tables/query': query,
  });
}

beforeEach(() => {
  signIn('token');
  setSelectedOrgId('acme');
});
afterEach(() => resetStores());

async function editor() {
  // The first render loads the screen's lazy parts: allow it more than the default second.
  return screen.findByRole('textbox', { name: 'SQL editor' }, { timeout: 5_000 });
}

// The first case pays for loading the screen's lazy parts, which a busy machine makes slow.
describe('the SQL playground', { timeout: 20_000 }, () => {
  it('runs the statement at the cursor with its parameters bound, never spliced', async () => {
    const api = mockServer(() =>
      json(200, { columns: ['n'], rows: [[42]], row_count: 1, types: ['int4'], command: 'SELECT' }),
    );
    const { user } = renderApp('/workspaces/analytics/sql');
    const sql = await editor();
    await user.type(sql, 'SELECT 1;{enter}SELECT $1::int + 1 AS n WHERE $2 = $2');
    await user.type(screen.getByRole('textbox', { name: 'Value of $1' }), '41');
    await user.type(screen.getByRole('textbox', { name: 'Value of $2' }), "it's");
    await user.click(screen.getByRole('button', { name: 'Run' }));

    expect(await screen.findByText('1 row')).toBeInTheDocument();
    expect(api.calls('POST /workspaces/analytics/tables/query')[0]!.body).toEqual({
      query: 'SELECT $1::int + 1 AS n WHERE $2 = $2',
      params: [41, "it's"],
    });
    expect(
      api.calls('POST /workspaces/analytics/tables/query')[0]!.headers.get('X-Activeloop-Org-Id'),
    ).toBe('acme');
  });

  it('does not run with a value that does not convert, and says which', async () => {
    const api = mockServer(() => json(200, { columns: [], rows: [], row_count: 0 }));
    const { user } = renderApp('/workspaces/analytics/sql');
    await user.type(await editor(), 'SELECT $1::int');
    await user.type(screen.getByRole('textbox', { name: 'Value of $1' }), 'ten');
    await user.click(screen.getByRole('button', { name: 'Run' }));
    expect(await screen.findByText('$1: not a number: ten')).toBeInTheDocument();
    expect(api.calls('POST /workspaces/analytics/tables/query')).toHaveLength(0);
  });

  it('asks before a destructive statement, and runs nothing when told not to', async () => {
    const api = mockServer(() =>
      json(200, { columns: [], rows: [], row_count: 5, command: 'DELETE' }),
    );
    const { user } = renderApp('/workspaces/analytics/sql');
    // The DROP in a comment and a string does not count; the DELETE without WHERE does.
    await user.type(await editor(), "/* DROP TABLE x */ DELETE FROM docs -- 'WHERE'");
    await user.click(screen.getByRole('button', { name: 'Run' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Run a destructive statement?' });
    expect(dialog).toHaveTextContent('DELETE without WHERE removes every row of docs.');
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(api.calls('POST /workspaces/analytics/tables/query')).toHaveLength(0);

    await user.click(screen.getByRole('button', { name: 'Run' }));
    await user.click(await screen.findByRole('button', { name: 'Run it' }));
    expect(await screen.findByText('5 rows deleted')).toBeInTheDocument();
  });

  it('starts fresh when what the browser kept cannot be read, and says so', async () => {
    localStorage.setItem(TABS_KEY, '{not json');
    mockServer(() => json(200, { columns: [], rows: [], row_count: 0 }));
    renderApp('/workspaces/analytics/sql');
    expect(await editor()).toHaveValue('');
    expect(await screen.findByText(/could not be read; they were set aside/)).toBeInTheDocument();
    expect(localStorage.getItem(`${TABS_KEY}.backup`)).toBe('{not json');
  });

  it('opens ?query=…&params=… in a new tab with those values, then drops the query string', async () => {
    mockServer(() => json(200, { columns: [], rows: [], row_count: 0 }));
    const query = 'SELECT * FROM docs WHERE embedding <#> $1::float4[] > $2';
    const { router } = renderApp(
      `/workspaces/analytics/sql?query=${encodeURIComponent(query)}&params=${encodeURIComponent('[[0.1,0.2],0.5]')}`,
    );
    expect(await editor()).toHaveValue(query);
    expect(screen.getByRole('tab', { selected: true })).toHaveTextContent('Query 2');
    expect(screen.getByRole('textbox', { name: 'Value of $1' })).toHaveValue('[0.1,0.2]');
    expect(screen.getByRole('textbox', { name: 'Value of $2' })).toHaveValue('0.5');
    expect(screen.getByRole('combobox', { name: 'Type of $2' })).toHaveTextContent('Number');
    await waitFor(() => expect(router.state.location.search).toBe(''));
    expect(screen.getAllByRole('tab')).toHaveLength(2);
    // The same link followed again opens another tab.
    await router.navigate(`/workspaces/analytics/sql?query=${encodeURIComponent(query)}`);
    await waitFor(() => expect(screen.getAllByRole('tab')).toHaveLength(3));
    await waitFor(() => expect(router.state.location.search).toBe(''));
  });

  it('keeps each tab’s text and parameters, and closing one can be undone', async () => {
    mockServer(() => json(200, { columns: [], rows: [], row_count: 0 }));
    const { user } = renderApp('/workspaces/analytics/sql');
    await user.type(await editor(), 'SELECT $1');
    await user.type(screen.getByRole('textbox', { name: 'Value of $1' }), 'first');
    await user.click(screen.getByRole('button', { name: 'New tab' }));
    expect(await editor()).toHaveValue('');
    await user.click(screen.getByRole('tab', { name: 'Query 1' }));
    expect(await editor()).toHaveValue('SELECT $1');
    expect(screen.getByRole('textbox', { name: 'Value of $1' })).toHaveValue('first');

    const first = screen.getByRole('tab', { name: 'Query 1' });
    expect(first).toHaveAccessibleDescription('Delete closes the tab.');
    first.focus();
    await user.keyboard('{Delete}');
    expect(screen.getAllByRole('tab')).toHaveLength(1);
    await user.click(await screen.findByRole('button', { name: 'Undo' }));
    expect(screen.getAllByRole('tab')).toHaveLength(2);
    expect(await editor()).toHaveValue('SELECT $1');
  });

  it('runs a script statement by statement, stops at an error, and goes on when told to', async () => {
    const api = mockServer((request) => {
      const { query } = request.body as { query: string };
      if (query.includes('nope'))
        return apiError(400, 'query_error', 'column "nope" does not exist');
      return json(200, { columns: ['n'], rows: [[1]], row_count: 1, command: 'SELECT' });
    });
    const queries = () =>
      api.calls('POST /workspaces/analytics/tables/query').map((call) => call.body);
    const { user } = renderApp('/workspaces/analytics/sql');
    await user.type(await editor(), "SELECT 'a;b';{enter}SELECT nope;{enter}SELECT 3");
    await user.click(screen.getByRole('button', { name: 'Run script' }));

    expect(
      await screen.findByText('Script of 3 statements: 1 ok, 1 failed, 1 skipped'),
    ).toBeInTheDocument();
    expect(queries()).toEqual([
      { query: "SELECT 'a;b'", params: [] },
      { query: 'SELECT nope', params: [] },
    ]);
    const results = screen.getByRole('tablist', { name: 'Statement results' });
    expect(
      within(results)
        .getAllByRole('tab')
        .map((tab) => tab.getAttribute('aria-label')),
    ).toEqual(['Statement 1: ok', 'Statement 2: error', 'Statement 3: skipped']);
    // The failed statement is shown.
    expect(screen.getByRole('tab', { name: 'Statement 2: error' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    expect(screen.getByRole('alert')).toHaveTextContent('column "nope" does not exist');

    await user.click(screen.getByRole('switch', { name: 'Continue after errors' }));
    await user.click(screen.getByRole('button', { name: 'Run script' }));
    expect(await screen.findByText('Script of 3 statements: 2 ok, 1 failed')).toBeInTheDocument();
    expect(queries()).toHaveLength(5);
    await user.click(screen.getByRole('tab', { name: 'Statement 3: ok' }));
    expect(screen.getByRole('grid', { name: 'Query result' })).toBeInTheDocument();
  });

  it('asks once before a script with destructive statements, naming each', async () => {
    const api = mockServer(() =>
      json(200, { columns: [], rows: [], row_count: 0, command: 'DROP TABLE' }),
    );
    const { user } = renderApp('/workspaces/analytics/sql');
    await user.type(await editor(), 'DROP TABLE a;{enter}SELECT 1;{enter}DELETE FROM b');
    await user.click(screen.getByRole('button', { name: 'Run script' }));
    const dialog = await screen.findByRole('alertdialog', {
      name: 'Run a script with destructive statements?',
    });
    expect(dialog).toHaveTextContent(
      'Statement 1: DROP TABLE a deletes the table and all its rows.',
    );
    expect(dialog).toHaveTextContent('Statement 3: DELETE without WHERE removes every row of b.');
    expect(api.calls('POST /workspaces/analytics/tables/query')).toHaveLength(0);
    await user.click(within(dialog).getByRole('button', { name: 'Run script' }));
    await waitFor(() =>
      expect(api.calls('POST /workspaces/analytics/tables/query')).toHaveLength(3),
    );
  });

  it('explains without running, and asks before Explain analyze of a write, which rolls back', async () => {
    const plan = [
      {
        Plan: {
          'Node Type': 'ModifyTable',
          Operation: 'Update',
          'Relation Name': 'docs',
          'Total Cost': 8,
          'Plan Rows': 1,
          Plans: [
            {
              'Node Type': 'Index Scan',
              'Relation Name': 'docs',
              'Index Name': 'docs_pkey',
              'Total Cost': 8,
              'Plan Rows': 1,
            },
          ],
        },
      },
    ];
    const api = mockServer((request) =>
      json(200, {
        columns: ['QUERY PLAN'],
        rows: [[plan]],
        row_count: 1,
        committed: !(request.body as { rollback?: boolean }).rollback,
      }),
    );
    const bodies = () => api.calls('POST /workspaces/analytics/tables/query').map((c) => c.body);
    const { user } = renderApp('/workspaces/analytics/sql');
    await user.type(await editor(), "UPDATE docs SET title = 'x' WHERE id = $1");
    await user.type(screen.getByRole('textbox', { name: 'Value of $1' }), '3');
    await user.click(screen.getByRole('button', { name: 'Explain' }));
    const tree = await screen.findByRole('list', { name: 'Query plan' });
    expect(within(tree).getByText('docs_pkey')).toBeInTheDocument();
    expect(bodies()).toEqual([
      { query: "EXPLAIN (FORMAT JSON) UPDATE docs SET title = 'x' WHERE id = $1", params: ['3'] },
    ]);

    await user.click(screen.getByRole('button', { name: 'Explain analyze' }));
    const dialog = await screen.findByRole('alertdialog', {
      name: 'Run the statement to measure it?',
    });
    await user.click(within(dialog).getByRole('button', { name: 'Explain analyze' }));
    await screen.findByText(/rolled back: nothing it changed was kept/);
    // First a probe that the server rolls back at all, then the statement.
    expect(bodies()[1]).toEqual({ query: 'SELECT 1', params: [], rollback: true });
    expect(bodies()[2]).toEqual({
      query: "EXPLAIN (FORMAT JSON, ANALYZE, BUFFERS) UPDATE docs SET title = 'x' WHERE id = $1",
      params: ['3'],
      rollback: true,
    });
  });

  it('does not Explain analyze a write on a server that ignores rollback', async () => {
    // A hosted API commits whatever it runs, and says nothing of a rollback.
    const api = mockServer(() => json(200, { columns: ['n'], rows: [[1]], row_count: 1 }));
    const { user } = renderApp('/workspaces/analytics/sql');
    await user.type(await editor(), 'DELETE FROM docs WHERE id = 1');
    await user.click(screen.getByRole('button', { name: 'Explain analyze' }));
    const dialog = await screen.findByRole('alertdialog', {
      name: 'Run the statement to measure it?',
    });
    await user.click(within(dialog).getByRole('button', { name: 'Explain analyze' }));
    expect(await screen.findByText(/does not roll statements back on request/)).toBeInTheDocument();
    expect(api.calls('POST /workspaces/analytics/tables/query').map((c) => c.body)).toEqual([
      { query: 'SELECT 1', params: [], rollback: true },
    ]);
  });
});
