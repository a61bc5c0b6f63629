import { Info } from 'lucide-react';
import { changesRows } from '../lib/result-summary';

/**
 * After a write whose answer does not say it was committed (the hosted service's do not), a
 * table read at once may not show the new rows yet: the person is told, rather than left to
 * think the write was lost.
 */
export function LateRowsNote({
  command,
  committed,
}: {
  command: string;
  committed: boolean | undefined;
}) {
  if (committed === true || !changesRows(command)) return null;
  return (
    <p className="flex items-start gap-2 rounded border border-border bg-raised px-3 py-2 text-sm text-fg">
      <Info aria-hidden className="mt-0.5 size-4 shrink-0 text-muted" />
      <span>
        A hosted table may take a few seconds to show new or changed rows: if a read does not show
        them yet, refresh it in a moment.
      </span>
    </p>
  );
}
