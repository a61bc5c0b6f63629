import type { ReactNode } from 'react';

export interface GridColumn {
  name: string;
  /** pg_type name: int4, _float4, jsonb, timestamptz, bytea, uuid … (optional: hosted API may omit) */
  type?: string;
}

export interface GridSort {
  column: string;
  direction: 'asc' | 'desc';
}

export interface GridCellContext {
  column: GridColumn;
  columnIndex: number;
  value: unknown;
  rowIndex: number;
}

export interface DataGridProps {
  /** Accessible name of the grid (aria-label). */
  label: string;
  columns: readonly GridColumn[];
  /** Values as the query endpoint returns them (JSON). */
  rows: readonly (readonly unknown[])[];
  /** Controlled sort; when `onSortChange` is absent the grid sorts the given rows itself (client side). */
  sort?: GridSort | null;
  onSortChange?: (sort: GridSort | null) => void;
  /** Number shown for the first row (1 + page offset); row numbers column on the left. */
  firstRowNumber?: number;
  /** Override a cell: return undefined to keep the default rendering (used for file-id thumbnails). */
  renderCell?: (cell: GridCellContext) => ReactNode | undefined;
  /** Opening a row (Enter on a focused row, or the row's open button): the row detail panel. */
  onRowOpen?: (rowIndex: number) => void;
  /** Extra per-row actions shown in a trailing sticky column (e.g. "Find similar"). */
  rowActions?: (rowIndex: number) => ReactNode;
  /** Width of the trailing actions column in pixels (default 132). */
  rowActionsWidth?: number;
  /** Height of a body row in pixels (default 32); taller rows make room for thumbnails. */
  rowHeight?: number;
  /** Persist column widths under this key (localStorage) so resizing survives reloads. */
  widthStorageKey?: string;
  className?: string;
  /**
   * Editing a cell in place: Enter or a double-click on a cell calls this (the row then opens
   * with Shift+Enter or its open button). The editor itself is the parent's, through renderCell.
   */
  onCellEdit?: (rowIndex: number, columnIndex: number) => void;
  /** Extra classes of a cell (e.g. a staged edit's mark). */
  cellClassName?: (rowIndex: number, columnIndex: number) => string | undefined;
  /** Text pasted (Ctrl/Cmd+V) while a cell has the focus, with that cell's position. */
  onCellPaste?: (rowIndex: number, columnIndex: number, text: string) => void;
}
