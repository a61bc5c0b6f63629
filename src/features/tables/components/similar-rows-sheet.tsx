import { useQuery } from '@tanstack/react-query';
import { SquareTerminal } from 'lucide-react';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import type { TableColumn } from '../../../../contract/tables';
import { DataGrid, type DataGridProps, type GridColumn } from '../../../components/data-grid';
import { buttonClasses } from '../../../components/ui/button-styles';
import { queryFallback } from '../../../components/ui/query-fallback';
import { Select } from '../../../components/ui/select';
import { similarRowsQueryOptions } from '../api/similar-query';
import { sqlEditorLink } from '../lib/sql-editor-link';
import { SideSheet } from './side-sheet';

function asVector(value: unknown): number[] | null {
  if (!Array.isArray(value) || value.length === 0) return null;
  return value.every((item) => typeof item === 'number') ? (value as number[]) : null;
}

/**
 * The rows nearest to one row's vector by cosine similarity (`<#>`, higher is closer), with
 * their scores, and the SQL that found them to take to the SQL editor.
 */
export function SimilarRowsSheet({
  orgId,
  workspaceId,
  table,
  columns,
  vectorColumns,
  initialColumn,
  row,
  rowNumber,
  renderCell,
  onClose,
}: {
  orgId: string;
  workspaceId: string;
  table: string;
  columns: readonly TableColumn[];
  vectorColumns: readonly string[];
  initialColumn: string;
  row: readonly unknown[];
  rowNumber: number;
  renderCell?: DataGridProps['renderCell'];
  onClose: () => void;
}) {
  const [column, setColumn] = useState(initialColumn);
  const columnIndex = columns.findIndex((c) => c.name === column);
  const vector = asVector(row[columnIndex]);
  const columnNames = useMemo(() => columns.map((c) => c.name), [columns]);
  const similar = useQuery({
    ...similarRowsQueryOptions({
      orgId,
      workspaceId,
      table,
      column,
      columnNames,
      vector: vector ?? [],
    }),
    enabled: vector !== null,
  });

  const gridColumns = useMemo<GridColumn[]>(() => {
    const score = similar.data?.query.scoreColumn ?? 'similarity';
    return [
      { name: score, type: similar.data?.result.types?.[0] ?? 'float8' },
      ...columns.map((c) => ({ name: c.name, type: c.type })),
    ];
  }, [columns, similar.data]);
  // Cells of the table's own columns are one to the right of where the page grid has them.
  const shiftedRenderCell = useMemo<DataGridProps['renderCell']>(
    () =>
      renderCell &&
      ((cell) =>
        cell.columnIndex === 0
          ? undefined
          : renderCell({ ...cell, columnIndex: cell.columnIndex - 1 })),
    [renderCell],
  );

  return (
    <SideSheet
      title={`Rows similar to row ${rowNumber.toLocaleString('en-US')}`}
      description={
        <>
          By cosine similarity of <span className="font-mono">{column}</span> (1 is the same
          direction, higher is closer).
        </>
      }
      onClose={onClose}
      className="sm:w-[min(64rem,90vw)]"
    >
      <div className="flex h-full flex-col gap-3 p-5">
        <div className="flex flex-wrap items-center gap-3">
          {vectorColumns.length > 1 && (
            <Select
              aria-label="Vector column"
              size="sm"
              className="w-56"
              value={column}
              options={vectorColumns.map((name) => ({ value: name, label: name }))}
              onValueChange={setColumn}
            />
          )}
          {similar.data && (
            <Link
              to={sqlEditorLink(workspaceId, similar.data.query.sql, similar.data.query.params)}
              className={buttonClasses('secondary', 'sm', 'ml-auto')}
            >
              <SquareTerminal aria-hidden className="size-4" />
              Open in SQL editor
            </Link>
          )}
        </div>
        {vector === null ? (
          <p className="rounded border border-dashed border-border px-4 py-6 text-center text-sm text-muted">
            This row has no vector in <span className="font-mono">{column}</span> to compare with.
          </p>
        ) : (
          (queryFallback(similar, {
            pending: 'Finding similar rows',
            failed: 'Could not find similar rows',
          }) ??
          (similar.data && (
            <>
              <details className="rounded border border-border bg-raised/40 text-sm">
                <summary className="cursor-pointer px-3 py-1.5 text-muted">
                  The SQL it ran ({similar.data.result.rows.length} rows
                  {similar.data.result.duration_ms !== undefined &&
                    `, ${Math.round(similar.data.result.duration_ms)} ms`}
                  )
                </summary>
                <pre className="overflow-x-auto border-t border-border px-3 py-2 font-mono text-xs">
                  {similar.data.query.sql}
                </pre>
              </details>
              <div className="min-h-64 flex-1">
                <DataGrid
                  label={`Rows similar to row ${rowNumber}`}
                  columns={gridColumns}
                  rows={similar.data.result.rows}
                  renderCell={shiftedRenderCell}
                />
              </div>
            </>
          )))
        )}
      </div>
    </SideSheet>
  );
}
