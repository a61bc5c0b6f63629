import { useId, useState } from 'react';
import { Dialog, DialogContent, DialogFormFooter } from '../../../components/ui/dialog';
import { useCreateIndex } from '../api/index-create-mutation';
import { createIndexSql, INDEX_LABELS, indexChoices, type IndexChoice } from '../lib/index-sql';

/**
 * Makes an index on one column: the kinds that fit its type, the exact statement shown before it
 * runs, sent as any other statement through the query endpoint. The server's refusal stays in
 * the dialog; on success the table's details (and so the index list) reload.
 */
export function CreateIndexDialog({
  orgId,
  workspaceId,
  table,
  column,
  onClose,
}: {
  orgId: string;
  workspaceId: string;
  table: string;
  column: { name: string; type: string };
  onClose: () => void;
}) {
  const id = useId();
  const choices = indexChoices(column.type);
  const [choice, setChoice] = useState<IndexChoice>(choices[0]!);
  const create = useCreateIndex(orgId, workspaceId, table);
  const sql = createIndexSql(workspaceId, table, column.name, choice);
  return (
    <Dialog open onOpenChange={(open) => !open && onClose()}>
      <DialogContent
        title={`Create index on ${column.name}`}
        description="The statement below runs in this workspace as shown."
        className="sm:max-w-xl"
      >
        <form
          className="space-y-4"
          onSubmit={(event) => {
            event.preventDefault();
            create.mutate(sql, { onSuccess: onClose });
          }}
        >
          <fieldset className="space-y-2">
            <legend className="mb-1 text-sm font-medium">Kind</legend>
            {choices.map((option) => (
              <label key={option} className="flex items-start gap-2 text-sm">
                <input
                  type="radio"
                  name={`${id}-kind`}
                  className="mt-1 accent-[rgb(var(--color-accent))]"
                  checked={choice === option}
                  onChange={() => {
                    create.reset();
                    setChoice(option);
                  }}
                />
                <span>
                  <span className="font-medium">{INDEX_LABELS[option].title}</span>
                  <span className="block text-muted">{INDEX_LABELS[option].detail}</span>
                </span>
              </label>
            ))}
          </fieldset>
          <pre
            tabIndex={0}
            aria-label="CREATE INDEX statement"
            className="overflow-x-auto rounded-lg border border-border bg-raised/50 p-3 font-mono text-xs text-fg"
          >
            {sql}
          </pre>
          <DialogFormFooter
            error={create.error?.message}
            submitLabel="Create index"
            pending={create.isPending}
          />
        </form>
      </DialogContent>
    </Dialog>
  );
}
