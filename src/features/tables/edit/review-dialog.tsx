import clsx from 'clsx';
import { Dialog, DialogContent, DialogFooter, DialogClose } from '../../../components/ui/dialog';
import { Button } from '../../../components/ui/button';
import { FormAlert } from '../../../components/ui/form-alert';
import type { EditStatement } from './statements';
import type { SaveFailure } from './use-table-edits';

/**
 * The exact statements a save runs, in order, with their parameters and the rows each is meant
 * to touch. Save runs them in one transaction: all of them, or none.
 */
export function ReviewDialog({
  open,
  onOpenChange,
  statements,
  onSave,
  saving,
  failure,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  statements: readonly EditStatement[];
  onSave: () => void;
  saving: boolean;
  failure: SaveFailure | null;
}) {
  const rows = statements.reduce((sum, s) => sum + s.expectedRows, 0);
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent
        title="Review changes"
        description={`${statements.length} ${statements.length === 1 ? 'statement' : 'statements'}, ${rows} ${rows === 1 ? 'row' : 'rows'}, saved in one transaction: all or nothing.`}
        className="max-w-3xl"
      >
        <ol aria-label="Statements" className="max-h-[55vh] space-y-2 overflow-y-auto">
          {statements.map((statement, i) => {
            const failed = failure?.change === statement.change;
            return (
              <li
                key={i}
                className={clsx(
                  'rounded border px-3 py-2',
                  failed ? 'border-danger/60 bg-danger/10' : 'border-border bg-raised',
                )}
              >
                <pre className="font-mono text-xs break-all whitespace-pre-wrap text-fg">
                  {statement.query}
                </pre>
                {statement.params.length > 0 && (
                  <p className="mt-1 font-mono text-xs break-all text-muted">
                    {statement.params.map((p, k) => `$${k + 1} = ${JSON.stringify(p)}`).join(', ')}
                  </p>
                )}
                <p className="mt-1 text-xs text-muted">
                  {statement.expectedRows} {statement.expectedRows === 1 ? 'row' : 'rows'}
                </p>
                {failed && <p className="mt-1 text-xs text-danger">{failure.message}</p>}
              </li>
            );
          })}
        </ol>
        {failure && <FormAlert className="mt-3">Nothing was saved: {failure.message}</FormAlert>}
        <DialogFooter>
          <DialogClose asChild>
            <Button>Back</Button>
          </DialogClose>
          <Button
            variant="primary"
            pending={saving}
            disabled={statements.length === 0}
            onClick={onSave}
          >
            Save {statements.length} {statements.length === 1 ? 'change' : 'changes'}
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
