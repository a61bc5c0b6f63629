import { ClipboardCopy, Download, TriangleAlert } from 'lucide-react';
import { useMemo, type ReactNode } from 'react';
import { toast } from 'sonner';
import type { QueryResult } from '../../../../contract/tables';
import { cellText, DataGrid } from '../../../components/data-grid';
import { Button } from '../../../components/ui/button';
import { FormAlert } from '../../../components/ui/form-alert';
import { exportFileName, toCsv, toJson, toTsv } from '../lib/export';
import type { SentText } from '../lib/prepare-run';
import { commandOf, formatDuration, lineAndColumn, rowsSummary } from '../lib/result-summary';
import type { BatchStopInfo, RunState } from '../state/run-store';
import { LateRowsNote } from './late-rows-note';
import { ResultExportMenu, type RequestTarget } from './result-export-menu';

/** One statement's rows or error, as the result panel and each of a script's tabs show them. */

const n = (value: number) => value.toLocaleString();

/** Which rows of a stopped batch stay applied, and which did not run. */
export function BatchStop({ batch }: { batch: BatchStopInfo }) {
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

export function RunError({
  state,
  onShowError,
}: {
  state: Pick<Extract<RunState, { status: 'error' }>, 'error' | 'sent' | 'batch'>;
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

export function Result({
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
