import { BarChart3, Copy, ListPlus } from 'lucide-react';
import { useState } from 'react';
import type { TableColumn, TableDetails } from '../../../../contract/tables';
import { copyText, formatTypeName } from '../../../components/data-grid';
import { Badge } from '../../../components/ui/badge';
import { Button } from '../../../components/ui/button';
import { Table, Td, Th, Tr } from '../../../components/ui/table';
import { useCurrentWorkspace, useWriteAccess, writeControl } from '../../workspaces';
import { createTableSketch } from '../lib/create-table-sketch';
import { indexKindLabel } from '../lib/index-sql';
import { ColumnProfileSheet } from './column-profile-sheet';
import { CreateIndexDialog } from './create-index-dialog';
import { IndexList } from './index-list';

/**
 * The columns of a table as people read them, its indexes, and a CREATE TABLE that makes the
 * same shape. Per column: Create index (a statement through the query endpoint, so any server)
 * and Profile, which only the bundled server answers: it is offered where the details list
 * indexes, which only the bundled server sends.
 */
export function SchemaView({
  workspaceId,
  details,
}: {
  workspaceId: string;
  details: TableDetails;
}) {
  const { orgId } = useCurrentWorkspace();
  const access = useWriteAccess();
  const [indexing, setIndexing] = useState<TableColumn | null>(null);
  const [profiling, setProfiling] = useState<TableColumn | null>(null);
  const sketch = createTableSketch(workspaceId, details.table_name, details.columns);
  const indexes = details.indexes;
  const kindsOf = (column: string) =>
    (indexes ?? []).filter((index) => index.columns[0] === column).map((index) => index.kind);
  return (
    <div className="space-y-6">
      <Table caption={`Columns of ${details.table_name}`}>
        <thead>
          <tr>
            <Th className="w-12 text-right">#</Th>
            <Th>Column</Th>
            <Th>Type</Th>
            <Th>Nullable</Th>
            <Th>Default</Th>
            <Th className="text-right">
              <span className="sr-only">Actions</span>
            </Th>
          </tr>
        </thead>
        <tbody>
          {details.columns.map((column, index) => {
            const readable = formatTypeName(column.type);
            return (
              <Tr key={`${index}:${column.name}`}>
                <Td className="text-right font-mono text-xs text-muted tabular-nums">
                  {index + 1}
                </Td>
                <Td className="font-mono font-medium break-all text-fg">{column.name}</Td>
                <Td>
                  <span className="font-mono">{readable}</span>
                  {readable !== column.type && (
                    <span className="ml-2 font-mono text-xs text-muted" title="PostgreSQL's name">
                      ({column.type})
                    </span>
                  )}
                </Td>
                <Td>
                  {column.nullable ? (
                    <span className="text-muted">nullable</span>
                  ) : (
                    <Badge tone="accent">NOT NULL</Badge>
                  )}
                </Td>
                <Td className="font-mono text-xs break-all">
                  {column.default ?? <span className="text-muted">—</span>}
                </Td>
                <Td className="text-right whitespace-nowrap">
                  <span className="mr-2 inline-flex gap-1 align-middle">
                    {kindsOf(column.name).map((kind, i) => (
                      <Badge key={i} tone="accent">
                        {indexKindLabel(kind)}
                      </Badge>
                    ))}
                  </span>
                  {indexes && (
                    <Button
                      size="sm"
                      variant="ghost"
                      aria-label={`Profile ${column.name}`}
                      onClick={() => setProfiling(column)}
                    >
                      <BarChart3 aria-hidden className="size-4" />
                      Profile
                    </Button>
                  )}
                  <Button
                    size="sm"
                    variant="ghost"
                    aria-label={`Create index on ${column.name}`}
                    onClick={() => setIndexing(column)}
                    {...writeControl(access)}
                  >
                    <ListPlus aria-hidden className="size-4" />
                    Index
                  </Button>
                </Td>
              </Tr>
            );
          })}
        </tbody>
      </Table>

      {indexes && <IndexList table={details.table_name} indexes={indexes} />}

      <section aria-labelledby="create-table-sketch" className="space-y-2">
        <div className="flex items-center justify-between gap-3">
          <div>
            <h2 id="create-table-sketch" className="text-base font-semibold">
              CREATE TABLE
            </h2>
            <p className="text-sm text-muted">
              A sketch of the same shape: names, types, NOT NULL and defaults. Keys, indexes and
              type sizes are left out.
            </p>
          </div>
          <Button size="sm" onClick={() => void copyText(sketch, 'CREATE TABLE')}>
            <Copy aria-hidden className="size-4" />
            Copy SQL
          </Button>
        </div>
        <pre
          tabIndex={0}
          aria-label="CREATE TABLE statement"
          className="overflow-x-auto rounded-lg border border-border bg-raised/50 p-4 font-mono text-xs leading-relaxed text-fg"
        >
          {sketch}
        </pre>
      </section>

      {indexing && (
        <CreateIndexDialog
          orgId={orgId}
          workspaceId={workspaceId}
          table={details.table_name}
          column={indexing}
          onClose={() => setIndexing(null)}
        />
      )}
      {profiling && (
        <ColumnProfileSheet
          orgId={orgId}
          workspaceId={workspaceId}
          table={details.table_name}
          column={profiling}
          onClose={() => setProfiling(null)}
        />
      )}
    </div>
  );
}
