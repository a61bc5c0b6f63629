import { functionalUpdate, type SortingState, type Updater } from '@tanstack/react-table';
import { useCallback, useMemo, useState } from 'react';
import { nextSort } from './grid-sort';
import type { GridColumn, GridSort } from './types';

export type SortDirection = 'ascending' | 'descending' | undefined;

/**
 * The grid's sort, controlled by the parent (server side, when it passes `onSortChange`) or
 * owned here (client side), translated to and from TanStack Table's sorting state, which names
 * columns by id (their index) where the grid's API names them by column name.
 */
export function useGridSorting(
  columns: readonly GridColumn[],
  sort: GridSort | null | undefined,
  onSortChange: ((sort: GridSort | null) => void) | undefined,
) {
  const controlled = onSortChange !== undefined;
  const [ownSort, setOwnSort] = useState<GridSort | null>(sort ?? null);
  const effectiveSort = controlled ? (sort ?? null) : ownSort;
  const sortIndex = effectiveSort ? columns.findIndex((c) => c.name === effectiveSort.column) : -1;
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
      const column = first ? columns[Number(first.id)] : undefined;
      changeSort(column ? { column: column.name, direction: first!.desc ? 'desc' : 'asc' } : null);
    },
    [sorting, columns, changeSort],
  );

  /** The next sort for a header click or Enter: asc → desc → none. */
  function toggleSort(col: number) {
    const column = columns[col];
    if (column) changeSort(nextSort(effectiveSort, column.name));
  }

  /** The column's `aria-sort` value. */
  function sortDirection(col: number): SortDirection {
    return col === sortIndex ? (sortDesc ? 'descending' : 'ascending') : undefined;
  }

  return {
    sorting,
    onSortingChange,
    /** The parent sorts (server side); the table must keep the rows in the given order. */
    manualSorting: controlled,
    toggleSort,
    sortDirection,
  };
}
