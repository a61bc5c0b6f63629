import { useSyncExternalStore } from 'react';
import type { QueryResult } from '../../../../contract/tables';
import type { SqlErrorInfo } from '../api/sql-error-info';
import type { BatchProgress, BatchSummary } from '../lib/batch-runner';
import type { ExplainedPlan } from '../lib/explain';
import type { SentText } from '../lib/prepare-run';

/**
 * What each editor tab's last run is doing or gave: kept in memory only (a result can be
 * 100,000 rows), for as long as the page lives, so switching tabs or screens keeps results and
 * a run in flight carries on.
 */

export type RunState =
  | { status: 'idle' }
  | {
      status: 'running';
      kind: 'query' | 'batch';
      startedAt: number;
      cancel: () => void;
      progress?: BatchProgress;
    }
  | {
      status: 'result';
      result: QueryResult;
      sent: SentText;
      /** The `$n` parameters sent with the statement (none when absent), to copy as a request. */
      params?: readonly unknown[];
      /** Milliseconds from sending to the parsed answer, as the browser saw it. */
      elapsedMs: number;
    }
  | { status: 'batch-result'; summary: BatchSummary; sent: SentText; elapsedMs: number }
  | {
      status: 'error';
      error: SqlErrorInfo;
      sent: SentText | null;
      /** For a chunked batch that stopped: which rows stay applied. */
      batch?: BatchStopInfo;
    }
  | { status: 'cancelled'; kind: 'query' | 'batch'; elapsedMs: number; batch?: BatchStopInfo }
  | {
      /** A Run script: one step per statement, while it runs (`done` false) and after. */
      status: 'script';
      steps: ScriptStepState[];
      done: boolean;
      continueOnError: boolean;
      startedAt: number;
      /** Stops the running statement and skips the rest. */
      cancel: () => void;
      elapsedMs?: number;
    }
  | {
      status: 'explain';
      plan: ExplainedPlan;
      /** The statement explained (not the EXPLAIN around it), where it sits in the script. */
      sent: SentText;
      analyze: boolean;
      /** The statement ran inside a transaction the server rolled back. */
      rolledBack: boolean;
      elapsedMs: number;
    };

export type ScriptStepStatus = 'pending' | 'running' | 'ok' | 'error' | 'skipped' | 'cancelled';

export interface ScriptStepState {
  sent: SentText;
  params: readonly unknown[];
  status: ScriptStepStatus;
  result?: QueryResult;
  error?: SqlErrorInfo;
  elapsedMs?: number;
}

/** Whether the state is a run in flight (a statement, a batch or a script). */
export const isRunning = (state: RunState) =>
  state.status === 'running' || (state.status === 'script' && !state.done);

/** Cancels the run in flight, if there is one. */
export function cancelRun(state: RunState): void {
  if (state.status === 'running' || (state.status === 'script' && !state.done)) state.cancel();
}

export interface BatchStopInfo {
  totalRows: number;
  chunks: number;
  /** Rows of chunks that completed before the stop (they stay applied). */
  committedRows: number;
  /** Rows the statement touched in those chunks. */
  committedRowCount: number;
  /** The chunk that did not complete: rows [start, end). */
  chunkStart: number;
  chunkEnd: number;
  /** 0-based row of the whole batch that failed, when known. */
  failedRow: number | null;
}

const IDLE: RunState = { status: 'idle' };
const states = new Map<string, RunState>();
const listeners = new Set<() => void>();

export function getRunState(key: string): RunState {
  return states.get(key) ?? IDLE;
}

export function setRunState(key: string, state: RunState): void {
  if (state.status === 'idle') states.delete(key);
  else states.set(key, state);
  for (const listener of listeners) listener();
}

/** Cancels a run in flight and forgets the tab's result (its tab was closed). */
export function dropRunState(key: string): void {
  const state = states.get(key);
  if (state) cancelRun(state);
  setRunState(key, IDLE);
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useRunState(key: string): RunState {
  return useSyncExternalStore(
    subscribe,
    () => getRunState(key),
    () => getRunState(key),
  );
}

/** Key of a tab's run: tabs are unique per workspace, and ids are random anyway. */
export const runKey = (orgId: string, workspaceId: string, tabId: string) =>
  `${orgId}\u0000${workspaceId}\u0000${tabId}`;

/** Which of `keys` have a run in flight, as a stable string (for useSyncExternalStore). */
export function useRunningKeys(keys: readonly string[]): ReadonlySet<string> {
  const joined = useSyncExternalStore(
    subscribe,
    () => keys.filter((key) => isRunning(getRunState(key))).join('\u0001'),
    () => '',
  );
  return new Set(joined === '' ? [] : joined.split('\u0001'));
}
