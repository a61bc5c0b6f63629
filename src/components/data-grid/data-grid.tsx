import clsx from 'clsx';
import { useId, useMemo, useRef } from 'react';
import { cellText, isExpandable } from './cell-format';
import { copyText } from './copy';
import { GridHeaderCell } from './grid-header-cell';
import { HEADER_HEIGHT } from './grid-layout';
import { GridRow, type RowHandlers } from './grid-row';
import type { DataGridProps, GridColumn } from './types';
import { useColumnSizing } from './use-column-sizing';
import { useFocusActiveCell, useGridFocus, type CellPosition } from './use-grid-focus';
import { useGridKeyboard } from './use-grid-keyboard';
import { useGridSorting } from './use-grid-sorting';
import { useGridTable } from './use-grid-table';
import { useGridVirtualizers } from './use-grid-virtualizers';

const DEFAULT_ROW_HEIGHT = 32;
const DEFAULT_ACTIONS_WIDTH = 132;

const columnsSignature = (columns: readonly GridColumn[]) =>
  columns.map((c) => `${c.name}\u0000${c.type ?? ''}`).join('\u0001');

/**
 * A virtualized, keyboard-navigable data grid for query results: only the rows and columns in
 * view are in the DOM, so a 100,000-row result renders as fast as a 50-row one.
 */
