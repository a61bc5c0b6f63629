import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { DataGrid } from './data-grid';
import type { DataGridProps, GridColumn, GridSort } from './types';

// jsdom lays nothing out; give every element a viewport so the virtualizers pick a window.
beforeEach(() => {
  vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(400);
  vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockReturnValue(900);
});

const columns: GridColumn[] = [
  { name: 'id', type: 'int4' },
  { name: 'title', type: 'text' },
  { name: 'score', type: 'numeric' },
  { name: 'meta', type: 'jsonb' },
];
const rows = [
  [1, 'alpha', '10.5', { k: 1 }],
  [2, 'NULL', '9.25', null],
  [3, null, '100', { k: 3 }],
];

function renderGrid(props: Partial<DataGridProps> = {}) {
  const user = userEvent.setup();
  const utils = render(
    <div style={{ height: 400 }}>
      <DataGrid label="Results" columns={columns} rows={rows} {...props} />
    </div>,
  );
  return { user, ...utils, grid: screen.getByRole('grid', { name: 'Results' }) };
}

/** Data rows in display order, as their cells' text. */
function bodyRows(grid: HTMLElement) {
  return within(grid)
    .getAllByRole('row')
    .slice(1)
    .sort(
      (a, b) => Number(a.getAttribute('aria-rowindex')) - Number(b.getAttribute('aria-rowindex')),
    )
    .map((row) =>
      within(row)
        .queryAllByRole('gridcell')
        .map((cell) => cell.textContent),
    );
}

const header = (name: RegExp) => screen.getByRole('columnheader', { name });

describe('DataGrid structure', () => {
  it('names each column with its readable type and counts rows and columns', () => {
    const { grid } = renderGrid({ columns: [...columns, { name: 'embedding', type: '_float4' }] });

    expect(grid).toHaveAttribute('aria-rowcount', '4');
    expect(grid).toHaveAccessibleDescription(/Arrow keys move between cells/);
    expect(grid).toHaveAttribute('aria-colcount', '6');
    expect(header(/^embedding/)).toHaveTextContent('embeddingfloat4[]');
    expect(header(/^id/)).toHaveAttribute('aria-colindex', '2');
    expect(screen.getAllByRole('rowheader').map((cell) => cell.textContent)).toEqual([
      '1',
      '2',
      '3',
    ]);
  });

  it('numbers rows from the page offset', () => {
    renderGrid({ firstRowNumber: 201 });
    expect(screen.getAllByRole('rowheader').map((cell) => cell.textContent)).toEqual([
      '201',
      '202',
      '203',
    ]);
  });

  it('keeps only a window of a 100,000-row, 10-column result in the DOM', () => {
    vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockReturnValue(600);
    const wide = Array.from({ length: 10 }, (_, i) => ({ name: `c${i}`, type: 'int4' }));
    const many = Array.from({ length: 100_000 }, (_, r) => wide.map((_, c) => r * 10 + c));
    const started = performance.now();
    const { grid } = renderGrid({ columns: wide, rows: many });
    const elapsed = performance.now() - started;

    expect(grid).toHaveAttribute('aria-rowcount', '100001');
    const rendered = within(grid).getAllByRole('row');
    expect(rendered.length).toBeGreaterThan(5);
    expect(rendered.length).toBeLessThan(40);
    expect(rendered[1]).toHaveAttribute('aria-rowindex', '2');
    // 600px shows about five 104px columns; two more on each side are overscan.
    const cells = within(rendered[1]!).getAllByRole('gridcell');
    expect(cells.length).toBeLessThan(10);
    expect(cells[0]).toHaveAttribute('aria-colindex', '2');
    // jsdom is far slower than a browser; this only catches work proportional to the rows.
    expect(elapsed).toBeLessThan(3000);
  });

  it('virtualizes columns too', () => {
    const wide = Array.from({ length: 200 }, (_, i) => ({ name: `column_${i}`, type: 'text' }));
    renderGrid({ columns: wide, rows: [wide.map((c) => c.name)] });
    const headers = screen.getAllByRole('columnheader');
    expect(headers.length).toBeLessThan(12);
    expect(screen.getByRole('grid')).toHaveAttribute('aria-colcount', '201');
  });

  it('says so when there are no rows', () => {
    renderGrid({ rows: [] });
    expect(screen.getByRole('gridcell', { name: 'No rows' })).toBeInTheDocument();
  });
});

