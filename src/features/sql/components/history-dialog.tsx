import { Play, SquarePen, Trash2 } from 'lucide-react';
import { useDeferredValue, useMemo, useState } from 'react';
import { Badge, type BadgeTone } from '../../../components/ui/badge';
import { Button } from '../../../components/ui/button';
import { Dialog, DialogContent } from '../../../components/ui/dialog';
import { Input } from '../../../components/ui/input';
import { formatDuration } from '../lib/result-summary';
import { matchesSearch, paramsText, type HistoryEntry } from '../lib/saved-state';

const SHOWN = 100;
const when = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

const STATUS: Record<HistoryEntry['status'], { label: string; tone: BadgeTone }> = {
  ok: { label: 'OK', tone: 'success' },
  error: { label: 'Error', tone: 'danger' },
  cancelled: { label: 'Cancelled', tone: 'neutral' },
};

/** Every run of this workspace, newest first: search, open again in a tab, or run again. */
export function HistoryDialog({
  open,
  onOpenChange,
  entries,
  onOpen,
  onRun,
  onDelete,
  onClear,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  entries: readonly HistoryEntry[];
  onOpen: (entry: HistoryEntry) => void;
  onRun: (entry: HistoryEntry) => void;
  onDelete: (entry: HistoryEntry) => void;
  onClear: () => void;
}) {
  const [search, setSearch] = useState('');
  const deferred = useDeferredValue(search);
  const matches = useMemo(
    () => entries.filter((entry) => matchesSearch(entry, deferred)),
    [entries, deferred],
  );
  const [confirmClear, setConfirmClear] = useState(false);

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent
        title="Query history"
        description="Every statement run in this workspace, with its parameters. Kept in this browser."
        className="max-w-3xl"
      >
        <div className="flex gap-2">
          <Input
            type="search"
            aria-label="Search history"
            placeholder="Search SQL and parameter values"
            value={search}
            onChange={(event) => setSearch(event.target.value)}
          />
          {entries.length > 0 &&
            (confirmClear ? (
              <Button
                variant="danger"
                onClick={() => {
                  onClear();
                  setConfirmClear(false);
                }}
              >
                Clear all {entries.length.toLocaleString()}
              </Button>
            ) : (
              <Button onClick={() => setConfirmClear(true)}>Clear history</Button>
            ))}
        </div>
        <p className="mt-2 text-xs text-muted" aria-live="polite">
          {entries.length === 0
            ? 'Nothing has been run in this workspace yet.'
            : matches.length > SHOWN
              ? `Showing the newest ${SHOWN} of ${matches.length.toLocaleString()} matching runs.`
              : `${matches.length.toLocaleString()} of ${entries.length.toLocaleString()} runs.`}
        </p>
        <ul aria-label="Runs" className="mt-2 max-h-[60vh] space-y-2 overflow-y-auto">
          {matches.slice(0, SHOWN).map((entry) => {
            const status = STATUS[entry.status];
            const name = entry.sql.split('\n')[0]!.slice(0, 80);
            return (
              <li key={entry.id} className="rounded border border-border bg-canvas p-3">
                <div className="mb-1 flex flex-wrap items-center gap-2 text-xs text-muted">
                  <Badge tone={status.tone}>{status.label}</Badge>
                  <time dateTime={new Date(entry.ranAt).toISOString()}>
                    {when.format(entry.ranAt)}
                  </time>
                  {entry.durationMs !== undefined && (
                    <span>{formatDuration(entry.durationMs)}</span>
                  )}
                  {entry.rowCount !== undefined && (
                    <span>{entry.rowCount.toLocaleString()} rows</span>
                  )}
                  {entry.batchSize !== undefined && (
                    <span>batch of {entry.batchSize.toLocaleString()}</span>
                  )}
                  <span className="ml-auto flex gap-1">
                    <Button
                      size="sm"
                      variant="ghost"
                      aria-label={`Open ${name}`}
                      title="Open in a new tab"
                      onClick={() => onOpen(entry)}
                    >
                      <SquarePen aria-hidden className="size-4" />
                      Open
                    </Button>
                    <Button
                      size="sm"
                      variant="ghost"
                      aria-label={`Run again ${name}`}
                      title="Run again in a new tab"
                      onClick={() => onRun(entry)}
                    >
                      <Play aria-hidden className="size-4" />
                      Run
                    </Button>
                    <Button
                      size="sm"
                      variant="ghost"
                      aria-label={`Delete from history ${name}`}
                      title="Delete from history"
                      onClick={() => onDelete(entry)}
                    >
                      <Trash2 aria-hidden className="size-4" />
                    </Button>
                  </span>
                </div>
                <pre className="max-h-24 overflow-hidden font-mono text-xs whitespace-pre-wrap text-fg">
                  {entry.sql}
                </pre>
                {entry.params.length > 0 && (
                  <p className="mt-1 truncate font-mono text-xs text-muted">
                    {paramsText(entry.params)}
                  </p>
                )}
                {entry.message && <p className="mt-1 text-xs text-danger">{entry.message}</p>}
              </li>
            );
          })}
        </ul>
      </DialogContent>
    </Dialog>
  );
}
