import clsx from 'clsx';
import { CheckCircle2, ChevronDown, ChevronUp, CircleAlert, RotateCw, X } from 'lucide-react';
import { memo, useState } from 'react';
import { Button } from '../../../components/ui/button';
import { IconButton } from '../../../components/ui/icon-button';
import { baseName } from '../folders/folder-paths';
import { formatBytes, formatDuration, formatSpeed } from '../lib/format';
import {
  summarize,
  type UploadItem,
  type UploadQueue,
  type UploadSummary,
} from '../upload/upload-queue';

function ProgressBar({ item }: { item: UploadItem }) {
  const size = item.file.size;
  const percent = size === 0 ? (item.status === 'done' ? 100 : 0) : (item.sent / size) * 100;
  return (
    <div
      role="progressbar"
      aria-label={`Upload of ${item.file.name}`}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={Math.round(percent)}
      className="h-1.5 overflow-hidden rounded-full bg-raised"
    >
      <div
        className={clsx(
          'h-full rounded-full transition-[width]',
          item.status === 'failed'
            ? 'bg-danger'
            : item.status === 'done'
              ? 'bg-success'
              : item.status === 'cancelled'
                ? 'bg-muted/40'
                : 'bg-accent',
        )}
        style={{ width: `${percent}%` }}
      />
    </div>
  );
}

/** "4.2 MB of 10 MB · 3.1 MB/s · 2 s left", or what happened to it. */
function statusLine(item: UploadItem): string {
  const size = formatBytes(item.file.size);
  switch (item.status) {
    case 'queued':
      return `${size} · waiting`;
    case 'uploading': {
      if (item.sent >= item.file.size && item.file.size > 0) return `${size} · saving…`;
      const parts = [`${formatBytes(item.sent)} of ${size}`];
      if (item.speed !== null) parts.push(formatSpeed(item.speed));
      const left = formatDuration(item.secondsLeft);
      if (left) parts.push(`${left} left`);
      return parts.join(' · ');
    }
    case 'done':
      return `${size} · uploaded`;
    case 'cancelled':
      return `${size} · cancelled`;
    case 'failed':
      return `${size} · failed`;
  }
}

// The queue keeps unchanged uploads as the same objects: only changed rows render again.
const UploadRow = memo(function UploadRow({
  item,
  queue,
}: {
  item: UploadItem;
  queue: UploadQueue;
}) {
  const name = item.file.name;
  const active = item.status === 'queued' || item.status === 'uploading';
  return (
    <li className="space-y-1.5 px-3 py-2">
      <div className="flex items-center gap-2">
        {item.status === 'done' && (
          <CheckCircle2 aria-hidden className="size-4 shrink-0 text-success" />
        )}
        {item.status === 'failed' && (
          <CircleAlert aria-hidden className="size-4 shrink-0 text-danger" />
        )}
        <span className="min-w-0 flex-1 truncate text-sm font-medium text-fg" title={name}>
          {name}
        </span>
        {(item.status === 'failed' || item.status === 'cancelled') && (
          <IconButton
            label={`Retry ${name}`}
            title="Retry"
            icon={RotateCw}
            onClick={() => queue.retry(item.key)}
          />
        )}
        {active ? (
          <IconButton
            label={`Cancel ${name}`}
            title="Cancel"
            icon={X}
            onClick={() => queue.cancel(item.key)}
          />
        ) : (
          <IconButton
            label={`Dismiss ${name}`}
            title="Dismiss"
            icon={X}
            onClick={() => queue.dismiss(item.key)}
          />
        )}
      </div>
      <ProgressBar item={item} />
      <p className="truncate text-xs text-muted tabular-nums">
        {statusLine(item)}
        {item.target.folder !== undefined && (
          <span title={item.target.folder}> · into {baseName(item.target.folder)}</span>
        )}
        {item.target.table !== undefined && (
          <span>
            {' '}
            · {item.status === 'done' ? 'recorded' : 'to be recorded'} in {item.target.table}.
            {item.target.column}
          </span>
        )}
      </p>
      {item.error && <p className="text-xs break-words text-danger">{item.error}</p>}
    </li>
  );
});

const files = (count: number) => (count === 1 ? '1 file' : `${count} files`);

/** "Uploading 3 files · 5 done". */
function uploadingTitle({ active, done }: UploadSummary): string {
  return `Uploading ${files(active)}${done > 0 ? ` · ${done} done` : ''}`;
}

/** "4 files uploaded · 1 failed", "1 file cancelled". */
function finishedTitle({ done, failed, cancelled }: UploadSummary): string {
  const outcomes = (
    [
      [done, 'uploaded'],
      [failed, 'failed'],
      [cancelled, 'cancelled'],
    ] as const
  ).filter(([count]) => count > 0);
  return outcomes
    .map(([count, verb], index) => `${index === 0 ? files(count) : count} ${verb}`)
    .join(' · ');
}

/** The upload queue: one row per file with progress, speed and time left, cancel and retry. */
export function UploadPanel({
  queue,
  items,
}: {
  queue: UploadQueue;
  items: readonly UploadItem[];
}) {
  const [collapsed, setCollapsed] = useState(false);
  if (items.length === 0) return null;
  const summary = summarize(items);
  const title = summary.active > 0 ? uploadingTitle(summary) : finishedTitle(summary);
  const overall =
    summary.active > 0 && summary.activeBytes > 0
      ? ` · ${Math.floor((summary.activeSent / summary.activeBytes) * 100)}%`
      : '';

  return (
    <section
      aria-label="Uploads"
      className="fixed right-4 bottom-4 left-4 z-30 flex max-h-[60dvh] flex-col overflow-hidden rounded-lg border border-border bg-surface shadow-xl sm:right-auto sm:w-96 md:left-[17rem]"
    >
      <div className="flex items-center gap-1 border-b border-border py-1.5 pr-1.5 pl-3">
        <h2 className="min-w-0 flex-1 truncate text-sm font-semibold text-fg" aria-live="polite">
          {title}
          {overall}
        </h2>
        {summary.active > 0 ? (
          <Button size="sm" variant="ghost" onClick={() => queue.cancelAll()}>
            Cancel all
          </Button>
        ) : (
          <Button size="sm" variant="ghost" onClick={() => queue.clearFinished()}>
            Clear
          </Button>
        )}
        <Button
          size="icon"
          variant="ghost"
          aria-label={collapsed ? 'Show uploads' : 'Hide uploads'}
          aria-expanded={!collapsed}
          onClick={() => setCollapsed(!collapsed)}
        >
          {collapsed ? (
            <ChevronUp aria-hidden className="size-4" />
          ) : (
            <ChevronDown aria-hidden className="size-4" />
          )}
        </Button>
      </div>
      {!collapsed && (
        <ul className="min-h-0 divide-y divide-border overflow-y-auto">
          {items.map((item) => (
            <UploadRow key={item.key} item={item} queue={queue} />
          ))}
        </ul>
      )}
    </section>
  );
}
