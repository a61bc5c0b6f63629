import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import { workspaceScope } from '../../../lib/query-scope';
import { runBatch, runQuery } from '../api/run-query';
import { sqlErrorInfo } from '../api/sql-error-info';
import { BatchStopped, runBatchInChunks } from '../lib/batch-runner';
import type { RunPlan } from '../lib/prepare-run';
import type { ScriptPlan } from '../lib/script';
import { newId, type HistoryEntry } from '../lib/saved-state';
import {
  cancelRun,
  dropRunState,
  getRunState,
  runKey,
  setRunState,
  type BatchStopInfo,
} from './run-store';
import { startExplain, startScript } from './script-runner';
import { workspaceStore } from './sql-store';

/**
 * The one place a run goes from: it sends a prepared plan (one statement with `params`, or a
 * batch as `params_batch` in chunks) and writes where everything it learns is read from: the
 * tab's run state (the result panel), the workspace's history, and the query cache (new or
 * dropped tables in completion, changed rows in the table browser). Nothing calls back into the
 * screen. Cancelling aborts the request; the server cancels the statement when the client goes.
 */

/** The editor tab a run belongs to. */
export interface RunTab {
  orgId: string;
  workspaceId: string;
  tabId: string;
}

const isAbort = (error: unknown) => error instanceof DOMException && error.name === 'AbortError';

/** `params_batch[3]: …` counts rows of one chunk; the screen names rows of the whole batch. */
const withoutBatchPrefix = (message: string) => message.replace(/^params_batch\[\d+\]:\s*/, '');

export function startRun(
  queryClient: QueryClient,
  { orgId, workspaceId, tabId }: RunTab,
  { sent, mode, params }: RunPlan,
) {
  const key = runKey(orgId, workspaceId, tabId);
  cancelRun(getRunState(key));

  const controller = new AbortController();
  const startedAt = performance.now();
  const elapsed = () => Math.round(performance.now() - startedAt);
  const history = (rest: Omit<HistoryEntry, 'id' | 'sql' | 'params' | 'ranAt'>) =>
    workspaceStore(orgId, workspaceId).addHistory({
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
  const refreshWorkspace = () =>
    void queryClient.invalidateQueries({ queryKey: workspaceScope(orgId, workspaceId) });

  setRunState(key, { status: 'running', kind: mode.kind, startedAt: Date.now(), cancel });

  if (mode.kind === 'query') {
    void runQuery(orgId, workspaceId, sent.text, mode.params, controller.signal)
      .then((result) => {
        if (!stillMine()) return;
        const elapsedMs = elapsed();
        setRunState(key, { status: 'result', result, sent, params: mode.params, elapsedMs });
        refreshWorkspace();
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
      refreshWorkspace();
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

/** Runs (a statement, a script, an explain), cancels and forgets one workspace's tabs' runs. */
export function useSqlRunner(orgId: string, workspaceId: string) {
  const queryClient = useQueryClient();
  return useMemo(() => {
    const key = (tabId: string) => runKey(orgId, workspaceId, tabId);
    return {
      start: (tabId: string, plan: RunPlan) =>
        startRun(queryClient, { orgId, workspaceId, tabId }, plan),
      startScript: (tabId: string, plan: ScriptPlan, continueOnError: boolean) =>
        startScript(queryClient, { orgId, workspaceId, tabId }, plan, continueOnError),
      explain: (tabId: string, plan: RunPlan, analyze: boolean, writes = false) =>
        startExplain({ orgId, workspaceId, tabId }, plan, analyze, writes),
      cancel: (tabId: string) => cancelRun(getRunState(key(tabId))),
      /** Cancels the tab's run and forgets its result (the tab was closed). */
      drop: (tabId: string) => dropRunState(key(tabId)),
    };
  }, [queryClient, orgId, workspaceId]);
}
