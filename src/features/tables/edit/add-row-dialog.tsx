import { useState, type FormEvent } from 'react';
import type { TableColumn } from '../../../../contract/tables';
import { formatTypeName } from '../../../components/data-grid';
import { Dialog, DialogContent, DialogFormFooter } from '../../../components/ui/dialog';
import { TextField } from '../../../components/ui/input';
import { editorKind, parseInput } from './cell-input';

/**
 * A new row, one field per column with its type. A field left empty is left out of the
 * INSERT, so the column takes its default (or NULL); the default is shown as the placeholder.
 */
export function AddRowDialog({
  columns,
  open,
  onOpenChange,
  onStage,
}: {
  columns: readonly TableColumn[];
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onStage: (values: Record<string, unknown>) => void;
}) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent
        title="Add a row"
        description="Empty fields take the column’s default, or NULL. The row is staged until you save."
        className="max-w-xl"
      >
        {open && (
          <RowForm
            columns={columns}
            onStage={(values) => {
              onStage(values);
              onOpenChange(false);
            }}
          />
        )}
      </DialogContent>
    </Dialog>
  );
}

function RowForm({
  columns,
  onStage,
}: {
  columns: readonly TableColumn[];
  onStage: (values: Record<string, unknown>) => void;
}) {
  const [texts, setTexts] = useState<Record<string, string>>({});
  const [submitted, setSubmitted] = useState(false);
  const problems = new Map<string, string>();
  const values: Record<string, unknown> = {};
  for (const column of columns) {
    const text = texts[column.name] ?? '';
    if (text === '') {
      if (!column.nullable && column.default === null) problems.set(column.name, 'Required');
      continue;
    }
    const parsed = parseInput(text, column.type);
    if (parsed.ok) values[column.name] = parsed.value;
    else problems.set(column.name, parsed.error);
  }

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (problems.size === 0) onStage(values);
  };

  return (
    <form onSubmit={submit} noValidate className="space-y-3">
      <div className="-mx-1 max-h-[55vh] space-y-3 overflow-y-auto px-1 pb-1">
        {columns.map((column) => {
          const kind = editorKind(column.type);
          const text = texts[column.name] ?? '';
          // Only what was typed is checked as it is typed; a missing value once submitted.
          const problem = text !== '' || submitted ? problems.get(column.name) : undefined;
          return (
            <TextField
              key={column.name}
              label={`${column.name} (${formatTypeName(column.type)})`}
              value={text}
              onChange={(event) => setTexts({ ...texts, [column.name]: event.target.value })}
              placeholder={
                column.default !== null
                  ? `default: ${column.default}`
                  : column.nullable
                    ? 'NULL'
                    : kind === 'boolean'
                      ? 'required: true or false'
                      : 'required'
              }
              error={problem}
              className="font-mono"
            />
          );
        })}
      </div>
      <DialogFormFooter submitLabel="Stage row" pending={false} />
    </form>
  );
}
