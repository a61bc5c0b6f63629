import {
  columnResizingFeature,
  columnSizingFeature,
  createColumnHelper,
  createSortedRowModel,
  functionalUpdate,
  rowSortingFeature,
  tableFeatures,
  useTable,
  type ColumnSizingState,
  type SortingState,
  type Updater,
} from '@tanstack/react-table';
import {
  defaultRangeExtractor,
  useVirtualizer,
  type Range,
  type VirtualItem,
} from '@tanstack/react-virtual';
import clsx from 'clsx';
import { ArrowDown, ArrowUp, ArrowUpDown, PanelRightOpen } from 'lucide-react';
import {
  memo,
  useCallback,
  useId,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
} from 'react';
import {
  cellText,
  compareValues,
  formatTypeName,
  initialColumnWidth,
  isExpandable,
  MAX_COLUMN_WIDTH,
  MIN_COLUMN_WIDTH,
  valueKind,
} from './cell-format';
import { CellTools, ValuePopover } from './cell-tools';
import { CellValue } from './cell-value';
import { clampWidth, readWidths, writeWidths } from './column-widths';
import { copyText } from './copy';
import { nextSort } from './grid-sort';
import type { DataGridProps, GridCellContext, GridColumn, GridSort } from './types';

const DEFAULT_ROW_HEIGHT = 32;
const HEADER_HEIGHT = 48;
const RESIZE_STEP = 16;
const DEFAULT_ACTIONS_WIDTH = 132;

type GridRowData = readonly unknown[];

const features = tableFeatures({
  columnSizingFeature,
  columnResizingFeature,
  rowSortingFeature,
  sortedRowModel: createSortedRowModel(),
});
const columnHelper = createColumnHelper<typeof features, GridRowData>();

/** A cell position: row -1 is the header; column `columns.length` is the row actions column. */
interface Position {
  row: number;
  col: number;
}

const columnsSignature = (columns: readonly GridColumn[]) =>
  columns.map((c) => `${c.name}\u0000${c.type ?? ''}`).join('\u0001');

/** Sizing state by column id (its index) from widths stored by column name. */
function storedSizing(columns: readonly GridColumn[], key: string | undefined): ColumnSizingState {
  const stored = readWidths(key);
  const sizing: ColumnSizingState = {};
  columns.forEach((column, index) => {
    const width = stored[column.name];
    if (width !== undefined) sizing[String(index)] = width;
  });
  return sizing;
}

