import { Check, CircleAlert, Info, Plus, Trash2, Undo2, X } from 'lucide-react';
import { useState } from 'react';
import type { TableColumn } from '../../../../contract/tables';
import { Button } from '../../../components/ui/button';
import { AddRowDialog } from './add-row-dialog';
import { discard, stageDeletes, stageInsert, undo, unstage, type RowInsert } from './edit-store';
import { ReviewDialog } from './review-dialog';
import type { TableEdits } from './use-table-edits';

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** The key of a staged change's row in words: `id = 3`. */
function keyText(primaryKey: readonly string[], key: readonly unknown[]) {
  return primaryKey.map((name, i) => `${name} = ${JSON.stringify(key[i])}`).join(', ');
}

/**
 * The data tab's editing controls: what is staged, Add row, Delete selected, Undo, Discard and
 * Review (which saves), and why a save failed.
 */
export function EditBar({
  edits,
  columns,
  selectedKeys,
  clearSelection,
  pasteNote,
  dismissPasteNote,
}: {
  edits: TableEdits;
  columns: readonly TableColumn[];
  selectedKeys: unknown[][];
  clearSelection: () => void;
  pasteNote: string | null;
  dismissPasteNote: () => void;
}) {
  const { apply, counts, state, failure, saved, primaryKey } = edits;
  const [adding, setAdding] = useState(false);
  const [reviewing, setReviewing] = useState(false);
  const inserts = state.changes.filter((c): c is RowInsert => c.kind === 'insert');
  const failedWhere =
    failure?.change?.kind === 'insert'
      ? 'A new row'
      : failure?.change
        ? `The row ${keyText(primaryKey, failure.change.key)}`
        : null;

  return (
    <div className="space-y-2">
      <div role="toolbar" aria-label="Edit rows" className="flex flex-wrap items-center gap-2">
        <Button size="sm" onClick={() => setAdding(true)}>
          <Plus aria-hidden className="size-4" />
          Add row
        </Button>
        <Button
          size="sm"
          disabled={selectedKeys.length === 0}
          onClick={() => {
            apply((s) => stageDeletes(s, selectedKeys));
            clearSelection();
          }}
        >
          <Trash2 aria-hidden className="size-4" />
          Delete selected{selectedKeys.length > 0 ? ` (${selectedKeys.length})` : ''}
        </Button>
        <span className="px-1 text-sm text-muted" role="status">
          {counts.total === 0
            ? 'Double-click a cell or press Enter to edit it.'
            : [
                counts.updates > 0 && plural(counts.updates, 'edited row', 'edited rows'),
                counts.inserts > 0 && plural(counts.inserts, 'new row', 'new rows'),
                counts.deletes > 0 && plural(counts.deletes, 'deleted row', 'deleted rows'),
              ]
                .filter(Boolean)
                .join(', ') + ' staged'}
        </span>
        <span className="flex-1" />
        <Button
          size="sm"
          variant="ghost"
          disabled={state.past.length === 0}
          onClick={() => apply(undo)}
        >
          <Undo2 aria-hidden className="size-4" />
          Undo
        </Button>
        <Button
          size="sm"
          variant="ghost"
          disabled={counts.total === 0}
          onClick={() => apply(discard)}
        >
          Discard
        </Button>
        <Button
          size="sm"
          variant="primary"
          disabled={counts.total === 0}
          onClick={() => setReviewing(true)}
        >
          Review
        </Button>
      </div>

      {inserts.length > 0 && (
        <ul aria-label="New rows" className="space-y-1">
          {inserts.map((row) => (
            <li
              key={row.id}
              className={
                failure?.change === row
                  ? 'flex items-center gap-2 rounded border border-danger/60 bg-danger/10 px-2 py-1 text-xs'
                  : 'flex items-center gap-2 rounded border border-success/40 bg-success/10 px-2 py-1 text-xs'
              }
            >
              <span className="font-medium">New</span>
              <span className="min-w-0 flex-1 truncate font-mono">
                {Object.keys(row.values).length === 0
                  ? 'all defaults'
                  : Object.entries(row.values)
                      .map(([k, v]) => `${k}: ${JSON.stringify(v)}`)
                      .join(', ')}
              </span>
              <button
                type="button"
                aria-label="Remove this new row"
                className="rounded p-0.5 text-muted hover:text-fg focus-visible:outline-2 focus-visible:outline-accent"
                onClick={() => apply((s) => unstage(s, row))}
              >
                <X aria-hidden className="size-3.5" />
              </button>
            </li>
          ))}
        </ul>
      )}

      {failure && (
        <div
          role="alert"
          className="flex items-start gap-2 rounded border border-danger/40 bg-danger/10 px-3 py-2 text-sm text-danger"
        >
          <CircleAlert aria-hidden className="mt-0.5 size-4 shrink-0" />
          <span>
            Nothing was saved. {failedWhere ? `${failedWhere} failed: ` : ''}
            {failure.message}
          </span>
        </div>
      )}
      {saved && (
        <p role="status" className="flex items-center gap-2 text-sm text-muted">
          <Check aria-hidden className="size-4 shrink-0 text-success" />
          Saved: {plural(saved.results.length, 'statement', 'statements')},{' '}
          {plural(saved.row_count, 'row', 'rows')} changed.
        </p>
      )}
      {pasteNote && (
        <p role="status" className="flex items-center gap-2 text-sm text-muted">
          <Info aria-hidden className="size-4 shrink-0" />
          <span className="flex-1">{pasteNote}</span>
          <button
            type="button"
            aria-label="Dismiss"
            className="rounded p-0.5 hover:text-fg focus-visible:outline-2 focus-visible:outline-accent"
            onClick={dismissPasteNote}
          >
            <X aria-hidden className="size-3.5" />
          </button>
        </p>
      )}

      <AddRowDialog
        columns={columns}
        open={adding}
        onOpenChange={setAdding}
        onStage={(values) => apply((s) => stageInsert(s, values))}
      />
      <ReviewDialog
        open={reviewing}
        onOpenChange={setReviewing}
        statements={edits.statements}
        saving={edits.saving}
        failure={failure}
        onSave={() =>
          // Either way the grid shows what happened: the saved rows, or the failing one marked.
          void edits.save().then(() => setReviewing(false))
        }
      />
    </div>
  );
}
