import { Ban, CircleCheck, ClipboardCopy, Download, TriangleAlert } from 'lucide-react';
import { memo, useEffect, useMemo, useState, type ReactNode } from 'react';
import { toast } from 'sonner';
import type { QueryResult } from '../../../../contract/tables';
import { cellText, DataGrid } from '../../../components/data-grid';
import { Button } from '../../../components/ui/button';
import { FormAlert } from '../../../components/ui/form-alert';
import { exportFileName, toCsv, toJson, toTsv } from '../lib/export';
import { commandOf, formatDuration, lineAndColumn, rowsSummary } from '../lib/result-summary';
import { LateRowsNote } from './late-rows-note';
import { ResultExportMenu, type RequestTarget } from './result-export-menu';
import type { SentText } from '../lib/prepare-run';
import type { BatchStopInfo, RunState } from '../state/run-store';

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
    case 'result':
      return (
        <Result
          result={state.result}
          sent={state.sent}
          params={state.params ?? NO_PARAMS}
          elapsedMs={state.elapsedMs}
          target={orgId && workspaceId ? { orgId, workspaceId } : undefined}
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

/** Which rows of a stopped batch stay applied, and which did not run. */
function BatchStop({ batch }: { batch: BatchStopInfo }) {
  const { committedRows, chunkStart, chunkEnd, totalRows, chunks } = batch;
  if (chunks === 1) {
    return <p className="text-muted">The batch ran as one transaction: no row was applied.</p>;
  }
  const parts: ReactNode[] = [];
  parts.push(
    committedRows > 0
      ? `Rows 1–${n(committedRows)} (earlier requests) were applied and stay (${n(batch.committedRowCount)} touched).`
      : 'No row was applied.',
  );
  parts.push(` Rows ${n(chunkStart + 1)}–${n(chunkEnd)} (this request) were rolled back.`);
  if (chunkEnd < totalRows) parts.push(` Rows ${n(chunkEnd + 1)}–${n(totalRows)} were not sent.`);
  return <p className="text-muted">{parts}</p>;
}

function RunError({
  state,
  onShowError,
}: {
  state: Extract<RunState, { status: 'error' }>;
  onShowError?: (() => void) | undefined;
}) {
  const { error, batch, sent } = state;
  const where =
    error.position !== undefined && sent !== null ? placeOf(sent, error.position) : null;
  return (
    <FormAlert>
      <p className="font-medium">
        {batch?.failedRow != null && `Row ${n(batch.failedRow + 1)} failed: `}
        {error.message}
      </p>
      {error.detail && <p className="mt-1">Detail: {error.detail}</p>}
      {error.hint && <p className="mt-1">Hint: {error.hint}</p>}
      <p className="mt-1 text-xs opacity-80">
        {[
          error.sqlstate && `SQLSTATE ${error.sqlstate}`,
          where && `line ${where.line}, column ${where.column}`,
          error.code,
        ]
          .filter(Boolean)
          .join(' · ')}
        {where && onShowError && (
          <>
            {' · '}
            <button type="button" className="underline hover:no-underline" onClick={onShowError}>
              Show in editor
            </button>
          </>
        )}
      </p>
      {batch && (
        <div className="mt-1">
          <BatchStop batch={batch} />
        </div>
      )}
    </FormAlert>
  );
}

/** Line and column in the script of a server position into the text sent. */
function placeOf(sent: SentText, position: number) {
  const offset = sent.start + Math.max(0, position - 1);
  return lineAndColumn(sent.script, Math.min(offset, sent.script.length));
}

function download(text: string, type: string, name: string) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

function Result({
  result,
  sent,
  params,
  elapsedMs,
  target,
}: {
  result: QueryResult;
  sent: SentText;
  params: readonly unknown[];
  elapsedMs: number;
  target: RequestTarget | undefined;
}) {
  const command = commandOf(result.command, sent.text);
  const hasColumns = result.columns.length > 0;
  const columns = useMemo(
    () =>
      result.columns.map((name, k) => ({
        name,
        ...(result.types?.[k] ? { type: result.types[k] } : {}),
      })),
    [result],
  );
  const server =
    result.duration_ms !== undefined
      ? ` · ${formatDuration(result.duration_ms)} on the server`
      : '';
  const exportable = { columns: result.columns, rows: result.rows, types: result.types };

  return (
    <>
      <div className="flex flex-wrap items-center gap-2">
        <p role="status" className="mr-auto text-sm text-fg">
          <span className="font-medium">{rowsSummary(command, result.row_count, hasColumns)}</span>
          <span className="text-muted">
            {' '}
            · {command} · {formatDuration(elapsedMs)}
            {server}
          </span>
        </p>
        {hasColumns && (
          <>
            <Button
              size="sm"
              onClick={() =>
                download(toCsv(exportable, cellText), 'text/csv', exportFileName('csv'))
              }
            >
              <Download aria-hidden className="size-4" />
              Export CSV
            </Button>
            <Button
              size="sm"
              onClick={() =>
                download(toJson(exportable), 'application/json', exportFileName('json'))
              }
            >
              <Download aria-hidden className="size-4" />
              Export JSON
            </Button>
            <Button
              size="sm"
              onClick={() =>
                void navigator.clipboard.writeText(toTsv(exportable, cellText)).then(
                  () =>
                    toast.success(
                      `Copied ${n(result.rows.length)} ${result.rows.length === 1 ? 'row' : 'rows'} as TSV`,
                    ),
                  () => toast.error('The browser did not allow copying to the clipboard.'),
                )
              }
            >
              <ClipboardCopy aria-hidden className="size-4" />
              Copy as TSV
            </Button>
          </>
        )}
        {(hasColumns || target) && (
          <ResultExportMenu
            result={hasColumns ? exportable : null}
            query={sent.text}
            params={params}
            target={target}
            download={download}
          />
        )}
      </div>
      <LateRowsNote command={command} committed={result.committed} />
      {result.truncated && (
        <p className="flex items-start gap-2 rounded border border-warning/40 bg-warning/10 px-3 py-2 text-sm text-fg">
          <TriangleAlert aria-hidden className="mt-0.5 size-4 shrink-0 text-warning" />
          <span>
            The server stopped at its limit: these are the first {n(result.rows.length)} rows, not
            all of them. Exports hold these rows only. Add a{' '}
            <code className="font-mono">LIMIT</code>, a filter or an aggregate to see the rest.
          </span>
        </p>
      )}
      {hasColumns && (
        // As tall as the rows need (the grid's 48 px header and 32 px rows), up to 32rem.
        <div
          style={{
            height: `min(32rem, 70vh, ${50 + 32 * Math.max(result.rows.length, 1) + 16}px)`,
          }}
        >
          <DataGrid label="Query result" columns={columns} rows={result.rows} />
        </div>
      )}
    </>
  );
}