describe('DataGrid cells', () => {
  it('renders each value by its type, NULL apart from the string NULL', () => {
    const { grid } = renderGrid();
    expect(bodyRows(grid)).toEqual([
      ['1', 'alpha', '10.5', '{"k":1}'],
      ['2', 'NULL', '9.25', 'NULL'],
      ['3', 'NULL', '100', '{"k":3}'],
    ]);
    const [, , second, third] = within(grid).getAllByRole('row');
    expect(within(second!).getAllByRole('gridcell')[1]!.querySelector('[data-null]')).toBeNull();
    expect(within(third!).getAllByRole('gridcell')[1]!.querySelector('[data-null]')).not.toBeNull();
  });

  it('lets the parent render a cell, or fall back to the default', () => {
    renderGrid({
      renderCell: ({ column, value, rowIndex }) =>
        column.name === 'title' && rowIndex === 0 ? <mark>custom {String(value)}</mark> : undefined,
    });
    expect(screen.getByText('custom alpha')).toBeInTheDocument();
    expect(screen.getAllByText('NULL').length).toBeGreaterThan(0);
  });
});

describe('DataGrid sorting', () => {
  it('sorts the given rows itself: ascending, descending, then as given', async () => {
    const { user, grid } = renderGrid();
    const score = header(/^score/);
    expect(score).not.toHaveAttribute('aria-sort');

    await user.click(score);
    expect(score).toHaveAttribute('aria-sort', 'ascending');
    expect(bodyRows(grid).map((r) => r[2])).toEqual(['9.25', '10.5', '100']);

    await user.click(score);
    expect(score).toHaveAttribute('aria-sort', 'descending');
    expect(bodyRows(grid).map((r) => r[2])).toEqual(['100', '10.5', '9.25']);

    await user.click(score);
    expect(score).not.toHaveAttribute('aria-sort');
    expect(bodyRows(grid).map((r) => r[0])).toEqual(['1', '2', '3']);
  });

  it('puts NULLs last ascending and first descending', async () => {
    const { user, grid } = renderGrid();
    await user.click(header(/^title/));
    expect(bodyRows(grid).map((r) => r[1])).toEqual(['NULL', 'alpha', 'NULL']);
    // The string "NULL" sorts as text ('N' < 'a'); SQL NULL goes last.
    expect(within(grid).getAllByRole('row')[3]!.querySelector('[data-null]')).not.toBeNull();
  });

  it('leaves sorting to the parent when it handles sort changes', async () => {
    const onSortChange = vi.fn();
    const { user, grid } = renderGrid({
      sort: { column: 'id', direction: 'desc' },
      onSortChange,
    });
    expect(header(/^id/)).toHaveAttribute('aria-sort', 'descending');
    // The rows are shown as given: the server sorted them.
    expect(bodyRows(grid).map((r) => r[0])).toEqual(['1', '2', '3']);

    await user.click(header(/^id/));
    expect(onSortChange).toHaveBeenLastCalledWith(null);
    await user.click(header(/^title/));
    expect(onSortChange).toHaveBeenLastCalledWith({ column: 'title', direction: 'asc' });
  });

  it('follows the controlled sort as it changes', async () => {
    function Controlled() {
      const [sort, setSort] = useState<GridSort | null>(null);
      return (
        <div style={{ height: 400 }}>
          <output>{sort ? `${sort.column} ${sort.direction}` : 'unsorted'}</output>
          <DataGrid
            label="Results"
            columns={columns}
            rows={rows}
            sort={sort}
            onSortChange={setSort}
          />
        </div>
      );
    }
    const user = userEvent.setup();
    render(<Controlled />);
    await user.click(header(/^title/));
    await user.click(header(/^title/));
    expect(screen.getByText('title desc')).toBeInTheDocument();
    expect(header(/^title/)).toHaveAttribute('aria-sort', 'descending');
  });
});