export function DataGrid({
  label,
  columns,
  rows,
  sort,
  onSortChange,
  firstRowNumber = 1,
  renderCell,
  onRowOpen,
  rowActions,
  rowActionsWidth = DEFAULT_ACTIONS_WIDTH,
  rowHeight = DEFAULT_ROW_HEIGHT,
  widthStorageKey,
  className,
  onCellEdit,
  cellClassName,
  onCellPaste,
}: DataGridProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const hintId = useId();
  const signature = columnsSignature(columns);
  // Parents often build `columns` inline; everything keyed on them follows their content.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const stableColumns = useMemo(() => columns, [signature]);
  const columnCount = stableColumns.length;
  const hasActions = rowActions !== undefined;
  const actionsWidth = hasActions ? rowActionsWidth : 0;

  const sorting = useGridSorting(stableColumns, sort, onSortChange);
  const sizing = useColumnSizing(stableColumns, signature, widthStorageKey);
  const table = useGridTable({
    columns: stableColumns,
    rows,
    sorting: sorting.sorting,
    onSortingChange: sorting.onSortingChange,
    manualSorting: sorting.manualSorting,
    sizing: sizing.sizing,
    onColumnSizingChange: sizing.onColumnSizingChange,
  });
  const tableRows = table.getRowModel().rows;
  const sizes = table.getAllLeafColumns().map((column) => column.getSize());
  const rowCount = tableRows.length;

  const focus = useGridFocus({ scrollRef, rows, rowCount, columnCount, hasActions });
  const { activeRow, activeCol } = focus;

  const lastDigits = String(firstRowNumber + Math.max(rowCount, 1) - 1).length;
  const rowNumberWidth = Math.max(44, lastDigits * 8 + 24) + (onRowOpen ? 24 : 0);

  const {
    rowVirtualizer,
    columnVirtualizer,
    virtualRows,
    virtualColumns,
    totalWidth,
    totalHeight,
  } = useGridVirtualizers({
    scrollRef,
    rowCount,
    rowHeight,
    columnCount,
    sizes,
    rowNumberWidth,
    actionsWidth,
    activeRow,
    activeCol,
  });
  // After the virtualizers: it scrolls them.
  useFocusActiveCell({
    scrollRef,
    focusPendingRef: focus.focusPendingRef,
    activeRow,
    activeCol,
    columnCount,
    rowVirtualizer,
    columnVirtualizer,
  });

  const valueAt = (row: number, col: number) => tableRows[row]?.original[col];

  function copyCell(position: CellPosition) {
    const column = stableColumns[position.col];
    if (!column) return;
    if (position.row < 0) void copyText(column.name, 'Column name');
    else void copyText(cellText(valueAt(position.row, position.col), column.type));
  }

  const onKeyDown = useGridKeyboard({
    scrollRef,
    activeRow,
    activeCol,
    lastCol: focus.lastCol,
    rowCount,
    columnCount,
    rowHeight,
    moveTo: focus.moveTo,
    toggleSort: sorting.toggleSort,
    resizeBy: (col, delta) => {
      const width = sizes[col];
      if (width !== undefined) sizing.setColumnWidth(col, width + delta);
    },
    openRow: onRowOpen ? (row) => onRowOpen(tableRows[row]!.index) : undefined,
    expandCell: ({ row, col }) => {
      if (isExpandable(valueAt(row, col), stableColumns[col]?.type)) {
        focus.setExpanded({ row, col });
      }
    },
    copyCell,
    editCell: onCellEdit ? ({ row, col }) => onCellEdit(tableRows[row]!.index, col) : undefined,
  });

  // Rows are memoized and get these through a ref, refreshed every render so they stay current.
  // Written during render as before the split (the lint did not check this component while
  // the virtualizers were made in it); rows call them from events only, after the commit.
  const handlers = useRef<RowHandlers>(null!);
  // eslint-disable-next-line react-hooks/refs
  handlers.current = {
    openRow: (dataIndex) => onRowOpen?.(dataIndex),
    editCell: onCellEdit ? (dataIndex, col) => onCellEdit(dataIndex, col) : undefined,
    copy: (row, col) => copyCell({ row, col }),
    expand: (row, col) => focus.setExpanded({ row, col }),
    collapse: (row, col) => {
      focus.setExpanded(null);
      scrollRef.current
        ?.querySelector<HTMLElement>(`[data-row="${row}"][data-col="${col}"]`)
        ?.focus({ preventScroll: true });
    },
  };

  const flatHeaders = table.getFlatHeaders();
  const { hover, expanded } = focus;

  return (
    <>
      <span id={hintId} hidden>
        Arrow keys move between cells.{' '}
        {onCellEdit
          ? 'Enter edits the cell, Shift+Enter opens the row, Space shows the full value'
          : onRowOpen
            ? 'Enter opens the row, Space shows the full value'
            : 'Enter shows the full value'}
        , Control+C copies it. On a column header, Enter sorts and Alt+Arrow keys resize.
      </span>
      <div
        ref={scrollRef}
        role="grid"
        aria-label={label}
        aria-rowcount={rowCount + 1}
        aria-colcount={columnCount + 1 + (hasActions ? 1 : 0)}
        aria-describedby={hintId}
        className={clsx(
          'relative h-full min-h-0 overflow-auto rounded-lg border border-border bg-surface text-sm text-fg',
          className,
        )}
        onKeyDown={onKeyDown}
        onFocus={focus.onFocus}
        onPointerOver={focus.onPointerOver}
        onPaste={
          onCellPaste &&
          ((event) => {
            const target = event.target as HTMLElement;
            // Only a paste on a focused body cell itself; inputs take their own.
            if (!target.matches('[data-col]') || activeRow < 0 || activeCol >= columnCount) return;
            event.preventDefault();
            onCellPaste(
              tableRows[activeRow]!.index,
              activeCol,
              event.clipboardData.getData('text/plain'),
            );
          })
        }
      >
        <div
          role="rowgroup"
          className="sticky top-0 z-20"
          style={{ width: totalWidth, height: HEADER_HEIGHT }}
        >
          <div role="row" aria-rowindex={1} className="relative flex h-full">
            <div
              role="columnheader"
              aria-colindex={1}
              className="sticky left-0 z-10 flex h-full shrink-0 items-end border-r border-b border-border bg-raised px-2 pb-1.5 text-xs text-muted"
              style={{ width: rowNumberWidth }}
            >
              <span aria-hidden>#</span>
              <span className="sr-only">Row</span>
            </div>
            {virtualColumns.map((item) => {
              const col = item.index;
              const header = flatHeaders[col];
              return (
                <GridHeaderCell
                  key={item.key}
                  item={item}
                  column={stableColumns[col]!}
                  isActive={activeRow === -1 && activeCol === col}
                  direction={sorting.sortDirection(col)}
                  onResizeStart={header?.getResizeHandler()}
                  isResizing={header?.column.getIsResizing() ?? false}
                  onActivate={() => {
                    focus.moveTo({ row: -1, col });
                    sorting.toggleSort(col);
                  }}
                  onResetWidth={() => sizing.resetColumnWidth(col)}
                />
              );
            })}
            {hasActions && (
              <div
                role="columnheader"
                aria-colindex={columnCount + 2}
                className="sticky right-0 z-10 ml-auto flex h-full shrink-0 items-center border-b border-l border-border bg-raised px-2 text-xs font-medium text-muted"
                style={{ width: actionsWidth }}
              >
                Actions
              </div>
            )}
          </div>
        </div>
        <div
          role="rowgroup"
          className="relative"
          style={{ width: totalWidth, height: Math.max(totalHeight, rowHeight) }}
        >
          {rowCount === 0 && (
            <div role="row" aria-rowindex={2} className="sticky left-0 flex h-8 w-fit items-center">
              <div
                role="gridcell"
                aria-colindex={1}
                aria-colspan={columnCount + 1}
                className="px-3 text-muted italic"
              >
                No rows
              </div>
            </div>
          )}
          {virtualRows.map((item) => {
            const row = tableRows[item.index]!;
            return (
              <GridRow
                key={row.id}
                displayIndex={item.index}
                dataIndex={row.index}
                values={row.original}
                top={item.start - HEADER_HEIGHT}
                height={rowHeight}
                columns={stableColumns}
                virtualColumns={virtualColumns}
                totalWidth={totalWidth}
                rowNumber={firstRowNumber + item.index}
                rowNumberWidth={rowNumberWidth}
                actionsWidth={actionsWidth}
                activeCol={activeRow === item.index ? activeCol : null}
                hoverCol={hover?.row === item.index ? hover.col : null}
                expandedCol={expanded?.row === item.index ? expanded.col : null}
                canOpen={onRowOpen !== undefined}
                renderCell={renderCell}
                rowActions={rowActions}
                handlers={handlers}
                cellClassName={cellClassName}
              />
            );
          })}
        </div>
      </div>
    </>
  );
}
