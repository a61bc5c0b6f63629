import {
  columnResizingFeature,
  columnSizingFeature,
  createColumnHelper,
  createSortedRowModel,
  rowSortingFeature,
  tableFeatures,
  useTable,
  type ColumnSizingState,
  type SortingState,
  type Updater,
} from '@tanstack/react-table';
import { useMemo } from 'react';
import {
  compareValues,
  initialColumnWidth,
  MAX_COLUMN_WIDTH,
  MIN_COLUMN_WIDTH,
} from './cell-format';
import type { GridColumn } from './types';

/** A row as the query endpoint returns it: values in column order. */
export type GridRowData = readonly unknown[];

// Module scope: v9 wants the features stable, and the row model slot after the sorting feature.
const features = tableFeatures({
  columnSizingFeature,
  columnResizingFeature,
  rowSortingFeature,
  sortedRowModel: createSortedRowModel(),
});
const columnHelper = createColumnHelper<typeof features, GridRowData>();

interface GridTableOptions {
  /** Stable across renders while their content is the same (the column definitions key on it). */
  columns: readonly GridColumn[];
  rows: readonly GridRowData[];
  sorting: SortingState;
  onSortingChange: (updater: Updater<SortingState>) => void;
  manualSorting: boolean;
  sizing: ColumnSizingState;
  onColumnSizingChange: (updater: Updater<ColumnSizingState>) => void;
}

/**
 * The TanStack Table model behind the grid: sorted rows and column sizes. Columns are named by
 * their index, since query results may repeat a column name; sorting and sizing state are
 * controlled by their own hooks.
 */
export function useGridTable({
  columns,
  rows,
  sorting,
  onSortingChange,
  manualSorting,
  sizing,
  onColumnSizingChange,
}: GridTableOptions) {
  const columnDefs = useMemo(
    () =>
      columns.map((column, index) =>
        columnHelper.accessor((row) => row[index], {
          id: String(index),
          header: column.name,
          size: initialColumnWidth(column.name, column.type),
          minSize: MIN_COLUMN_WIDTH,
          maxSize: MAX_COLUMN_WIDTH,
          sortFn: (a, b) => compareValues(a.original[index], b.original[index], column.type),
        }),
      ),
    [columns],
  );

  return useTable({
    features,
    columns: columnDefs,
    data: rows as GridRowData[],
    state: { sorting, columnSizing: sizing },
    onSortingChange,
    onColumnSizingChange,
    manualSorting,
    columnResizeMode: 'onChange',
  });
}