describe('DataGrid keyboard', () => {
  it('has one tab stop and moves between cells with the arrow keys', async () => {
    const { user } = renderGrid();
    await user.tab();
    expect(header(/^id/)).toHaveFocus();
    expect(screen.getAllByRole('columnheader').filter((h) => h.tabIndex === 0)).toHaveLength(1);

    await user.keyboard('{ArrowDown}');
    const firstCell = document.activeElement as HTMLElement;
    expect(firstCell).toHaveAttribute('role', 'gridcell');
    expect(firstCell).toHaveTextContent('1');
    expect(firstCell.tabIndex).toBe(0);

    await user.keyboard('{ArrowRight}{ArrowDown}');
    expect(document.activeElement).toHaveTextContent('NULL');
    await user.keyboard('{End}');
    expect(document.activeElement).toHaveAttribute('aria-colindex', '5');
    await user.keyboard('{Control>}{Home}{/Control}');
    expect(document.activeElement).toHaveTextContent('1');
    await user.keyboard('{Control>}{End}{/Control}');
    expect(document.activeElement).toHaveTextContent('{"k":3}');
    await user.keyboard('{ArrowDown}{ArrowRight}');
    expect(document.activeElement).toHaveTextContent('{"k":3}');

    // Leaving and coming back lands on the same cell.
    await user.tab({ shift: true });
    await user.tab();
    expect(document.activeElement).toHaveTextContent('{"k":3}');
    expect(screen.getAllByRole('gridcell').filter((c) => c.tabIndex === 0)).toHaveLength(1);
  });

  it('opens the row with Enter, by its index in the given rows', async () => {
    const onRowOpen = vi.fn();
    const { user } = renderGrid({ onRowOpen });
    await user.click(header(/^score/)); // ascending: 9.25 (row 1) first
    await user.keyboard('{ArrowDown}{Enter}');
    expect(onRowOpen).toHaveBeenCalledWith(1);

    await user.click(screen.getByRole('button', { name: 'Open row 3' }));
    expect(onRowOpen).toHaveBeenLastCalledWith(2);
    // The row header is named by the row's number alone, not "Open row 3 3".
    expect(screen.getByRole('rowheader', { name: 'Row 3' })).toBeInTheDocument();
  });

  it('edits a cell with Enter or a double-click when it can, opening the row with Shift+Enter', async () => {
    const onRowOpen = vi.fn();
    const onCellEdit = vi.fn();
    const { user, grid } = renderGrid({
      onRowOpen,
      onCellEdit,
      cellClassName: (row, col) => (row === 1 && col === 1 ? 'staged' : undefined),
    });
    await user.click(header(/^score/)); // ascending: 9.25 (row 1) first
    await user.keyboard('{ArrowDown}{ArrowLeft}{Enter}');
    expect(onCellEdit).toHaveBeenCalledWith(1, 1);
    await user.keyboard('{Shift>}{Enter}{/Shift}');
    expect(onRowOpen).toHaveBeenCalledWith(1);
    await user.dblClick(within(grid).getByRole('gridcell', { name: 'alpha' }));
    expect(onCellEdit).toHaveBeenLastCalledWith(0, 1);
    expect(onRowOpen).toHaveBeenCalledTimes(1);
    // By data index: row 1 (shown first, sorted) holds the string "NULL".
    expect(grid.querySelector('[data-row="0"][data-col="1"]')).toHaveClass('staged');
    expect(grid.querySelectorAll('.staged')).toHaveLength(1);
  });

  it('hands a paste on a focused cell to the parent, with the cell', async () => {
    const onCellPaste = vi.fn();
    const { user } = renderGrid({ onCellPaste });
    await user.tab();
    await user.keyboard('{ArrowDown}{ArrowDown}{ArrowRight}');
    await user.paste('a\tb\nc\td');
    expect(onCellPaste).toHaveBeenCalledWith(1, 1, 'a\tb\nc\td');
  });

  it('sorts from the header with Enter', async () => {
    const { user } = renderGrid();
    await user.tab();
    await user.keyboard('{ArrowRight}{Enter}');
    expect(header(/^title/)).toHaveAttribute('aria-sort', 'ascending');
  });

  it('copies the focused cell with Ctrl+C, NULL as empty, a header as its name', async () => {
    const { user } = renderGrid();
    await user.tab();
    await user.keyboard('{Control>}c{/Control}');
    expect(await navigator.clipboard.readText()).toBe('id');
    await user.keyboard('{ArrowDown}{ArrowRight}{ArrowRight}{ArrowRight}');
    await user.keyboard('{Control>}c{/Control}');
    expect(await navigator.clipboard.readText()).toBe('{"k":1}');

    // user-event's clipboard cannot hold an empty text, so watch what is written.
    const writeText = vi.spyOn(navigator.clipboard, 'writeText');
    await user.keyboard('{ArrowDown}{Meta>}c{/Meta}');
    expect(writeText).toHaveBeenLastCalledWith('');
  });

  it('copies a cell with its copy button', async () => {
    const { user, grid } = renderGrid();
    const cell = within(within(grid).getAllByRole('row')[1]!).getAllByRole('gridcell')[1]!;
    await user.hover(cell);
    await user.click(within(cell).getByRole('button', { name: 'Copy value', hidden: true }));
    expect(await navigator.clipboard.readText()).toBe('alpha');
  });

  it('shows the full value with Space and gives focus back on Escape', async () => {
    const { user } = renderGrid();
    await user.tab();
    await user.keyboard('{ArrowDown}{End}');
    const cell = document.activeElement as HTMLElement;
    await user.keyboard(' ');

    const popover = await screen.findByRole('dialog', { name: 'Value of meta' });
    expect(popover.querySelector('pre')?.textContent).toBe('{\n  "k": 1\n}');
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(cell).toHaveFocus();
  });

  it('opens the full value from the cell button', async () => {
    const { user, grid } = renderGrid();
    const cell = within(within(grid).getAllByRole('row')[1]!).getAllByRole('gridcell')[1]!;
    await user.hover(cell);
    await user.click(within(cell).getByRole('button', { name: 'Show full value', hidden: true }));
    const popover = await screen.findByRole('dialog', { name: 'Value of title' });
    expect(popover).toHaveTextContent('alpha');
    await user.click(within(popover).getByRole('button', { name: 'Copy' }));
    expect(await navigator.clipboard.readText()).toBe('alpha');
  });
});

