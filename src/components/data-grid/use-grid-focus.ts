import type { Virtualizer } from '@tanstack/react-virtual';
import {
  useCallback,
  useLayoutEffect,
  useRef,
  useState,
  type FocusEvent,
  type PointerEvent,
  type RefObject,
} from 'react';

/** A cell position: row -1 is the header; column `columnCount` is the row actions column. */
export interface CellPosition {
  row: number;
  col: number;
}

interface GridFocusOptions {
  scrollRef: RefObject<HTMLDivElement | null>;
  /** Compared by identity: new rows (another page) close the popover. */
  rows: readonly unknown[];
  rowCount: number;
  columnCount: number;
  hasActions: boolean;
}

/**
 * Which cell has the grid's one tab stop (moved with the arrow keys), which one is under the
 * pointer (it gets the cell tools) and which one shows its full value in a popover.
 */
export function useGridFocus({
  scrollRef,
  rows,
  rowCount,
  columnCount,
  hasActions,
}: GridFocusOptions) {
  const [active, setActive] = useState<CellPosition>({ row: -1, col: 0 });
  const lastCol = hasActions ? columnCount : columnCount - 1;
  // Clamped rather than reset: fewer rows or columns (another page) keep the focus nearby.
  const activeRow = Math.min(active.row, rowCount - 1);
  const activeCol = Math.min(active.col, activeRow === -1 ? columnCount - 1 : lastCol);
  // Set by moves that should take DOM focus along (keys, clicks), not by focus events.
  const focusPendingRef = useRef(false);
  // The last cell under the pointer gets the cell tools; CSS hides them once the pointer leaves.
  const [hover, setHover] = useState<CellPosition | null>(null);
  const [expanded, setExpanded] = useState<CellPosition | null>(null);
  // A popover belongs to a value; new rows (another page) close it.
  const [expandedRows, setExpandedRows] = useState(rows);
  if (expandedRows !== rows) {
    setExpandedRows(rows);
    setExpanded(null);
  }

  const moveTo = useCallback((position: CellPosition) => {
    focusPendingRef.current = true;
    setActive(position);
  }, []);

  function positionOf(element: EventTarget | null): CellPosition | null {
    const cell = element instanceof Element ? element.closest<HTMLElement>('[data-col]') : null;
    if (!cell || !scrollRef.current?.contains(cell)) return null;
    return { row: Number(cell.dataset.row), col: Number(cell.dataset.col) };
  }

  /** Focus that arrives some other way (Tab, a click) moves the tab stop with it. */
  function onFocus(event: FocusEvent<HTMLDivElement>) {
    const position = positionOf(event.target);
    if (position && (position.row !== activeRow || position.col !== activeCol)) {
      setActive(position);
    }
  }

  function onPointerOver(event: PointerEvent<HTMLDivElement>) {
    const position = positionOf(event.target);
    if (position?.row !== hover?.row || position?.col !== hover?.col) setHover(position);
  }

  return {
    activeRow,
    activeCol,
    lastCol,
    focusPendingRef,
    moveTo,
    hover,
    expanded,
    setExpanded,
    onFocus,
    onPointerOver,
  };
}

interface FocusActiveCellOptions {
  scrollRef: RefObject<HTMLDivElement | null>;
  focusPendingRef: RefObject<boolean>;
  activeRow: number;
  activeCol: number;
  columnCount: number;
  rowVirtualizer: Virtualizer<HTMLDivElement, Element>;
  columnVirtualizer: Virtualizer<HTMLDivElement, Element>;
}

/**
 * After a move, scrolls the active cell into view and gives it DOM focus (in the actions
 * column, its first widget). Call it after the virtualizers: their layout effects must have
 * run in this commit before it scrolls them.
 */
export function useFocusActiveCell({
  scrollRef,
  focusPendingRef,
  activeRow,
  activeCol,
  columnCount,
  rowVirtualizer,
  columnVirtualizer,
}: FocusActiveCellOptions) {
  useLayoutEffect(() => {
    if (!focusPendingRef.current) return;
    focusPendingRef.current = false;
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
}
