import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { Info, Radar, SquareTerminal, TriangleAlert } from 'lucide-react';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Link } from 'react-router';
import type { TableDetails } from '../../../../contract/tables';
import {
  DataGrid,
  type DataGridProps,
  type GridColumn,
  type GridSort,
} from '../../../components/data-grid';
import { Button } from '../../../components/ui/button';
import { buttonClasses } from '../../../components/ui/button-styles';
import { ErrorState } from '../../../components/ui/error-state';
import { LazyMount } from '../../../components/ui/lazy-mount';
import { Skeleton } from '../../../components/ui/skeleton';
import { FilePreviewDialog } from '../../files';
import { tableRowsQueryOptions, type RowsView } from '../api/table-rows-query';
import { isEstimate } from '../lib/format';
import { isVectorType } from '../lib/similar';
import { sqlEditorLink } from '../lib/sql-editor-link';
import { buildTableQuery, type ColumnFilter } from '../lib/table-query';
import type { TableViewState } from '../lib/view-state';
import { EditBar } from '../edit/edit-bar';
import { EDIT_ACTIONS_WIDTH, useGridEditing } from '../edit/use-grid-editing';
import type { TableEdits } from '../edit/use-table-edits';
import { FILE_THUMBNAIL_SIZE, FileIdCell } from './file-id-cell';
import { FilterBar } from './filter-bar';
import { Pager } from './pager';
import { RowDetailSheet } from './row-detail-sheet';
import { SimilarRowsSheet } from './similar-rows-sheet';
import { useFileIdColumns } from './use-file-id-columns';

const THUMBNAIL_ROW_HEIGHT = FILE_THUMBNAIL_SIZE + 8;

/**
 * The rows of a table, a page at a time through the query endpoint: filters and sort become
 * SQL with `$n` parameters, the next page is fetched before it is asked for, and the page on
 * screen stays while another loads.
 */
