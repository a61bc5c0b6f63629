import { runBatch, runQuery } from '../../tables/api/run-query';
import { sqlErrorInfo } from '../api/sql-error-info';
import { BatchStopped, runBatchInChunks } from '../lib/batch-runner';
import type { ChunkLimits } from '../lib/batch';
import { newId, type HistoryEntry, type ParamSnapshot } from '../lib/saved-state';
import { runKey, setRunState, getRunState, type BatchStopInfo, type SentText } from './run-store';

/**
 * Runs one statement (with `params`) or one batch (`params_batch`, in chunks) for an editor
 * tab, keeping the tab's run state and the workspace's history up to date. Cancelling aborts
 * the request; the server cancels the statement when the client goes away.
 */

export type RunMode =
  | { kind: 'query'; params: unknown[] }
  | {
      kind: 'batch';
      rows: unknown[][];
      rawRows: string[][];
      emptyIsNull: boolean;
      limits?: ChunkLimits;
    };

export interface RunRequest {
  orgId: string;
  workspaceId: string;
  tabId: string;
  sent: SentText;
  mode: RunMode;
  /** The parameter inputs as they were, for the history. */
  params: ParamSnapshot[];
  onHistory: (entry: HistoryEntry) => void;
  /** After a run that worked (say, to refresh table names after a CREATE TABLE). */
  onSuccess?: () => void;
}

const isAbort = (error: unknown) => error instanceof DOMException && error.name === 'AbortError';

/** `params_batch[3]: …` counts rows of one chunk; the screen names rows of the whole batch. */
const withoutBatchPrefix = (message: string) => message.replace(/^params_batch\[\d+\]:\s*/, '');

export function startRun({
  orgId,
  workspaceId,
  tabId,
  sent,
  mode,
  params,
  onHistory,
  onSuccess,
}: RunRequest) {
  const key = runKey(orgId, workspaceId, tabId);
  const previous = getRunState(key);
  if (previous.status === 'running') previous.cancel();

  const controller = new AbortController();
  const startedAt = performance.now();
  const elapsed = () => Math.round(performance.now() - startedAt);
  const history = (rest: Omit<HistoryEntry, 'id' | 'sql' | 'params' | 'ranAt'>) =>
    onHistory({
      id: newId(),
      sql: sent.text,
      params,
      ranAt: Date.now(),
      ...(mode.kind === 'batch'
        ? {
            batchRows: mode.rawRows,
            batchSize: mode.rows.length,
            batchEmptyIsNull: mode.emptyIsNull,
          }
        : {}),
      ...rest,
    });
  // A later run of the same tab replaces this one's state; this one must not overwrite it.
  const stillMine = () => {
    const state = getRunState(key);
    return state.status === 'running' && state.cancel === cancel;
  };
  const cancel = () => controller.abort();

  setRunState(key, { status: 'running', kind: mode.kind, startedAt: Date.now(), cancel });

  if (mode.kind === 'query') {
    void runQuery(orgId, workspaceId, sent.text, mode.params, controller.signal)
      .then((result) => {
        if (!stillMine()) return;
        const elapsedMs = elapsed();
        setRunState(key, { status: 'result', result, sent, elapsedMs });
        onSuccess?.();
        history({
          status: 'ok',
          rowCount: result.row_count,
          durationMs: result.duration_ms ?? elapsedMs,
        });
      })
      .catch((error: unknown) => {
        if (!stillMine()) return;
        if (isAbort(error) || controller.signal.aborted) {
          setRunState(key, { status: 'cancelled', kind: 'query', elapsedMs: elapsed() });
          history({ status: 'cancelled', durationMs: elapsed() });
          return;
        }
        const info = sqlErrorInfo(error);
        setRunState(key, { status: 'error', error: info, sent });
        history({ status: 'error', message: info.message, durationMs: elapsed() });
      });
    return;
  }

  void runBatchInChunks({
    rows: mode.rows,
    signal: controller.signal,
    ...(mode.limits ? { limits: mode.limits } : {}),
    send: (rows, signal) => runBatch(orgId, workspaceId, sent.text, rows, signal),
    failedIndex: (error) => sqlErrorInfo(error).batchIndex ?? null,
    onProgress: (progress) => {
      if (stillMine()) {
        setRunState(key, {
          status: 'running',
          kind: 'batch',
          startedAt: Date.now() - elapsed(),
          cancel,
          progress,
        });
      }
    },
  })
    .then((summary) => {
      if (!stillMine()) return;
      const elapsedMs = elapsed();
      setRunState(key, { status: 'batch-result', summary, sent, elapsedMs });
      onSuccess?.();
      history({ status: 'ok', rowCount: summary.rowCount, durationMs: elapsedMs });
    })
    .catch((error: unknown) => {
      if (!stillMine()) return;
      if (!(error instanceof BatchStopped)) {
        const info = sqlErrorInfo(error);
        setRunState(key, { status: 'error', error: info, sent });
        history({ status: 'error', message: info.message, durationMs: elapsed() });
        return;
      }
      const batch: BatchStopInfo = {
        totalRows: mode.rows.length,
        chunks: error.chunks,
        committedRows: error.committedRows,
        committedRowCount: error.committedRowCount,
        chunkStart: error.chunk.start,
        chunkEnd: error.chunk.end,
        failedRow: error.failedRow,
      };
      if (error.reason === 'cancelled') {
        setRunState(key, { status: 'cancelled', kind: 'batch', elapsedMs: elapsed(), batch });
        history({ status: 'cancelled', durationMs: elapsed(), rowCount: batch.committedRowCount });
        return;
      }
      const info = sqlErrorInfo(error.cause);
      info.message = withoutBatchPrefix(info.message);
      setRunState(key, { status: 'error', error: info, sent, batch });
      const where = batch.failedRow === null ? '' : `Row ${batch.failedRow + 1}: `;
      history({ status: 'error', message: `${where}${info.message}`, durationMs: elapsed() });
    });
}
