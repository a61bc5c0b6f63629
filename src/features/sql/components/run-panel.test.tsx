import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { SentText } from '../lib/prepare-run';
import type { RunState } from '../state/run-store';
import { RunPanel } from './run-panel';

beforeEach(() => {
  vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(400);
  vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockReturnValue(900);
});

const sent = (text: string, script = text, start = 0): SentText => ({ text, script, start });

function show(state: RunState, onShowError?: () => void) {
  return render(<RunPanel state={state} onShowError={onShowError} />);
}

describe('RunPanel', () => {
  it('shows rows with their count, time and column types', () => {
    show({
      status: 'result',
      sent: sent('SELECT id, tags FROM t'),
      elapsedMs: 42,
      result: {
        columns: ['id', 'tags'],
        types: ['int4', '_text'],
        rows: [
          [1, ['a']],
          [2, []],
        ],
        row_count: 2,
        command: 'SELECT',
        duration_ms: 3,
      },
    });
    expect(screen.getByRole('status')).toHaveTextContent(
      '2 rows · SELECT · 42 ms · 3 ms on the server',
    );
    const grid = screen.getByRole('grid', { name: 'Query result' });
    expect(grid).toHaveTextContent('int4');
    expect(grid).toHaveTextContent('text[]');
    expect(screen.getByRole('button', { name: 'Export CSV' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Export JSON' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Copy as TSV' })).toBeInTheDocument();
  });

  it('says how many rows an INSERT, UPDATE or DELETE touched, without a grid', () => {
    show({
      status: 'result',
      sent: sent('insert into t values (1), (2), (3)'),
      elapsedMs: 5,
      // The hosted API may send neither command nor types: read the statement.
      result: { columns: [], rows: [], row_count: 3 },
    });
    expect(screen.getByRole('status')).toHaveTextContent('3 rows inserted · INSERT · 5 ms');
    expect(screen.queryByRole('grid')).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Export CSV' })).not.toBeInTheDocument();
  });

  it('after a write the answer does not say was committed, says new rows may show late', () => {
    const late = /A hosted table may take a few seconds to show new or changed rows/;
    const { rerender } = show({
      status: 'result',
      sent: sent('UPDATE t SET a = 1'),
      elapsedMs: 5,
      // As the hosted service answers: nothing about visibility.
      result: { columns: [], rows: [], row_count: 2 },
    });
    expect(screen.getByText(late)).toBeInTheDocument();
    // The bundled server says its writes are committed: nothing to warn of.
    rerender(
      <RunPanel
        state={{
          status: 'result',
          sent: sent('UPDATE t SET a = 1'),
          elapsedMs: 5,
          result: { columns: [], rows: [], row_count: 2, command: 'UPDATE', committed: true },
        }}
      />,
    );
    expect(screen.queryByText(late)).not.toBeInTheDocument();
    // A read never warns.
    rerender(
      <RunPanel
        state={{
          status: 'result',
          sent: sent('SELECT 1'),
          elapsedMs: 5,
          result: { columns: ['?column?'], rows: [[1]], row_count: 1 },
        }}
      />,
    );
    expect(screen.queryByText(late)).not.toBeInTheDocument();
    // Nor a batch whose every answer said committed; one that did not, does.
    const batch = (committed: boolean): RunState => ({
      status: 'batch-result',
      sent: sent('INSERT INTO t VALUES ($1)'),
      elapsedMs: 10,
      summary: { rowCount: 2, rows: 2, chunks: 1, command: 'INSERT', committed },
    });
    rerender(<RunPanel state={batch(true)} />);
    expect(screen.queryByText(late)).not.toBeInTheDocument();
    rerender(<RunPanel state={batch(false)} />);
    expect(screen.getByText(late)).toBeInTheDocument();
  });

  it('says clearly when the server cut the result short', () => {
    show({
      status: 'result',
      sent: sent('SELECT * FROM big'),
      elapsedMs: 900,
      result: { columns: ['n'], rows: [[1], [2]], row_count: 2, truncated: true },
    });
    expect(
      screen.getByText(/The server stopped at its limit: these are the first 2 rows/),
    ).toBeInTheDocument();
  });

  it('copies the rows as TSV', async () => {
    const user = userEvent.setup();
    const writeText = vi.spyOn(navigator.clipboard, 'writeText');
    show({
      status: 'result',
      sent: sent('SELECT'),
      elapsedMs: 1,
      result: { columns: ['a', 'b'], rows: [['x', null]], row_count: 1 },
    });
    await user.click(screen.getByRole('button', { name: 'Copy as TSV' }));
    expect(writeText).toHaveBeenCalledWith('a\tb\nx\t\n');
  });

  it('shows a SQL error with its place in the script, detail and hint', async () => {
    const user = userEvent.setup();
    const onShowError = vi.fn();
    const script = 'SELECT 1;\nSELECT nope FROM t';
    show(
      {
        status: 'error',
        sent: sent('SELECT nope FROM t', script, 10),
        error: {
          message: 'column "nope" does not exist',
          code: 'sql_error',
          status: 400,
          sqlstate: '42703',
          position: 8,
          hint: 'Perhaps you meant "note".',
        },
      },
      onShowError,
    );
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent('column "nope" does not exist');
    expect(alert).toHaveTextContent('Hint: Perhaps you meant "note".');
    expect(alert).toHaveTextContent('SQLSTATE 42703 · line 2, column 8 · sql_error');
    await user.click(screen.getByRole('button', { name: 'Show in editor' }));
    expect(onShowError).toHaveBeenCalled();
  });

  it('names the failing row of a chunked batch and what stays applied', () => {
    show({
      status: 'error',
      sent: sent('INSERT INTO t VALUES ($1)'),
      error: {
        message: 'invalid input syntax for type integer: "x"',
        code: 'sql_error',
        status: 400,
      },
      batch: {
        totalRows: 12_000,
        chunks: 3,
        committedRows: 5_000,
        committedRowCount: 5_000,
        chunkStart: 5_000,
        chunkEnd: 10_000,
        failedRow: 7_344,
      },
    });
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent(`Row ${(7_345).toLocaleString()} failed: invalid input syntax`);
    expect(alert).toHaveTextContent(
      `Rows 1–${(5_000).toLocaleString()} (earlier requests) were applied and stay`,
    );
    expect(alert).toHaveTextContent(
      `Rows ${(5_001).toLocaleString()}–${(10_000).toLocaleString()} (this request) were rolled back.`,
    );
    expect(alert).toHaveTextContent(
      `Rows ${(10_001).toLocaleString()}–${(12_000).toLocaleString()} were not sent.`,
    );
  });

  it('says a one-request batch was all or nothing', () => {
    show({
      status: 'error',
      sent: sent('INSERT INTO t VALUES ($1)'),
      error: { message: 'boom', code: 'sql_error', status: 400 },
      batch: {
        totalRows: 3,
        chunks: 1,
        committedRows: 0,
        committedRowCount: 0,
        chunkStart: 0,
        chunkEnd: 3,
        failedRow: 1,
      },
    });
    expect(screen.getByRole('alert')).toHaveTextContent('Row 2 failed: boom');
    expect(screen.getByRole('alert')).toHaveTextContent(
      'The batch ran as one transaction: no row was applied.',
    );
  });

  it('shows batch progress while it runs, and a finished batch’s total', () => {
    const { rerender } = show({
      status: 'running',
      kind: 'batch',
      startedAt: Date.now(),
      cancel: () => {},
      progress: { doneRows: 5_000, totalRows: 20_000, chunk: 2, chunks: 4 },
    });
    const bar = screen.getByRole('progressbar', { name: 'Batch progress' });
    expect(bar).toHaveAttribute('aria-valuenow', '5000');
    expect(bar).toHaveAttribute('aria-valuemax', '20000');
    expect(screen.getByRole('status')).toHaveTextContent(
      /^Sent 5,000 of 20,000 rows \(request 2 of 4\)/,
    );

    rerender(
      <RunPanel
        state={{
          status: 'batch-result',
          sent: sent('INSERT INTO t VALUES ($1)'),
          elapsedMs: 2_500,
          summary: {
            rowCount: 20_000,
            rows: 20_000,
            chunks: 4,
            command: 'INSERT',
            committed: true,
          },
        }}
      />,
    );
    expect(screen.getByRole('status')).toHaveTextContent(
      'Batch done: 20,000 rows inserted from 20,000 parameter rows',
    );
    expect(screen.getByRole('status')).toHaveTextContent('Sent in 4 requests · 2.50 s');
  });

  it('says what a cancel left behind', () => {
    show({ status: 'cancelled', kind: 'query', elapsedMs: 1_200 });
    expect(screen.getByRole('status')).toHaveTextContent('Cancelled after 1.20 s.');
  });

  describe('more exports and requests', () => {
    const selectResult = (overrides: Partial<Extract<RunState, { status: 'result' }>> = {}) =>
      ({
        status: 'result',
        sent: sent("SELECT id, name FROM docs WHERE name <> 'it''s'"),
        elapsedMs: 1,
        result: {
          columns: ['id', 'name'],
          rows: [
            [1, 'a'],
            [2, null],
          ],
          row_count: 2,
        },
        ...overrides,
      }) as RunState;

    // jsdom's Blob has no text().
    const blobText = (blob: Blob) =>
      new Promise<string>((resolve) => {
        const reader = new FileReader();
        reader.onload = () => resolve(reader.result as string);
        reader.readAsText(blob);
      });

    async function openMenu() {
      const user = userEvent.setup();
      await user.click(screen.getByRole('button', { name: 'More exports and requests' }));
      return { user, menu: await screen.findByRole('menu') };
    }

    it('exports the result as the v3 query API answers it, rows or columns', async () => {
      const blobs: Blob[] = [];
      URL.createObjectURL = vi.fn((blob: Blob) => {
        blobs.push(blob);
        return 'blob:export';
      });
      URL.revokeObjectURL = vi.fn();
      const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
      show(selectResult());
      let { user, menu } = await openMenu();
      await user.click(
        within(menu).getByRole('menuitem', { name: 'Export v3 JSON, one object per row' }),
      );
      ({ user, menu } = await openMenu());
      await user.click(
        within(menu).getByRole('menuitem', { name: 'Export v3 JSON, one array per column' }),
      );
      expect(click).toHaveBeenCalledTimes(2);
      const [rows, columns] = await Promise.all(blobs.map(blobText));
      expect(JSON.parse(rows!)).toEqual({
        message: 'Query successful.',
        tensors: ['id', 'name'],
        data: [
          { id: 1, name: 'a' },
          { id: 2, name: null },
        ],
      });
      expect(JSON.parse(columns!)).toEqual({
        message: 'Query successful.',
        tensors: ['id', 'name'],
        data: { id: [1, 2], name: ['a', null] },
      });
    });

    it('says why columns of one name cannot be written as v3 JSON', async () => {
      show(
        selectResult({
          result: { columns: ['?column?', '?column?'], rows: [[1, 2]], row_count: 1 },
        }),
      );
      const { menu } = await openMenu();
      const item = within(menu).getByRole('menuitem', {
        name: 'Export v3 JSON, one object per row',
      });
      expect(item).toHaveAttribute('aria-disabled', 'true');
      expect(item).toHaveAccessibleDescription(/"\?column\?" is used more than once/);
      // Without where it ran, no request is offered.
      expect(within(menu).queryByRole('menuitem', { name: /curl/ })).not.toBeInTheDocument();
    });

    it('copies the statement and its params as a request, from the keyboard', async () => {
      const writeText = vi.spyOn(navigator.clipboard, 'writeText');
      render(
        <RunPanel
          state={selectResult({ sent: sent('SELECT $1::int AS id'), params: [7] })}
          orgId="acme"
          workspaceId="ws1"
        />,
      );
      const user = userEvent.setup();
      screen.getByRole('button', { name: 'More exports and requests' }).focus();
      await user.keyboard('{Enter}');
      const menu = await screen.findByRole('menu');
      const curl = within(menu).getByRole('menuitem', { name: 'Copy curl request' });
      while (document.activeElement !== curl) await user.keyboard('{ArrowDown}');
      await user.keyboard('{Enter}');
      expect(writeText).toHaveBeenCalledWith(
        [
          `curl -sS -X POST '${window.location.origin}/api/workspaces/ws1/tables/query' \\`,
          '  -H "Authorization: Bearer $DEEPLAKE_API_TOKEN" \\',
          "  -H 'X-Activeloop-Org-Id: acme' \\",
          "  -H 'Content-Type: application/json' \\",
          `  --data-binary '{"query":"SELECT $1::int AS id","params":[7]}'`,
        ].join('\n'),
      );
      expect(screen.queryByRole('menu')).not.toBeInTheDocument();
      // The v3 API has no $n parameters: offered, but not for this statement, and it says why.
      await user.click(screen.getByRole('button', { name: 'More exports and requests' }));
      const v3 = within(await screen.findByRole('menu')).getByRole('menuitem', {
        name: 'Copy v3 curl request',
      });
      expect(v3).toHaveAttribute('aria-disabled', 'true');
      expect(v3).toHaveAccessibleDescription(/takes no \$n parameters/);
    });

    it('copies a v3 request with the tables named by hub path', async () => {
      const writeText = vi.spyOn(navigator.clipboard, 'writeText');
      render(<RunPanel state={selectResult()} orgId="acme" workspaceId="ws1" />);
      const { user, menu } = await openMenu();
      await user.click(within(menu).getByRole('menuitem', { name: 'Copy v3 Python request' }));
      const python = writeText.mock.calls[0]![0];
      expect(python).toContain(
        `query = "SELECT id, name FROM \\"hub://acme/ws1/docs\\" AS docs WHERE name <> 'it''s'"`,
      );
      expect(python).toContain(`    "${window.location.origin}/api/query/v1",`);
      expect(python).toContain('json={"query": query, "as_list": True}');
      expect(python).not.toContain('X-Activeloop-Org-Id');
    });
  });
});
