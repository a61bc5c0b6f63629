import type { KeyboardEvent, RefObject } from 'react';
import { HEADER_HEIGHT } from './grid-layout';
import type { CellPosition } from './use-grid-focus';

const RESIZE_STEP = 16;

interface GridKeyboardOptions {
  scrollRef: RefObject<HTMLDivElement | null>;
  activeRow: number;
  activeCol: number;
  /** The last column a body row can focus (the actions column when there is one). */
  lastCol: number;
  rowCount: number;
  columnCount: number;
  rowHeight: number;
  moveTo: (position: CellPosition) => void;
  toggleSort: (col: number) => void;
  resizeBy: (col: number, delta: number) => void;
  /** Enter on a body row; absent when the grid has no row detail (Enter then shows the value). */
  openRow: ((row: number) => void) | undefined;
  /** Shows the cell's full value, if it has more than the cell shows. */
  expandCell: (position: CellPosition) => void;
  copyCell: (position: CellPosition) => void;
  /** Enter on a body cell, when the grid's cells can be edited (Shift+Enter then opens the row). */
  editCell?: (position: CellPosition) => void;
}

/**
 * The grid's keys, as the hint the grid gives screen readers describes them: arrows, Home/End
 * and Page keys move the tab stop; on a header Enter sorts and Alt+Arrow resizes; on a cell
 * Enter opens the row, Space (or F2) shows the full value and Ctrl+C copies it.
 */
export function useGridKeyboard({
  scrollRef,
  activeRow,
  activeCol,
  lastCol,
  rowCount,
  columnCount,
  rowHeight,
  moveTo,
  toggleSort,
  resizeBy,
  openRow,
  expandCell,
  copyCell,
  editCell,
}: GridKeyboardOptions) {
  return function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
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
    // Enter, Space and Ctrl+C on a widget in a cell (a button in the actions) are the widget's.
    if (onWidget) return;
    if (row === -1 && (event.key === 'Enter' || event.key === ' ')) {
      event.preventDefault();
      toggleSort(col);
    } else if (
      row >= 0 &&
      col < columnCount &&
      event.key === 'Enter' &&
      editCell &&
      !event.shiftKey
    ) {
      event.preventDefault();
      editCell({ row, col });
    } else if (row >= 0 && event.key === 'Enter' && openRow) {
      event.preventDefault();
      openRow(row);
    } else if (
      row >= 0 &&
      col < columnCount &&
      (event.key === ' ' || event.key === 'F2' || (event.key === 'Enter' && !openRow))
    ) {
      event.preventDefault();
      expandCell({ row, col });
    } else if (mod && event.key.toLowerCase() === 'c' && !event.shiftKey && !event.altKey) {
      // A text selection the person made is theirs to copy; otherwise copy the focused cell.
      if (window.getSelection()?.toString()) return;
      event.preventDefault();
      copyCell({ row, col });
    }
  };
}