export function DataView({
  orgId,
  workspaceId,
  details,
  view,
  onViewChange,
  edits,
  canEdit,
  readOnlyWhy,
}: {
  orgId: string;
  workspaceId: string;
  details: TableDetails;
  view: TableViewState;
  onViewChange: (change: Partial<TableViewState>) => void;
  edits: TableEdits;
  /** A writer on a table with a primary key: the grid's cells can be edited. */
  canEdit: boolean;
  /** Why a writer cannot edit this table's rows, if they cannot. */
  readOnlyWhy: string | null;
}) {
  const table = details.table_name;
  const columns = details.columns;
  const queryClient = useQueryClient();
  const rowsView: RowsView = {
    page: view.page,
    pageSize: view.pageSize,
    sort: view.sort,
    filters: view.filters,
  };
  const rows = useQuery({
    ...tableRowsQueryOptions(orgId, workspaceId, table, columns, rowsView),
    placeholderData: keepPreviousData,
  });
  const page = rows.data;
  const pageRows = page?.rows;
  // What would be asked for now, to name what the URL asked for that the table lacks.
  const ignored = useMemo(
    () =>
      buildTableQuery({ schema: workspaceId, table, columns, ...rowsView, page: 1, pageSize: 1 })
        .ignored,
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [workspaceId, table, columns, view.sort, view.filters],
  );

  const hasNext = page?.hasNext === true && !rows.isPlaceholderData;
  useEffect(() => {
    if (!hasNext) return;
    void queryClient.prefetchQuery(
      tableRowsQueryOptions(orgId, workspaceId, table, columns, {
        ...rowsView,
        page: view.page + 1,
      }),
    );
    // The next page of exactly this view; rowsView is rebuilt from these each render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [hasNext, queryClient, orgId, workspaceId, table, columns, view]);

  const gridColumns = useMemo<GridColumn[]>(
    () => columns.map((column) => ({ name: column.name, type: column.type })),
    [columns],
  );
  const fileColumns = useFileIdColumns(orgId, workspaceId, gridColumns, pageRows ?? []);
  const fileColumnsKey = [...fileColumns].join(',');
  const vectorColumns = useMemo(
    () => columns.filter((c) => isVectorType(c.type)).map((c) => c.name),
    [columns],
  );

  const [openRow, setOpenRow] = useState<number | null>(null);
  const [similarTo, setSimilarTo] = useState<number | null>(null);
  const [previewFileId, setPreviewFileId] = useState<string | null>(null);
  // Another page closes the panels that showed one of this page's rows.
  const [panelsFor, setPanelsFor] = useState(pageRows);
  if (panelsFor !== pageRows) {
    setPanelsFor(pageRows);
    setOpenRow(null);
    setSimilarTo(null);
  }

  const renderCell = useCallback<NonNullable<DataGridProps['renderCell']>>(
    ({ columnIndex, value }) =>
      fileColumns.has(columnIndex) && typeof value === 'string' ? (
        <FileIdCell
          orgId={orgId}
          workspaceId={workspaceId}
          fileId={value}
          onPreview={setPreviewFileId}
        />
      ) : undefined,
    // fileColumns is rebuilt each render; its content is what matters.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [fileColumnsKey, orgId, workspaceId],
  );
  const firstRowNumber = (view.page - 1) * view.pageSize + 1;
  const fileChoice = useMemo(
    () => ({ orgId, workspaceId, columns: fileColumns }),
    // As renderCell: fileColumns is rebuilt each render; its content is what matters.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [fileColumnsKey, orgId, workspaceId],
  );
  const editing = useGridEditing({
    edits,
    columns,
    rows: pageRows ?? [],
    enabled: canEdit,
    renderCell,
    firstRowNumber,
    files: fileChoice,
  });
  const editActions = editing?.editActions;
  const rowActions = useMemo(
    () =>
      vectorColumns.length === 0 && !editActions
        ? undefined
        : (rowIndex: number) => (
            <>
              {editActions?.(rowIndex)}
              {vectorColumns.length > 0 && (
                <Button
                  size="sm"
                  variant="ghost"
                  className="h-7 px-2 text-xs"
                  aria-label={`Find rows similar to row ${(view.page - 1) * view.pageSize + rowIndex + 1}`}
                  title={`Rows nearest by ${vectorColumns[0]} (cosine similarity)`}
                  onClick={() => setSimilarTo(rowIndex)}
                >
                  <Radar aria-hidden className="size-3.5" />
                  Find similar
                </Button>
              )}
            </>
          ),
    [vectorColumns, view.page, view.pageSize, editActions],
  );
  // Filters left out (unknown columns) do not narrow the rows: the table's count still holds.
  const filtered = view.filters.length > ignored.filter((part) => part.kind === 'filter').length;

  return (
    <div className="space-y-3">
      {readOnlyWhy && (
        <p className="flex items-start gap-2 text-sm text-muted">
          <Info aria-hidden className="mt-0.5 size-4 shrink-0" />
          {readOnlyWhy}
        </p>
      )}
      {editing && (
        <EditBar
          edits={edits}
          columns={columns}
          selectedKeys={editing.selectedKeys}
          clearSelection={editing.clearSelection}
          pasteNote={editing.pasteNote}
          dismissPasteNote={editing.dismissPasteNote}
        />
      )}
      <FilterBar
        columns={columns}
        filters={view.filters}
        onChange={(filters: ColumnFilter[]) => onViewChange({ filters, page: 1 })}
      />
      {ignored.length > 0 && (
        <div
          role="status"
          className="flex flex-wrap items-center gap-2 rounded border border-warning/40 bg-warning/10 px-3 py-2 text-sm"
        >
          <TriangleAlert aria-hidden className="size-4 shrink-0 text-warning" />
          <span>
            Left out, as {table} has no such column:{' '}
            {ignored.map((part, i) => (
              <span key={i}>
                {i > 0 && ', '}
                the {part.kind} on <span className="font-mono">“{part.column}”</span>
              </span>
            ))}
            .
          </span>
          <Button
            size="sm"
            variant="ghost"
            className="ml-auto"
            onClick={() => {
              const known = new Set(columns.map((c) => c.name));
              onViewChange({
                filters: view.filters.filter((f) => known.has(f.column)),
                sort: view.sort && known.has(view.sort.column) ? view.sort : null,
              });
            }}
          >
            Remove them
          </Button>
        </div>
      )}

      {rows.isError && !page ? (
        <ErrorState
          title="Could not load the rows"
          message={rows.error.message}
          onRetry={() => void rows.refetch()}
          retrying={rows.isFetching}
        >
          {filtered && (
            <Button onClick={() => onViewChange({ filters: [], page: 1 })}>Clear filters</Button>
          )}
        </ErrorState>
      ) : (
        <>
          {rows.isError && (
            <div
              role="alert"
              className="rounded border border-danger/40 bg-danger/10 px-3 py-2 text-sm text-danger"
            >
              Could not load this page: {rows.error.message}
            </div>
          )}
          <div
            className="h-[calc(100dvh-22rem)] min-h-80"
            aria-busy={rows.isFetching && !page ? true : undefined}
          >
            {page ? (
              <DataGrid
                label={`Rows of ${table}`}
                columns={gridColumns}
                rows={page.rows}
                sort={view.sort}
                onSortChange={(sort: GridSort | null) => onViewChange({ sort, page: 1 })}
                firstRowNumber={firstRowNumber}
                renderCell={renderCell}
                onRowOpen={setOpenRow}
                {...editing?.gridProps}
                rowActions={rowActions}
                rowActionsWidth={
                  (vectorColumns.length > 0 ? 132 : 0) + (editing ? EDIT_ACTIONS_WIDTH : 0) ||
                  undefined
                }
                rowHeight={fileColumns.size > 0 ? THUMBNAIL_ROW_HEIGHT : undefined}
                widthStorageKey={`${orgId}/${workspaceId}/${table}`}
                className={rows.isPlaceholderData ? 'opacity-70 transition-opacity' : undefined}
              />
            ) : (
              <div
                role="status"
                className="h-full space-y-2 rounded-lg border border-border bg-surface p-3"
              >
                <span className="sr-only">Loading rows</span>
                {Array.from({ length: 8 }, (_, i) => (
                  <Skeleton key={i} className="h-6" />
                ))}
              </div>
            )}
          </div>
          <div className="flex flex-wrap items-center justify-between gap-3">
            <Pager
              page={view.page}
              pageSize={view.pageSize}
              rowsOnPage={page?.rows.length ?? 0}
              hasNext={hasNext}
              total={filtered ? null : details.row_count}
              totalIsEstimate={isEstimate(details)}
              loading={rows.isFetching}
              onPageChange={(next) => onViewChange({ page: next })}
              onPageSizeChange={(pageSize) => onViewChange({ pageSize, page: 1 })}
            />
            {page && (
              <Link
                to={sqlEditorLink(workspaceId, page.query.sql, page.query.params)}
                className={buttonClasses('ghost', 'sm')}
              >
                <SquareTerminal aria-hidden className="size-4" />
                Open this query in SQL
              </Link>
            )}
          </div>
        </>
      )}

      {openRow !== null && pageRows?.[openRow] && (
        <RowDetailSheet
          columns={gridColumns}
          values={pageRows[openRow]}
          rowNumber={firstRowNumber + openRow}
          onPrevious={openRow > 0 ? () => setOpenRow(openRow - 1) : undefined}
          onNext={openRow < pageRows.length - 1 ? () => setOpenRow(openRow + 1) : undefined}
          onClose={() => setOpenRow(null)}
          renderValue={(columnIndex, value) =>
            fileColumns.has(columnIndex) && typeof value === 'string' ? (
              <FileIdCell
                orgId={orgId}
                workspaceId={workspaceId}
                fileId={value}
                size={96}
                onPreview={setPreviewFileId}
              />
            ) : undefined
          }
          extra={
            vectorColumns.length > 0 && (
              <Button
                size="sm"
                onClick={() => {
                  setOpenRow(null);
                  setSimilarTo(openRow);
                }}
              >
                <Radar aria-hidden className="size-4" />
                Find similar rows
              </Button>
            )
          }
        />
      )}
      {similarTo !== null && pageRows?.[similarTo] && (
        <SimilarRowsSheet
          orgId={orgId}
          workspaceId={workspaceId}
          table={table}
          columns={columns}
          vectorColumns={vectorColumns}
          initialColumn={vectorColumns[0]!}
          row={pageRows[similarTo]}
          rowNumber={firstRowNumber + similarTo}
          renderCell={renderCell}
          onClose={() => setSimilarTo(null)}
        />
      )}
      <LazyMount when={previewFileId !== null}>
        {previewFileId !== null && (
          <FilePreviewDialog
            orgId={orgId}
            workspaceId={workspaceId}
            fileId={previewFileId}
            onClose={() => setPreviewFileId(null)}
          />
        )}
      </LazyMount>
    </div>
  );
}