describe('DataGrid widths', () => {
  const widthOf = (name: RegExp) => Number.parseFloat(header(name).style.width);

  it('resizes a column from the keyboard and remembers it under the storage key', async () => {
    const { user, unmount } = renderGrid({ widthStorageKey: 'test-table' });
    const before = widthOf(/^id/);
    await user.tab();
    await user.keyboard('{Alt>}{ArrowRight}{ArrowRight}{/Alt}');
    expect(widthOf(/^id/)).toBe(before + 32);
    await user.keyboard('{Alt>}{ArrowLeft}{/Alt}');
    expect(widthOf(/^id/)).toBe(before + 16);
    unmount();

    renderGrid({ widthStorageKey: 'test-table' });
    expect(widthOf(/^id/)).toBe(before + 16);
  });

  it('resizes by dragging the handle, and a double click resets', async () => {
    const { user } = renderGrid({ widthStorageKey: 'drag' });
    const before = widthOf(/^title/);
    const handle = header(/^title/).querySelector<HTMLElement>('[data-resize-handle]')!;
    await act(async () => {
      handle.dispatchEvent(new MouseEvent('mousedown', { bubbles: true, clientX: 100 }));
      document.dispatchEvent(new MouseEvent('mousemove', { bubbles: true, clientX: 160 }));
      document.dispatchEvent(new MouseEvent('mouseup', { bubbles: true, clientX: 160 }));
    });
    expect(widthOf(/^title/)).toBe(before + 60);
    expect(JSON.parse(localStorage.getItem('dlc.grid-widths.drag')!)).toEqual({
      title: before + 60,
    });

    await user.dblClick(handle);
    expect(widthOf(/^title/)).toBe(before);
    expect(localStorage.getItem('dlc.grid-widths.drag')).toBeNull();
  });

  it('ignores widths in storage that are not numbers', () => {
    localStorage.setItem('dlc.grid-widths.bad', '{"id": "wide", "title": 1e9}');
    renderGrid({ widthStorageKey: 'bad' });
    expect(widthOf(/^title/)).toBe(1200);
    expect(widthOf(/^id/)).toBe(104);
  });
});

describe('DataGrid row actions', () => {
  it('puts them in a trailing column reachable with the arrow keys', async () => {
    const onFind = vi.fn();
    const { user } = renderGrid({
      rowActions: (index) => (
        <button type="button" onClick={() => onFind(index)}>
          Find similar
        </button>
      ),
    });
    expect(screen.getByRole('columnheader', { name: 'Actions' })).toBeInTheDocument();
    const buttons = screen.getAllByRole('button', { name: 'Find similar' });
    expect(buttons).toHaveLength(3);
    expect(buttons.every((b) => b.tabIndex === -1)).toBe(true);

    await user.tab();
    await user.keyboard('{ArrowDown}{ArrowDown}{End}');
    expect(document.activeElement).toBe(buttons[1]);
    await user.keyboard('{Enter}');
    expect(onFind).toHaveBeenCalledWith(1);
    await user.keyboard('{ArrowLeft}');
    expect(document.activeElement).toHaveAttribute('aria-colindex', '5');
    expect(document.activeElement).toHaveTextContent('NULL');
  });
});
