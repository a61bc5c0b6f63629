import type { VirtualItem } from '@tanstack/react-virtual';
import clsx from 'clsx';
import { ArrowDown, ArrowUp, ArrowUpDown } from 'lucide-react';
import { formatTypeName } from './cell-format';
import type { GridColumn } from './types';
import type { SortDirection } from './use-grid-sorting';

interface GridHeaderCellProps {
  /** The column's place from the column virtualizer. */
  item: VirtualItem;
  column: GridColumn;
  /** Holds the grid's tab stop. */
  isActive: boolean;
  direction: SortDirection;
  /** Drag handler from the table's column header (mouse and touch). */
  onResizeStart: ((event: unknown) => void) | undefined;
  isResizing: boolean;
  /** A click: focus this header and sort by its column. */
  onActivate: () => void;
  /** A double click on the resize handle: back to the default width. */
  onResetWidth: () => void;
}

/**
 * A column header: name, readable type, sort direction and a resize handle. Not memoized: the
 * grid renders it with every frame that resizes or sorts anyway, and `isResizing` comes from a
 * table read the grid makes during its render.
 */
export function GridHeaderCell({
  item,
  column,
  isActive,
  direction,
  onResizeStart,
  isResizing,
  onActivate,
  onResetWidth,
}: GridHeaderCellProps) {
  const col = item.index;
  const SortIcon =
    direction === 'ascending' ? ArrowUp : direction === 'descending' ? ArrowDown : ArrowUpDown;
  return (
    <div
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
      onClick={onActivate}
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
          isResizing && 'after:bg-accent',
        )}
        onMouseDown={onResizeStart}
        onTouchStart={onResizeStart}
        // The handle sits inside the header: a click on it must not sort.
        onClick={(event) => event.stopPropagation()}
        onDoubleClick={(event) => {
          event.stopPropagation();
          onResetWidth();
        }}
      />
    </div>
  );
}
