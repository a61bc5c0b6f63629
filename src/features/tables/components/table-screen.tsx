import { useQuery, useQueryClient } from '@tanstack/react-query';
import clsx from 'clsx';
import { ChevronLeft, Info, RotateCw, Table2, Trash2, X } from 'lucide-react';
import { Tabs } from 'radix-ui';
import { lazy, useCallback, useState } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import type { TableDetails } from '../../../../contract/tables';
import { Button } from '../../../components/ui/button';
import { buttonClasses } from '../../../components/ui/button-styles';
import { EmptyState } from '../../../components/ui/empty-state';
import { LazyMount } from '../../../components/ui/lazy-mount';
import { PageHeader } from '../../../components/ui/page-header';
import { queryFallback } from '../../../components/ui/query-fallback';
import { isApiError } from '../../../lib/api-client';
import { useAddressState } from '../../../lib/use-address-state';
import { useDocumentTitle } from '../../../lib/use-document-title';
import {
  ReadOnlyNote,
  useCurrentWorkspace,
  useWriteAccess,
  workspacePath,
  writeControl,
} from '../../workspaces';
import { tableKeys } from '../api/keys';
import { tableDetailsQueryOptions } from '../api/table-query';
import { useTableEdits } from '../edit/use-table-edits';
import { LeaveEditsDialog } from '../edit/leave-edits-dialog';
import { formatCount, formatRowCount, formatSize } from '../lib/format';
import {
  parseViewState,
  viewSearchParams,
  type TableTab,
  type TableViewState,
} from '../lib/view-state';
import type { ImportedState } from './create-table-dialog';
import { DataView } from './data-view';
import { SchemaView } from './schema-view';

const DropTableDialog = lazy(() =>
  import('./drop-table-dialog').then((m) => ({ default: m.DropTableDialog })),
);

/** One table: its rows (Data) and its columns (Schema), the view kept in the URL. */
export function TableScreen() {
  const { tableName = '' } = useParams();
  useDocumentTitle(tableName);
  // Keyed by table: nothing of one table's view (a page kept while loading) shows for another.
  return <TableView key={tableName} table={tableName} />;
}

