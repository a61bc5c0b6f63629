import type { VirtualItem } from '@tanstack/react-virtual';
import clsx from 'clsx';
import { PanelRightOpen } from 'lucide-react';
import { memo, useLayoutEffect, useRef } from 'react';
import { isExpandable, valueKind } from './cell-format';
import { CellTools, ValuePopover } from './cell-tools';
import { CellValue } from './cell-value';
import type { DataGridProps, GridCellContext, GridColumn } from './types';
import type { GridRowData } from './use-grid-table';

/**
 * What a row asks of the grid. Passed in a ref the grid refreshes every render, so the
 * callbacks are always current without making every memoized row render again.
 */
export interface RowHandlers {
  openRow: (dataIndex: number) => void;
  copy: (row: number, col: number) => void;
  expand: (row: number, col: number) => void;
  collapse: (row: number, col: number) => void;
  /** Present when cells can be edited: a double-click edits instead of opening the row. */
  editCell: ((dataIndex: number, col: number) => void) | undefined;
}

interface GridRowProps {
  /** Position in display (sorted) order. */
  displayIndex: number;
  /** Index in the rows the grid was given. */
  dataIndex: number;
  values: GridRowData;
  /** Offset from the top of the body (below the header). */
  top: number;
  height: number;
  columns: readonly GridColumn[];
  virtualColumns: VirtualItem[];
  totalWidth: number;
  rowNumber: number;
  rowNumberWidth: number;
  actionsWidth: number;
  /** Columns of this row's focused, hovered and expanded cells; null when not in this row. */
  activeCol: number | null;
  hoverCol: number | null;
  expandedCol: number | null;
  canOpen: boolean;
  renderCell: DataGridProps['renderCell'];
  rowActions: DataGridProps['rowActions'];
  handlers: { current: RowHandlers };
  cellClassName: DataGridProps['cellClassName'];
}

/** One row; memoized so scrolling renders only the rows that come into view. */
export const GridRow = memo(function GridRow({
  displayIndex,
  dataIndex,
  values,
  top,
  height,
  columns,
  virtualColumns,
  totalWidth,
  rowNumber,
  rowNumberWidth,
  actionsWidth,
  activeCol,
  hoverCol,
  expandedCol,
  canOpen,
  renderCell,
  rowActions,
  handlers,
  cellClassName,
}: GridRowProps) {
  const actionsRef = useRef<HTMLDivElement>(null);
  const columnCount = columns.length;
  const actionsActive = activeCol === columnCount;

  // Only the focused cell is a tab stop, including widgets the parent put in the actions cell.
  useLayoutEffect(() => {
    actionsRef.current
      ?.querySelectorAll<HTMLElement>('button, a[href], input, select, textarea')
      .forEach((element, index) => {
        element.tabIndex = actionsActive && index === 0 ? 0 : -1;
      });
  });

  const rowActive = activeCol !== null;
  return (
    <div
      role="row"
      aria-rowindex={displayIndex + 2}
      className={clsx(
        'group/row absolute top-0 left-0 flex',
        rowActive ? 'bg-accent/5' : 'hover:bg-raised/60',
      )}
      style={{
        width: totalWidth,
        height,
        // Cells centre their text with it (less their bottom border).
        lineHeight: `${height - 1}px`,
        transform: `translateY(${top}px)`,
      }}
      onDoubleClick={(event) => {
        const cell = (event.target as Element).closest<HTMLElement>('[data-col]');
        if (!cell) return;
        const { editCell } = handlers.current;
        const col = Number(cell.dataset.col);
        if (editCell && col < columnCount) editCell(dataIndex, col);
        else if (canOpen) handlers.current.openRow(dataIndex);
      }}
    >
      <div
        role="rowheader"
        aria-colindex={1}
        // Named by its number alone: the open button inside would otherwise join the name.
        aria-label={`Row ${rowNumber}`}
        className={clsx(
          'sticky left-0 z-10 flex h-full shrink-0 items-center justify-end gap-1 border-r border-b border-border px-2 font-mono text-xs text-muted tabular-nums',
          rowActive ? 'bg-raised' : 'bg-surface group-hover/row:bg-raised',
        )}
        style={{ width: rowNumberWidth }}
      >
        {canOpen && (
          <button
            type="button"
            tabIndex={-1}
            aria-label={`Open row ${rowNumber}`}
            title="Open row (Enter)"
            className={clsx(
              'mr-auto rounded p-0.5 text-muted hover:bg-border/60 hover:text-fg',
              rowActive ? 'opacity-100' : 'opacity-0 group-hover/row:opacity-100',
            )}
            onClick={() => handlers.current.openRow(dataIndex)}
          >
            <PanelRightOpen aria-hidden className="size-3.5" />
          </button>
        )}
        {rowNumber}
      </div>
      {virtualColumns.map((item) => {
        const col = item.index;
        const column = columns[col]!;
        const value = values[col];
        const context: GridCellContext = { column, columnIndex: col, value, rowIndex: dataIndex };
        const custom = renderCell?.(context);
        const isActive = activeCol === col;
        const showTools = isActive || hoverCol === col;
        const right = valueKind(value, column.type) === 'number';
        return (
          <div
            key={item.key}
            role="gridcell"
            aria-colindex={col + 2}
            tabIndex={isActive ? 0 : -1}
            data-row={displayIndex}
            data-col={col}
            // A plain block with the row's line height: no wrapper and no flex layout per cell,
            // which is most of the work of a frame while scrolling.
            className={clsx(
              'group/cell absolute top-0 h-full truncate border-r border-b border-border/70 px-2',
              'focus:outline-2 focus:-outline-offset-2 focus:outline-accent',
              right && 'text-right',
              cellClassName?.(dataIndex, col),
            )}
            style={{ left: item.start, width: item.size }}
          >
            {custom === undefined ? <CellValue value={value} type={column.type} /> : custom}
            {showTools && (
              <CellTools
                onlyOnHover={!isActive}
                expandable={isExpandable(value, column.type)}
                onExpand={() => handlers.current.expand(displayIndex, col)}
                onCopy={() => handlers.current.copy(displayIndex, col)}
              />
            )}
            {expandedCol === col && (
              <ValuePopover
                column={column}
                value={value}
                onClose={() => handlers.current.collapse(displayIndex, col)}
              />
            )}
          </div>
        );
      })}
      {actionsWidth > 0 && (
        <div
          ref={actionsRef}
          role="gridcell"
          aria-colindex={columnCount + 2}
          tabIndex={-1}
          data-row={displayIndex}
          data-col={columnCount}
          className={clsx(
            'sticky right-0 z-10 ml-auto flex h-full shrink-0 items-center gap-1 border-b border-l border-border px-1.5',
            rowActive ? 'bg-raised' : 'bg-surface group-hover/row:bg-raised',
          )}
          style={{ width: actionsWidth }}
        >
          {rowActions?.(dataIndex)}
        </div>
      )}
    </div>
  );
});
