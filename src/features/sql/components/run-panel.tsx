import { Ban, CircleCheck } from 'lucide-react';
import { memo, useEffect, useState } from 'react';
import { commandOf, formatDuration, rowsSummary } from '../lib/result-summary';
import type { RunState } from '../state/run-store';
import { LateRowsNote } from './late-rows-note';
import { PlanView } from './plan-view';
import { BatchStop, Result, RunError } from './query-result';
import { ScriptResults } from './script-results';

const n = (value: number) => value.toLocaleString();
const NO_PARAMS: readonly unknown[] = [];

/** The outcome of a tab's last run: progress while it runs, then its rows, summary or error. */
// Memoized: the editor re-renders the screen at every keystroke, and a result of 100,000 rows
// should not be looked at again each time.
export const RunPanel = memo(function RunPanel(props: {
  state: RunState;
  onShowError?: (() => void) | undefined;
  /** Where the statements run, to copy a result's statement as a request. */
  orgId?: string | undefined;
  workspaceId?: string | undefined;
}) {
  return (
    <section aria-label="Result" className="space-y-2">
      <RunOutcome {...props} />
    </section>
  );
});

function RunOutcome({
  state,
  onShowError,
  orgId,
  workspaceId,
}: {
  state: RunState;
  /** Moves the editor's cursor to the error, when the error has a place. */
  onShowError?: (() => void) | undefined;
  orgId?: string | undefined;
  workspaceId?: string | undefined;
}) {
  const target = orgId && workspaceId ? { orgId, workspaceId } : undefined;
  switch (state.status) {
    case 'idle':
      return (
        <p className="rounded-lg border border-dashed border-border px-4 py-6 text-center text-sm text-muted">
          Run a statement to see its result here.
        </p>
      );
    case 'running':
      return <Running state={state} />;
    case 'cancelled':
      return (
        <div
          role="status"
          className="space-y-1 rounded-lg border border-border bg-surface px-4 py-3 text-sm"
        >
          <p className="flex items-center gap-2 font-medium text-fg">
            <Ban aria-hidden className="size-4 text-muted" />
            Cancelled after {formatDuration(state.elapsedMs)}.
          </p>
          {state.batch && <BatchStop batch={state.batch} />}
        </div>
      );
    case 'error':
      return <RunError state={state} onShowError={onShowError} />;
    case 'batch-result':
      return (
        <div
          role="status"
          className="flex items-start gap-2 rounded-lg border border-success/40 bg-success/10 px-4 py-3 text-sm text-fg"
        >
          <CircleCheck aria-hidden className="mt-0.5 size-4 shrink-0 text-success" />
          <div>
            <p className="font-medium">
              Batch done:{' '}
              {rowsSummary(
                commandOf(state.summary.command, state.sent.text),
                state.summary.rowCount,
                false,
              )}{' '}
              from {n(state.summary.rows)} parameter {state.summary.rows === 1 ? 'row' : 'rows'}
            </p>
            <p className="text-muted">
              {state.summary.chunks === 1
                ? 'Sent in one request (one transaction)'
                : `Sent in ${n(state.summary.chunks)} requests`}{' '}
              · {formatDuration(state.elapsedMs)}
            </p>
            <LateRowsNote
              command={commandOf(state.summary.command, state.sent.text)}
              committed={state.summary.committed}
            />
          </div>
        </div>
      );
    case 'script':
      return <ScriptResults state={state} onShowError={onShowError} target={target} />;
    case 'explain':
      return <PlanView state={state} />;
    case 'result':
      return (
        <Result
          result={state.result}
          sent={state.sent}
          params={state.params ?? NO_PARAMS}
          elapsedMs={state.elapsedMs}
          target={target}
        />
      );
  }
}

function Running({ state }: { state: Extract<RunState, { status: 'running' }> }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(timer);
  }, []);
  const progress = state.progress;
  const elapsed = formatDuration(Math.max(0, now - state.startedAt));
  return (
    <div className="space-y-2 rounded-lg border border-border bg-surface px-4 py-3 text-sm">
      <div className="flex items-center justify-between gap-4">
        <p className="text-fg">
          {/* Only the progress is announced; the clock ticking would be noise. */}
          <span role="status">
            {progress
              ? `Sent ${n(progress.doneRows)} of ${n(progress.totalRows)} rows (request ${n(progress.chunk)} of ${n(progress.chunks)})`
              : 'Running…'}
          </span>
          <span className="text-muted"> · {elapsed}</span>
        </p>
      </div>
      {progress && (
        <div
          role="progressbar"
          aria-label="Batch progress"
          aria-valuemin={0}
          aria-valuemax={progress.totalRows}
          aria-valuenow={progress.doneRows}
          aria-valuetext={`${n(progress.doneRows)} of ${n(progress.totalRows)} rows`}
          className="h-2 overflow-hidden rounded-full bg-raised"
        >
          <div
            className="h-full rounded-full bg-accent transition-[width]"
            style={{
              width: `${progress.totalRows === 0 ? 0 : (100 * progress.doneRows) / progress.totalRows}%`,
            }}
          />
        </div>
      )}
    </div>
  );
}
