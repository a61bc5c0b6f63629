import { defaultRangeExtractor, useVirtualizer, type Range } from '@tanstack/react-virtual';
import { useCallback, useMemo, type RefObject } from 'react';
import { MIN_COLUMN_WIDTH } from './cell-format';
import { HEADER_HEIGHT } from './grid-layout';

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

interface GridVirtualizersOptions {
  scrollRef: RefObject<HTMLDivElement | null>;
  rowCount: number;
  rowHeight: number;
  columnCount: number;
  /** Column widths by index, from the table. */
  sizes: readonly number[];
  /** Sticky row number column on the left. */
  rowNumberWidth: number;
  /** Sticky actions column on the right (0 when there is none). */
  actionsWidth: number;
  /** The focused cell, kept rendered; row -1 is the header, column `columnCount` the actions. */
  activeRow: number;
  activeCol: number;
}

/**
 * The row and column virtualizers of the one scroll element, and what a render reads from
 * them. One hook owns both because the order they are made in matters (see below).
 */
export function useGridVirtualizers({
  scrollRef,
  rowCount,
  rowHeight,
  columnCount,
  sizes,
  rowNumberWidth,
  actionsWidth,
  activeRow,
  activeCol,
}: GridVirtualizersOptions) {
  const sizesKey = sizes.join(',');

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
  const totalHeight = rowVirtualizer.getTotalSize();

  return {
    rowVirtualizer,
    columnVirtualizer,
    virtualRows,
    virtualColumns,
    totalWidth,
    totalHeight,
  };
}
