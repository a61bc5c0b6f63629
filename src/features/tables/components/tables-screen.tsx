import { useQuery, useQueryClient } from '@tanstack/react-query';
import { FileUp, RotateCw, Table2, Trash2 } from 'lucide-react';
import { lazy, useState } from 'react';
import { Link } from 'react-router';
import { SearchField } from '../../../components/search-field';
import { Button } from '../../../components/ui/button';
import { EmptyState } from '../../../components/ui/empty-state';
import { IconButton } from '../../../components/ui/icon-button';
import { LazyMount } from '../../../components/ui/lazy-mount';
import { PageHeader } from '../../../components/ui/page-header';
import { QueryView } from '../../../components/ui/query-view';
import { Table, Td, Th, Tr } from '../../../components/ui/table';
import { useAddressState } from '../../../lib/use-address-state';
import { useDocumentTitle } from '../../../lib/use-document-title';
import {
  ReadOnlyNote,
  useCurrentWorkspace,
  useWriteAccess,
  WorkspacePicker,
  workspacePath,
  writeControl,
  type WriteAccess,
} from '../../workspaces';
import { tableKeys } from '../api/keys';
import { tableListQueryOptions } from '../api/tables-query';
import type { TableListEntry } from '../api/answers';
import { formatRowCount, formatSize, isEstimate } from '../lib/format';
import { parseTableListState, tableListSearchParams } from '../lib/view-state';

const DropTableDialog = lazy(() =>
  import('./drop-table-dialog').then((m) => ({ default: m.DropTableDialog })),
);
const CreateTableDialog = lazy(() =>
  import('./create-table-dialog').then((m) => ({ default: m.CreateTableDialog })),
);

/** The tables of the current workspace: what is there, how big, and a way into each. */
export function TablesScreen() {
  useDocumentTitle('Tables');
  const { orgId, workspaceId, workspace } = useCurrentWorkspace();
  const queryClient = useQueryClient();
  const tables = useQuery(tableListQueryOptions(orgId, workspaceId));
  const { state, update, navigations } = useAddressState(
    parseTableListState,
    tableListSearchParams,
  );
  const [dropping, setDropping] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const access = useWriteAccess();

  return (
    <>
      <PageHeader
        title="Tables"
        description={
          <>
            Tables of the workspace <span className="font-medium text-fg">{workspace.name}</span>.
            Open one to see its columns and browse its rows.
          </>
        }
        actions={
          <>
            <div className="w-60">
              <WorkspacePicker area="tables" />
            </div>
            <Button
              onClick={() =>
                void queryClient.invalidateQueries({
                  queryKey: tableKeys.workspace(orgId, workspaceId),
                })
              }
              pending={tables.isFetching && !tables.isPending}
            >
              {!(tables.isFetching && !tables.isPending) && (
                <RotateCw aria-hidden className="size-4" />
              )}
              Refresh
            </Button>
            <Button variant="primary" onClick={() => setCreating(true)} {...writeControl(access)}>
              <FileUp aria-hidden className="size-4" />
              Create table from file
            </Button>
          </>
        }
      />
      <ReadOnlyNote access={access} className="mb-4" />

      <QueryView query={tables} pending="Loading tables" failed="Could not load the tables">
        {(list) =>
          list.length === 0 ? (
            <EmptyState
              icon={Table2}
              title="No tables yet"
              action={
                <Button
                  variant="primary"
                  onClick={() => setCreating(true)}
                  {...writeControl(access)}
                >
                  <FileUp aria-hidden className="size-4" />
                  Create table from file
                </Button>
              }
            >
              Load a CSV or JSON file to make a table, or create one with{' '}
              <Link className="text-accent underline" to={workspacePath(workspaceId, 'sql')}>
                SQL
              </Link>
              .
            </EmptyState>
          ) : (
            <TableList
              workspaceId={workspaceId}
              tables={list}
              filter={state.q}
              onFilterChange={(q) => update({ q })}
              navigations={navigations}
              onDrop={setDropping}
              access={access}
            />
          )
        }
      </QueryView>

      <LazyMount when={dropping !== null}>
        <DropTableDialog
          orgId={orgId}
          workspaceId={workspaceId}
          table={dropping}
          onClose={() => setDropping(null)}
        />
      </LazyMount>
      <LazyMount when={creating}>
        <CreateTableDialog
          orgId={orgId}
          workspaceId={workspaceId}
          open={creating}
          onOpenChange={setCreating}
        />
      </LazyMount>
    </>
  );
}

function TableList({
  workspaceId,
  tables,
  filter,
  onFilterChange,
  navigations,
  onDrop,
  access,
}: {
  workspaceId: string;
  tables: TableListEntry[];
  /** The name filter, trimmed. */
  filter: string;
  onFilterChange: (value: string) => void;
  navigations: number;
  onDrop: (table: string) => void;
  access: WriteAccess;
}) {
  const needle = filter.toLowerCase();
  const shown = needle ? tables.filter((t) => t.table_name.toLowerCase().includes(needle)) : tables;
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center gap-3">
        <SearchField
          label="Filter tables by name"
          placeholder="Filter by name"
          className="w-full max-w-sm"
          search={filter}
          onSearch={onFilterChange}
          navigations={navigations}
        />
        <p className="text-sm text-muted" aria-live="polite">
          {needle
            ? `${shown.length} of ${tables.length} tables`
            : `${tables.length} ${tables.length === 1 ? 'table' : 'tables'}`}
        </p>
      </div>
      {shown.length === 0 ? (
        <p className="rounded-lg border border-dashed border-border bg-surface px-4 py-8 text-center text-sm text-muted">
          No table name contains “{filter}”.
        </p>
      ) : (
        <Table caption="Tables">
          <thead>
            <tr>
              <Th>Name</Th>
              <Th className="text-right">Rows</Th>
              <Th className="text-right">Size</Th>
              <Th>
                <span className="sr-only">Actions</span>
              </Th>
            </tr>
          </thead>
          <tbody>
            {shown.map((table) => (
              <Tr key={table.table_name}>
                <Td>
                  <Link
                    to={workspacePath(workspaceId, 'tables', table.table_name)}
                    className="font-mono font-medium text-accent hover:underline focus-visible:outline-2 focus-visible:outline-accent"
                  >
                    {table.table_name}
                  </Link>
                </Td>
                <Td className="text-right font-mono tabular-nums">
                  {isEstimate(table) ? (
                    <abbr
                      title="An estimate from PostgreSQL's statistics: counting a big table exactly would read all of it"
                      className="no-underline"
                    >
                      {formatRowCount(table)}
                    </abbr>
                  ) : (
                    formatRowCount(table)
                  )}
                </Td>
                <Td className="text-right font-mono text-muted tabular-nums">
                  {formatSize(table.size_mb)}
                </Td>
                <Td>
                  <div className="flex justify-end">
                    <IconButton
                      label={`Drop ${table.table_name}`}
                      title="Drop table"
                      icon={Trash2}
                      danger
                      onClick={() => onDrop(table.table_name)}
                      {...writeControl(access)}
                    />
                  </div>
                </Td>
              </Tr>
            ))}
          </tbody>
        </Table>
      )}
    </div>
  );
}