function TableView({ table }: { table: string }) {
  const { orgId, workspaceId } = useCurrentWorkspace();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();
  const details = useQuery(tableDetailsQueryOptions(orgId, workspaceId, table));
  const { state: view, update } = useAddressState(parseViewState, viewSearchParams);
  const [dropping, setDropping] = useState(false);
  const access = useWriteAccess();
  const imported = (location.state as ImportedState | null)?.imported;
  const edits = useTableEdits(orgId, workspaceId, details.data);

  const onViewChange = useCallback(
    (change: Partial<TableViewState>) =>
      // Paging and filtering are steps people go back through; the rest replaces.
      update(change, { history: change.tab === undefined ? 'push' : 'replace' }),
    [update],
  );
  const refresh = () =>
    void Promise.all([
      queryClient.invalidateQueries({ queryKey: tableKeys.table(orgId, workspaceId, table) }),
      queryClient.invalidateQueries({ queryKey: tableKeys.list(orgId, workspaceId) }),
    ]);
  const refreshing = details.isFetching && !details.isPending;
  const backToList = (
    <Link
      to={workspacePath(workspaceId, 'tables')}
      className="inline-flex items-center gap-1 text-sm text-muted hover:text-fg"
    >
      <ChevronLeft aria-hidden className="size-4" />
      Tables
    </Link>
  );

  if (details.isError && isApiError(details.error) && details.error.status === 404) {
    return (
      <>
        {backToList}
        <PageHeader title={table} />
        <EmptyState
          icon={Table2}
          title="Table not found"
          action={
            <Link to={workspacePath(workspaceId, 'tables')} className={buttonClasses('primary')}>
              Go to tables
            </Link>
          }
        >
          There is no table <span className="font-mono">{table}</span> in this workspace. It may
          have been dropped or renamed.
        </EmptyState>
      </>
    );
  }

  return (
    <>
      {backToList}
      <PageHeader
        title={table}
        description={details.data && <TableFacts details={details.data} />}
        actions={
          <>
            <Button onClick={refresh} pending={refreshing}>
              {!refreshing && <RotateCw aria-hidden className="size-4" />}
              Refresh
            </Button>
            <Button
              variant="ghost"
              className="hover:text-danger"
              onClick={() => setDropping(true)}
              {...writeControl(access)}
            >
              <Trash2 aria-hidden className="size-4" />
              Drop table
            </Button>
          </>
        }
      />
      <ReadOnlyNote access={access} className="mb-4" />
      {imported && (
        <div
          role="status"
          className="mb-4 flex items-start gap-2 rounded-lg border border-accent/30 bg-accent/10 px-4 py-3 text-sm"
        >
          <Info aria-hidden className="mt-0.5 size-4 shrink-0 text-accent" />
          <p className="flex-1">
            Created from <span className="font-medium">{imported.file}</span> with{' '}
            {formatCount(imported.rows)} {imported.rows === 1 ? 'row' : 'rows'}. A hosted Deeplake
            service can take a few seconds to show new rows: if some are missing, use{' '}
            <strong>Refresh</strong>.
          </p>
          <button
            type="button"
            aria-label="Dismiss"
            className="rounded p-0.5 text-muted hover:text-fg focus-visible:outline-2 focus-visible:outline-accent"
            onClick={() =>
              void navigate(
                { pathname: location.pathname, search: location.search },
                { replace: true, state: null },
              )
            }
          >
            <X aria-hidden className="size-4" />
          </button>
        </div>
      )}

      {queryFallback(details, {
        pending: 'Loading the table',
        failed: 'Could not load the table',
      }) ??
        (details.data && (
          <Tabs.Root
            value={view.tab}
            onValueChange={(tab) => onViewChange({ tab: tab as TableTab })}
          >
            <Tabs.List aria-label="Views" className="mb-4 flex gap-1 border-b border-border">
              {(['data', 'schema'] as const).map((tab) => (
                <Tabs.Trigger
                  key={tab}
                  value={tab}
                  className={clsx(
                    '-mb-px border-b-2 px-3 py-2 text-sm font-medium',
                    'focus-visible:outline-2 focus-visible:outline-accent',
                    'data-[state=active]:border-accent data-[state=active]:text-accent',
                    'data-[state=inactive]:border-transparent data-[state=inactive]:text-muted data-[state=inactive]:hover:text-fg',
                  )}
                >
                  {tab === 'data' ? 'Data' : 'Schema'}
                </Tabs.Trigger>
              ))}
            </Tabs.List>
            <Tabs.Content value="data" className="focus:outline-none">
              <DataView
                orgId={orgId}
                workspaceId={workspaceId}
                details={details.data}
                view={view}
                onViewChange={onViewChange}
                edits={edits}
                canEdit={access.canWrite && edits.editable}
                readOnlyWhy={
                  !access.canWrite || edits.editable
                    ? null
                    : details.data.primary_key
                      ? 'This table has no primary key, so its rows are read-only here: edits are saved row by row, by their key.'
                      : 'This server does not say which columns are the primary key, so rows are read-only here.'
                }
              />
            </Tabs.Content>
            <Tabs.Content value="schema" className="focus:outline-none">
              <SchemaView workspaceId={workspaceId} details={details.data} />
            </Tabs.Content>
          </Tabs.Root>
        ))}

      <LeaveEditsDialog blocker={edits.blocker} staged={edits.counts.total} />
      <LazyMount when={dropping}>
        <DropTableDialog
          orgId={orgId}
          workspaceId={workspaceId}
          table={dropping ? table : null}
          onClose={() => setDropping(false)}
          leaveTo="list"
        />
      </LazyMount>
    </>
  );
}

function TableFacts({ details }: { details: TableDetails }) {
  const columns = details.columns.length;
  return (
    <>
      {formatRowCount(details)} {details.row_count === 1 ? 'row' : 'rows'} · {columns}{' '}
      {columns === 1 ? 'column' : 'columns'} · {formatSize(details.size_mb)}
    </>
  );
}
