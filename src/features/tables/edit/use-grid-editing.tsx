import { CircleAlert } from 'lucide-react';
import { useCallback, useMemo, useState, type ReactNode } from 'react';
import type { TableColumn } from '../../../../contract/tables';
import { CellValue, type DataGridProps } from '../../../components/data-grid';
import { CellEditor } from './cell-editor';
import { isDeleted, rowKeyOf, stageCell, stageCells, updateOf, type RowKey } from './edit-store';
import { parseTsv, pastedCells } from './paste';
import type { TableEdits } from './use-table-edits';

/** Width the selection box (and a failure's mark) adds to the actions column. */
export const EDIT_ACTIONS_WIDTH = 56;

/**
 * What the grid needs to edit the rows of a page: staged values shown in place and marked, the
 * editor on the cell being edited, a box per row to select it, and pasting blocks of cells.
 * `enabled` is false for viewers and tables without a primary key: then the grid is as before.
 */
export function useGridEditing({
  edits,
  columns,
  rows,
  enabled,
  renderCell,
  firstRowNumber,
  files,
}: {
  edits: TableEdits;
  columns: readonly TableColumn[];
  rows: readonly (readonly unknown[])[];
  enabled: boolean;
  renderCell: DataGridProps['renderCell'];
  firstRowNumber: number;
  /** For the file picker of uuid columns; `columns` are those known to hold file ids. */
  files: { orgId: string; workspaceId: string; columns: ReadonlySet<number> };
}) {
  const { state, apply, primaryKey, failure } = edits;
  const [editing, setEditing] = useState<{ row: number; col: number } | null>(null);
  const [selected, setSelected] = useState<ReadonlySet<RowKey>>(new Set());
  const [pasteNote, setPasteNote] = useState<string | null>(null);

  const keyIndexes = useMemo(
    () => primaryKey.map((name) => columns.findIndex((c) => c.name === name)),
    [primaryKey, columns],
  );
  const keyOf = useCallback(
    (row: number) => keyIndexes.map((i) => rows[row]?.[i] ?? null),
    [keyIndexes, rows],
  );
  const failedKey =
    failure?.change && failure.change.kind !== 'insert' ? failure.change.rowKey : null;

  const stagedValue = useCallback(
    (row: number, col: number): { staged: boolean; value: unknown } => {
      const name = columns[col]?.name;
      const update = name === undefined ? undefined : updateOf(state, rowKeyOf(keyOf(row)));
      return update && name! in update.values
        ? { staged: true, value: update.values[name!] }
        : { staged: false, value: rows[row]?.[col] };
    },
    [columns, state, keyOf, rows],
  );

  const gridRenderCell = useCallback<NonNullable<DataGridProps['renderCell']>>(
    (context) => {
      const { rowIndex, columnIndex } = context;
      const { staged, value } = stagedValue(rowIndex, columnIndex);
      const shown: ReactNode =
        renderCell?.({ ...context, value }) ??
        (staged ? <CellValue value={value} type={context.column.type} /> : undefined);
      if (editing?.row !== rowIndex || editing.col !== columnIndex) return shown;
      const column = columns[columnIndex]!;
      return (
        <>
          {shown ?? <CellValue value={value} type={column.type} />}
          <CellEditor
            column={column}
            value={value}
            onClose={() => setEditing(null)}
            files={{
              orgId: files.orgId,
              workspaceId: files.workspaceId,
              holdsFiles: files.columns.has(columnIndex),
            }}
            onStage={(next) =>
              apply((s) =>
                stageCell(s, {
                  key: keyOf(rowIndex),
                  column: column.name,
                  value: next,
                  original: rows[rowIndex]?.[columnIndex],
                }),
              )
            }
          />
        </>
      );
    },
    [stagedValue, renderCell, editing, columns, apply, keyOf, rows, files],
  );

  // On the cells, not the row: a line-through does not reach the cells (absolutely placed).
  const cellClassName = useCallback(
    (row: number, col: number) => {
      const rowKey = rowKeyOf(keyOf(row));
      if (isDeleted(state, rowKey)) {
        return 'bg-danger/10 text-muted line-through decoration-danger';
      }
      const staged = stagedValue(row, col).staged;
      return (
        [
          failedKey === rowKey && 'bg-danger/15',
          staged && 'shadow-[inset_3px_0_0_rgb(var(--color-warning))]',
          staged && failedKey !== rowKey && 'bg-warning/15',
        ]
          .filter(Boolean)
          .join(' ') || undefined
      );
    },
    [stagedValue, failedKey, keyOf, state],
  );

  const onCellPaste = useCallback(
    (row: number, col: number, text: string) => {
      const block = parseTsv(text);
      const result = pastedCells(
        block,
        { row, col },
        {
          rows: rows.length,
          types: columns.map((c) => c.type),
        },
      );
      const cells = result.cells
        .filter((cell) => !isDeleted(state, rowKeyOf(keyOf(cell.row))))
        .map((cell) => ({
          key: keyOf(cell.row),
          column: columns[cell.col]!.name,
          value: cell.value,
          original: rows[cell.row]?.[cell.col],
        }));
      apply((s) => stageCells(s, cells));
      const left = [
        result.outside > 0 && `${result.outside} past the page’s edge`,
        result.invalid > 0 && `${result.invalid} not of their column’s type: ${result.firstError}`,
      ].filter(Boolean);
      setPasteNote(
        `Pasted ${cells.length} ${cells.length === 1 ? 'cell' : 'cells'}` +
          (left.length > 0 ? `; left out ${left.join('; ')}` : '') +
          '.',
      );
    },
    [rows, columns, state, keyOf, apply],
  );

  const toggle = (rowKey: RowKey) =>
    setSelected((current) => {
      const next = new Set(current);
      if (next.has(rowKey)) next.delete(rowKey);
      else next.add(rowKey);
      return next;
    });

  /** The selection box of a row and, on the row a save failed on, the server's message. */
  const editActions = (row: number) => {
    const rowKey = rowKeyOf(keyOf(row));
    return (
      <>
        <input
          type="checkbox"
          className="size-4 accent-accent"
          aria-label={`Select row ${firstRowNumber + row}`}
          checked={selected.has(rowKey)}
          onChange={() => toggle(rowKey)}
        />
        {failedKey === rowKey && (
          <span role="img" aria-label={`Failed: ${failure!.message}`} title={failure!.message}>
            <CircleAlert aria-hidden className="size-4 text-danger" />
          </span>
        )}
      </>
    );
  };

  const selectedKeys = rows
    .map((_, row) => keyOf(row))
    .filter((key) => selected.has(rowKeyOf(key)));

  if (!enabled) return null;
  return {
    gridProps: {
      renderCell: gridRenderCell,
      onCellEdit: (row: number, col: number) => {
        if (!isDeleted(state, rowKeyOf(keyOf(row)))) setEditing({ row, col });
      },
      cellClassName,
      onCellPaste,
    } satisfies Partial<DataGridProps>,
    editActions,
    selectedKeys,
    clearSelection: () => setSelected(new Set()),
    pasteNote,
    dismissPasteNote: () => setPasteNote(null),
  };
}
