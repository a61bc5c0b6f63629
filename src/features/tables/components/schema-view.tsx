import { Copy } from 'lucide-react';
import type { TableDetails } from '../../../../contract/tables';
import { copyText, formatTypeName } from '../../../components/data-grid';
import { Badge } from '../../../components/ui/badge';
import { Button } from '../../../components/ui/button';
import { Table, Td, Th, Tr } from '../../../components/ui/table';
import { createTableSketch } from '../lib/create-table-sketch';

/** The columns of a table as people read them, and a CREATE TABLE that makes the same shape. */
export function SchemaView({
  workspaceId,
  details,
}: {
  workspaceId: string;
  details: TableDetails;
}) {
  const sketch = createTableSketch(workspaceId, details.table_name, details.columns);
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
              </Tr>
            );
          })}
        </tbody>
      </Table>

      <section aria-labelledby="create-table-sketch" className="space-y-2">
        <div className="flex items-center justify-between gap-3">
          <div>
            <h2 id="create-table-sketch" className="text-base font-semibold">
              CREATE TABLE
            </h2>
            <p className="text-sm text-muted">
              A sketch of the same shape: names, types, NOT NULL and defaults. Keys, indexes and
              type sizes are not part of what the API tells.
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
    </div>
  );
}
