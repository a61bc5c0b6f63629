import { functionalUpdate, type ColumnSizingState, type Updater } from '@tanstack/react-table';
import { useCallback, useState } from 'react';
import { clampWidth, readWidths, writeWidths } from './column-widths';
import type { GridColumn } from './types';

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

/**
 * Column widths: defaults come from the type (the column definitions), people's choices are
 * remembered by column name under `storageKey`, so they survive reloads and reordered results.
 * `signature` names the columns' content: new columns or another key reload the stored widths.
 */
export function useColumnSizing(
  columns: readonly GridColumn[],
  signature: string,
  storageKey: string | undefined,
) {
  const [sizingFor, setSizingFor] = useState({ signature, key: storageKey });
  const [sizing, setSizing] = useState<ColumnSizingState>(() => storedSizing(columns, storageKey));
  // Reset during render (not in an effect) so the first frame with new columns has their widths.
  if (sizingFor.signature !== signature || sizingFor.key !== storageKey) {
    setSizingFor({ signature, key: storageKey });
    setSizing(storedSizing(columns, storageKey));
  }
  const onColumnSizingChange = useCallback(
    (updater: Updater<ColumnSizingState>) => {
      setSizing((previous) => {
        const next = functionalUpdate(updater, previous);
        const stored = readWidths(storageKey);
        columns.forEach((column, index) => {
          const width = next[String(index)];
          if (width === undefined) delete stored[column.name];
          else if (width !== previous[String(index)]) stored[column.name] = clampWidth(width);
        });
        writeWidths(storageKey, stored);
        return next;
      });
    },
    [columns, storageKey],
  );

  /** Sets a width from the keyboard (Alt+Arrow on a header), within the allowed range. */
  function setColumnWidth(col: number, width: number) {
    onColumnSizingChange((previous) => ({ ...previous, [String(col)]: clampWidth(width) }));
  }

  /** Back to the width from the type (double click on the resize handle); forgets the stored one. */
  function resetColumnWidth(col: number) {
    onColumnSizingChange((previous) => {
      const next = { ...previous };
      delete next[String(col)];
      return next;
    });
  }

  return { sizing, onColumnSizingChange, setColumnWidth, resetColumnWidth };
}
