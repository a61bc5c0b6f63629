import { useQuery } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import type { TableColumn } from '../../../../contract/tables';
import { Button } from '../../../components/ui/button';
import { Dialog, DialogContent } from '../../../components/ui/dialog';
import { FormAlert } from '../../../components/ui/form-alert';
import { FieldLabel } from '../../../components/ui/input';
import { Select } from '../../../components/ui/select';
import { errorMessage } from '../../../lib/api-client';
import { tableDetailsQueryOptions, tableListQueryOptions } from '../../tables';
import { columnMatch, type RecordTarget } from './record-target';

const describeColumn = (column: TableColumn): string =>
  columnMatch(column.type) === 'id'
    ? `${column.type}: gets the file ID`
    : `${column.type}: gets the file's path`;

/** The columns an insert of one column leaves without a value they need. */
const wantingValues = (columns: readonly TableColumn[], chosen: string) =>
  columns.filter((c) => c.name !== chosen && !c.nullable && c.default === null);

/**
 * Picks the table and column uploads are recorded in (`POST …/files?table=&column=`): each file
 * then gets a row, in the same transaction as its upload. Only uuid and text columns are
 * offered, and a table whose other columns need values is said to be one uploads would fail in.
 */
export function RecordInTableDialog({
  orgId,
  workspaceId,
  current,
  onChoose,
  onClose,
}: {
  orgId: string;
  workspaceId: string;
  current: RecordTarget | null;
  /** The new target; null stops recording. */
  onChoose: (target: RecordTarget | null) => void;
  onClose: () => void;
}) {
  const id = useId();
  const [table, setTable] = useState(current?.table);
  const [column, setColumn] = useState(current?.column);
  const tables = useQuery(tableListQueryOptions(orgId, workspaceId));
  const details = useQuery({
    ...tableDetailsQueryOptions(orgId, workspaceId, table ?? ''),
    enabled: table !== undefined,
  });
  const usable = (details.data?.columns ?? []).filter((c) => columnMatch(c.type) !== null);
  const chosen = usable.find((c) => c.name === column);
  const blocking = chosen && details.data ? wantingValues(details.data.columns, chosen.name) : [];

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!table || !chosen || blocking.length > 0) return;
    onChoose({ table, column: chosen.name, match: columnMatch(chosen.type)! });
  }

  const tableOptions = (tables.data ?? []).map((t) => ({
    value: t.table_name,
    label: t.table_name,
    ...(t.row_count === null ? {} : { detail: `${t.row_count.toLocaleString('en-US')} rows` }),
  }));

  return (
    <Dialog open onOpenChange={(open) => !open && onClose()}>
      <DialogContent
        title="Record uploads in a table"
        description="Each file uploaded gets a row in the table, written in the same transaction as the upload: both or neither. A uuid column gets the file ID, and the table browser shows the file; a text column gets its path."
        className="max-w-lg"
      >
        <form onSubmit={submit} className="space-y-4" noValidate>
          {tables.isError && <FormAlert>{errorMessage(tables.error)}</FormAlert>}
          <div className="space-y-1.5">
            <FieldLabel htmlFor={`${id}-table`}>Table</FieldLabel>
            <Select
              id={`${id}-table`}
              value={table}
              onValueChange={(value) => {
                setTable(value);
                setColumn(undefined);
              }}
              options={tableOptions}
              placeholder={
                tables.isPending
                  ? 'Loading tables…'
                  : tableOptions.length === 0
                    ? 'No tables in this workspace'
                    : 'Choose a table'
              }
              disabled={tableOptions.length === 0}
            />
          </div>
          <div className="space-y-1.5">
            <FieldLabel htmlFor={`${id}-column`}>Column</FieldLabel>
            <Select
              id={`${id}-column`}
              value={column}
              onValueChange={setColumn}
              options={usable.map((c) => ({
                value: c.name,
                label: c.name,
                detail: describeColumn(c),
              }))}
              placeholder={
                !table
                  ? 'Choose a table first'
                  : details.isPending
                    ? 'Loading columns…'
                    : usable.length === 0
                      ? 'No uuid or text column'
                      : 'Choose a column'
              }
              disabled={usable.length === 0}
            />
          </div>
          {details.isError && <FormAlert>{errorMessage(details.error)}</FormAlert>}
          {blocking.length > 0 && (
            <FormAlert>
              {blocking.map((c) => c.name).join(', ')} of {table} need a value and have no default:
              an upload recorded here would be refused. Choose another table, or give
              {blocking.length === 1 ? ' that column' : ' those columns'} a default with SQL.
            </FormAlert>
          )}
          <div className="flex flex-wrap justify-end gap-2">
            {current && (
              <Button type="button" className="mr-auto" onClick={() => onChoose(null)}>
                Stop recording
              </Button>
            )}
            <Button type="button" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" variant="primary" disabled={!chosen || blocking.length > 0}>
              Record uploads here
            </Button>
          </div>
        </form>
      </DialogContent>
    </Dialog>
  );
}