/** Keeps `extra` rendered (the focused cell must stay in the DOM to keep the tab stop). */
function rangeWith(extra: number | null) {
  return (range: Range) => {
    const indexes = defaultRangeExtractor(range);
    if (extra === null || extra < 0 || extra >= range.count || indexes.includes(extra)) {
      return indexes;
    }
    return [...indexes, extra].sort((a, b) => a - b);
  };
}

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

  // --- sorting: controlled by the parent (server side) or owned here (client side) ---------
  const controlled = onSortChange !== undefined;
  const [ownSort, setOwnSort] = useState<GridSort | null>(sort ?? null);
  const effectiveSort = controlled ? (sort ?? null) : ownSort;
  const sortIndex = effectiveSort
    ? stableColumns.findIndex((c) => c.name === effectiveSort.column)
    : -1;
  const sortDesc = effectiveSort?.direction === 'desc';
  const sorting = useMemo<SortingState>(
    () => (sortIndex >= 0 ? [{ id: String(sortIndex), desc: sortDesc }] : []),
    [sortIndex, sortDesc],
  );
  const changeSort = useCallback(
    (next: GridSort | null) => (onSortChange ? onSortChange(next) : setOwnSort(next)),
    [onSortChange],
  );
  const onSortingChange = useCallback(
    (updater: Updater<SortingState>) => {
      const [first] = functionalUpdate(updater, sorting);
      const column = first ? stableColumns[Number(first.id)] : undefined;
      changeSort(column ? { column: column.name, direction: first!.desc ? 'desc' : 'asc' } : null);
    },
    [sorting, stableColumns, changeSort],
  );

  // --- widths: defaults from the type, people's choices remembered by column name -----------
  const [sizingFor, setSizingFor] = useState({ signature, key: widthStorageKey });
  const [sizing, setSizing] = useState<ColumnSizingState>(() =>
    storedSizing(stableColumns, widthStorageKey),
  );
  if (sizingFor.signature !== signature || sizingFor.key !== widthStorageKey) {
    setSizingFor({ signature, key: widthStorageKey });
    setSizing(storedSizing(stableColumns, widthStorageKey));
  }
  const onColumnSizingChange = useCallback(
    (updater: Updater<ColumnSizingState>) => {
      setSizing((previous) => {
        const next = functionalUpdate(updater, previous);
        const stored = readWidths(widthStorageKey);
        stableColumns.forEach((column, index) => {
          const width = next[String(index)];
          if (width === undefined) delete stored[column.name];
          else if (width !== previous[String(index)]) stored[column.name] = clampWidth(width);
        });
        writeWidths(widthStorageKey, stored);
        return next;
      });
    },
    [stableColumns, widthStorageKey],
  );

  const columnDefs = useMemo(
    () =>
      stableColumns.map((column, index) =>
        columnHelper.accessor((row) => row[index], {
          id: String(index),
          header: column.name,
          size: initialColumnWidth(column.name, column.type),
          minSize: MIN_COLUMN_WIDTH,
          maxSize: MAX_COLUMN_WIDTH,
          sortFn: (a, b) => compareValues(a.original[index], b.original[index], column.type),
        }),
      ),
    [stableColumns],
  );

  const table = useTable({
    features,
    columns: columnDefs,
    data: rows as GridRowData[],
    state: { sorting, columnSizing: sizing },
    onSortingChange,
    onColumnSizingChange,
    manualSorting: controlled,
    columnResizeMode: 'onChange',
  });
  const tableRows = table.getRowModel().rows;
  const leafColumns = table.getAllLeafColumns();
  const sizes = leafColumns.map((column) => column.getSize());
  const sizesKey = sizes.join(',');
  const rowCount = tableRows.length;

  // --- focus: one tab stop, moved with the arrow keys ----------------------------------------
  const [active, setActive] = useState<Position>({ row: -1, col: 0 });
  const lastCol = hasActions ? columnCount : columnCount - 1;
  const activeRow = Math.min(active.row, rowCount - 1);
  const activeCol = Math.min(active.col, activeRow === -1 ? columnCount - 1 : lastCol);
  const focusPending = useRef(false);
  // The last cell under the pointer gets the cell tools; CSS hides them once the pointer leaves.
  const [hover, setHover] = useState<Position | null>(null);
  const [expanded, setExpanded] = useState<Position | null>(null);
  // A popover belongs to a value; new rows (another page) close it.
  const [expandedRows, setExpandedRows] = useState(rows);
  if (expandedRows !== rows) {
    setExpandedRows(rows);
    setExpanded(null);
  }

  const lastDigits = String(firstRowNumber + Math.max(rowCount, 1) - 1).length;
  const rowNumberWidth = Math.max(44, lastDigits * 8 + 24) + (onRowOpen ? 24 : 0);

  // Not compiled by React Compiler (the console does not use it); the virtualizers' getters
  // are called during render on purpose.
  //
  // Both virtualizers listen to the one scroll element. The column one is made first, so its
  // listener reads scrollLeft before anything changed in this frame, and it does not commit
  // synchronously: the row one does, and that render reads both ranges. Otherwise the second
  // listener would read an offset right after the first one's commit, forcing a layout of the
  // whole grid on every scroll event (bench/table-browser).
  // eslint-disable-next-line react-hooks/incompatible-library
  const columnVirtualizer = useVirtualizer({
    horizontal: true,
    useFlushSync: false,
    count: columnCount,
    getScrollElement: () => scrollRef.current,
    estimateSize: (index) => sizes[index] ?? MIN_COLUMN_WIDTH,
    // A new key function whenever a width changes makes the virtualizer re-measure.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    getItemKey: useCallback((index: number) => index, [sizesKey]),
    overscan: 2,
    paddingStart: rowNumberWidth,
    paddingEnd: actionsWidth,
    scrollPaddingStart: rowNumberWidth,
    scrollPaddingEnd: actionsWidth,
    rangeExtractor: useMemo(
      () => rangeWith(activeCol < columnCount ? activeCol : null),
      [activeCol, columnCount],
    ),
  });
  const rowVirtualizer = useVirtualizer({
    count: rowCount,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    // A new key function when the row height changes makes the virtualizer re-measure.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    getItemKey: useCallback((index: number) => index, [rowHeight]),
    overscan: 6,
    scrollMargin: HEADER_HEIGHT,
    scrollPaddingStart: HEADER_HEIGHT,
    rangeExtractor: useMemo(() => rangeWith(activeRow), [activeRow]),
  });
  const virtualRows = rowVirtualizer.getVirtualItems();
  const virtualColumns = columnVirtualizer.getVirtualItems();
  const totalWidth = columnVirtualizer.getTotalSize();

  useLayoutEffect(() => {
    if (!focusPending.current) return;
    focusPending.current = false;
    if (activeRow >= 0) rowVirtualizer.scrollToIndex(activeRow, { align: 'auto' });
    if (activeCol < columnCount) columnVirtualizer.scrollToIndex(activeCol, { align: 'auto' });
    const cell = scrollRef.current?.querySelector<HTMLElement>(
      `[data-row="${activeRow}"][data-col="${activeCol}"]`,
    );
    const target =
      activeCol === columnCount
        ? (cell?.querySelector<HTMLElement>('button, a[href], input, select') ?? cell)
        : cell;
    target?.focus({ preventScroll: true });
  });

  const moveTo = useCallback((position: Position) => {
    focusPending.current = true;
    setActive(position);
  }, []);

  const valueAt = useCallback(
    (row: number, col: number) => tableRows[row]?.original[col],
    [tableRows],
  );

  function copyCell(position: Position) {
    const column = stableColumns[position.col];
    if (!column) return;
    if (position.row < 0) void copyText(column.name, 'Column name');
    else void copyText(cellText(valueAt(position.row, position.col), column.type));
  }

  function toggleSort(col: number) {
    const column = stableColumns[col];
    if (column) changeSort(nextSort(effectiveSort, column.name));
  }

  function resizeBy(col: number, delta: number) {
    const width = sizes[col];
    if (width === undefined) return;
    onColumnSizingChange((previous) => ({ ...previous, [String(col)]: clampWidth(width + delta) }));
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const target = event.target as HTMLElement;
    // Keys typed in a cell's popover bubble here through the React tree; they are not ours.
    if (!scrollRef.current?.contains(target)) return;
    const onWidget = target.closest('[data-col]') !== target;
    const { row, col } = { row: activeRow, col: activeCol };
    const page = Math.max(
      1,
      Math.floor(((scrollRef.current.clientHeight || 0) - HEADER_HEIGHT) / rowHeight) - 1,
    );
    const maxCol = (r: number) => (r === -1 ? columnCount - 1 : lastCol);
    const go = (r: number, c: number) => {
      event.preventDefault();
      const nextRow = Math.max(-1, Math.min(rowCount - 1, r));
      moveTo({ row: nextRow, col: Math.max(0, Math.min(maxCol(nextRow), c)) });
    };
    const mod = event.ctrlKey || event.metaKey;

    if (row === -1 && event.altKey && (event.key === 'ArrowLeft' || event.key === 'ArrowRight')) {
      event.preventDefault();
      resizeBy(col, event.key === 'ArrowLeft' ? -RESIZE_STEP : RESIZE_STEP);
      return;
    }
    switch (event.key) {
      case 'ArrowUp':
        return go(row - 1, col);
      case 'ArrowDown':
        return go(row + 1, col);
      case 'ArrowLeft':
        return go(row, col - 1);
      case 'ArrowRight':
        return go(row, col + 1);
      case 'Home':
        return mod ? go(row === -1 ? -1 : 0, 0) : go(row, 0);
      case 'End':
        return mod ? go(rowCount - 1, lastCol) : go(row, maxCol(row));
      case 'PageUp':
        return go(row - page, col);
      case 'PageDown':
        return go(row + page, col);
    }
    if (onWidget) return;
    if (row === -1 && (event.key === 'Enter' || event.key === ' ')) {
      event.preventDefault();
      toggleSort(col);
    } else if (row >= 0 && event.key === 'Enter' && onRowOpen) {
      event.preventDefault();
      onRowOpen(tableRows[row]!.index);
    } else if (
      row >= 0 &&
      col < columnCount &&
      (event.key === ' ' || event.key === 'F2' || (event.key === 'Enter' && !onRowOpen))
    ) {
      event.preventDefault();
      if (isExpandable(valueAt(row, col), stableColumns[col]?.type)) setExpanded({ row, col });
    } else if (mod && event.key.toLowerCase() === 'c' && !event.shiftKey && !event.altKey) {
      // A text selection the person made is theirs to copy; otherwise copy the focused cell.
      if (window.getSelection()?.toString()) return;
      event.preventDefault();
      copyCell({ row, col });
    }
  }

  function positionOf(element: EventTarget | null): Position | null {
    const cell = element instanceof Element ? element.closest<HTMLElement>('[data-col]') : null;
    if (!cell || !scrollRef.current?.contains(cell)) return null;
    return { row: Number(cell.dataset.row), col: Number(cell.dataset.col) };
  }

  const sortState = (col: number): 'ascending' | 'descending' | undefined =>
    col === sortIndex ? (sortDesc ? 'descending' : 'ascending') : undefined;

  const flatHeaders = table.getFlatHeaders();
  const headerCells = virtualColumns.map((item) => {
    const col = item.index;
    const column = stableColumns[col]!;
    const header = flatHeaders[col];
    const isActive = activeRow === -1 && activeCol === col;
    const direction = sortState(col);
    const SortIcon =
      direction === 'ascending' ? ArrowUp : direction === 'descending' ? ArrowDown : ArrowUpDown;
    const resize = header?.getResizeHandler();
    return (
      <div
        key={item.key}
        role="columnheader"
        aria-colindex={col + 2}
        aria-sort={direction}
        tabIndex={isActive ? 0 : -1}
        data-row={-1}
        data-col={col}
        title={`${column.name}${column.type ? ` (${formatTypeName(column.type)})` : ''}: click to sort`}
        className={clsx(
          'group/header absolute top-0 flex h-full cursor-pointer items-center gap-1 border-r border-b border-border bg-raised pr-3 pl-2 text-left select-none',
          'hover:bg-border/40 focus:outline-2 focus:-outline-offset-2 focus:outline-accent',
        )}
        style={{ left: item.start, width: item.size }}
        onClick={() => {
          moveTo({ row: -1, col });
          toggleSort(col);
        }}
      >
        <span className="flex min-w-0 flex-1 flex-col leading-tight">
          <span className="truncate text-sm font-semibold text-fg">{column.name}</span>
          {column.type && (
            <span className="truncate font-mono text-xs text-muted">
              {formatTypeName(column.type)}
            </span>
          )}
        </span>
        <SortIcon
          aria-hidden
          className={clsx(
            'size-3.5 shrink-0',
            direction ? 'text-accent' : 'text-muted/50 group-hover/header:text-muted',
          )}
        />
        <span
          aria-hidden
          data-resize-handle=""
          className={clsx(
            'absolute top-0 right-0 h-full w-2 cursor-col-resize touch-none',
            'after:absolute after:top-2 after:right-0.5 after:bottom-2 after:w-0.5 after:rounded after:bg-transparent hover:after:bg-accent',
            header?.column.getIsResizing() && 'after:bg-accent',
          )}
          onMouseDown={resize}
          onTouchStart={resize}
          onClick={(event) => event.stopPropagation()}
          onDoubleClick={(event) => {
            event.stopPropagation();
            onColumnSizingChange((previous) => {
              const next = { ...previous };
              delete next[String(col)];
              return next;
            });
          }}
        />
      </div>
    );
  });

  const handlers = useRef<RowHandlers>(null!);
  handlers.current = {
    openRow: (dataIndex) => onRowOpen?.(dataIndex),
    copy: (row, col) => copyCell({ row, col }),
    expand: (row, col) => setExpanded({ row, col }),
    collapse: (row, col) => {
      setExpanded(null);
      scrollRef.current
        ?.querySelector<HTMLElement>(`[data-row="${row}"][data-col="${col}"]`)
        ?.focus({ preventScroll: true });
    },
  };

  return (
    <>
      <span id={hintId} hidden>
        Arrow keys move between cells.{' '}
        {onRowOpen
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
        onFocus={(event) => {
          const position = positionOf(event.target);
          if (position && (position.row !== activeRow || position.col !== activeCol)) {
            setActive(position);
          }
        }}
        onPointerOver={(event) => {
          const position = positionOf(event.target);
          if (position?.row !== hover?.row || position?.col !== hover?.col) setHover(position);
        }}
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
            {headerCells}
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
          style={{ width: totalWidth, height: Math.max(rowVirtualizer.getTotalSize(), rowHeight) }}
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
              />
            );
          })}
        </div>
      </div>
    </>
  );
}

interface RowHandlers {
  openRow: (dataIndex: number) => void;
  copy: (row: number, col: number) => void;
  expand: (row: number, col: number) => void;
  collapse: (row: number, col: number) => void;
}

interface GridRowProps {
  displayIndex: number;
  dataIndex: number;
  values: GridRowData;
  top: number;
  height: number;
  columns: readonly GridColumn[];
  virtualColumns: VirtualItem[];
  totalWidth: number;
  rowNumber: number;
  rowNumberWidth: number;
  actionsWidth: number;
  activeCol: number | null;
  hoverCol: number | null;
  expandedCol: number | null;
  canOpen: boolean;
  renderCell: DataGridProps['renderCell'];
  rowActions: DataGridProps['rowActions'];
  handlers: { current: RowHandlers };
}

/** One row; memoized so scrolling renders only the rows that come into view. */
const GridRow = memo(function GridRow({
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
        if ((event.target as Element).closest('[data-col]') && canOpen) {
          handlers.current.openRow(dataIndex);
        }
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
