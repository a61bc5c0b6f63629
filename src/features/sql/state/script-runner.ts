import type { QueryClient } from '@tanstack/react-query';
import { workspaceScope } from '../../../lib/query-scope';
import { runQuery } from '../api/run-query';
import { sqlErrorInfo } from '../api/sql-error-info';
import { explainSql, readPlan } from '../lib/explain';
import type { RunPlan } from '../lib/prepare-run';
import { newId } from '../lib/saved-state';
import type { ScriptPlan } from '../lib/script';
import {
  cancelRun,
  getRunState,
  runKey,
  setRunState,
  type RunState,
  type ScriptStepState,
} from './run-store';
import { workspaceStore } from './sql-store';
import type { RunTab } from './sql-runner';

/**
 * Run script and Explain, on the runner's terms (./sql-runner.ts): the same query endpoint, one
 * request per statement, the tab's run state as the only output, cancelling by aborting the
 * request (the server cancels the statement when the client goes).
 */

const isAbort = (error: unknown) => error instanceof DOMException && error.name === 'AbortError';

/** Runs the script's statements in order; stops at the first error unless told to go on. */
export function startScript(
  queryClient: QueryClient,
  { orgId, workspaceId, tabId }: RunTab,
  plan: ScriptPlan,
  continueOnError: boolean,
) {
  const key = runKey(orgId, workspaceId, tabId);
  cancelRun(getRunState(key));
  const controller = new AbortController();
  const cancel = () => controller.abort();
  const started = performance.now();
  const startedAt = Date.now();
  const steps: ScriptStepState[] = plan.steps.map(({ plan: step }) => ({
    sent: step.sent,
    params: step.mode.kind === 'query' ? step.mode.params : [],
    status: 'pending',
  }));
  const stillMine = () => {
    const state = getRunState(key);
    return state.status === 'script' && state.cancel === cancel;
  };
  const publish = (done: boolean) => {
    const state: RunState = {
      status: 'script',
      steps: [...steps],
      done,
      continueOnError,
      startedAt,
      cancel,
    };
    if (done) state.elapsedMs = Math.round(performance.now() - started);
    setRunState(key, state);
  };
  publish(false);

  void (async () => {
    for (let k = 0; k < steps.length; k++) {
      if (controller.signal.aborted) break;
      const step = steps[k]!;
      steps[k] = { ...step, status: 'running' };
      publish(false);
      const stepStarted = performance.now();
      const elapsedMs = () => Math.round(performance.now() - stepStarted);
      try {
        const result = await runQuery(
          orgId,
          workspaceId,
          step.sent.text,
          step.params,
          controller.signal,
        );
        steps[k] = { ...step, status: 'ok', result, elapsedMs: elapsedMs() };
      } catch (error) {
        if (isAbort(error) || controller.signal.aborted) {
          steps[k] = { ...step, status: 'cancelled', elapsedMs: elapsedMs() };
          break;
        }
        steps[k] = { ...step, status: 'error', error: sqlErrorInfo(error), elapsedMs: elapsedMs() };
        if (!continueOnError) break;
      }
      if (!stillMine()) return;
    }
    if (!stillMine()) return;
    for (let k = 0; k < steps.length; k++) {
      if (steps[k]!.status === 'pending') steps[k] = { ...steps[k]!, status: 'skipped' };
    }
    publish(true);
    void queryClient.invalidateQueries({ queryKey: workspaceScope(orgId, workspaceId) });

    // One history entry for the whole script, with the inputs of its widest statement.
    const failed = steps.findIndex((step) => step.status === 'error');
    const cancelled = steps.some((step) => step.status === 'cancelled');
    const widest = plan.steps.reduce<RunPlan['params']>(
      (most, { plan: step }) => (step.params.length > most.length ? step.params : most),
      [],
    );
    workspaceStore(orgId, workspaceId).addHistory({
      id: newId(),
      sql: plan.text,
      params: widest,
      ranAt: Date.now(),
      script: true,
      status: failed !== -1 ? 'error' : cancelled ? 'cancelled' : 'ok',
      rowCount: steps.reduce((sum, step) => sum + (step.result?.row_count ?? 0), 0),
      durationMs: Math.round(performance.now() - started),
      ...(failed !== -1
        ? { message: `Statement ${failed + 1}: ${steps[failed]!.error!.message}` }
        : {}),
    });
  })();
}

/** A server that does not say it rolled a probe back would keep what the statement writes. */
const NO_ROLLBACK =
  'This server does not roll statements back on request (a hosted Deeplake API, say), so Explain analyze of a statement that writes would keep its changes. Explain shows the plan without running it.';

/**
 * Explains the planned statement: `EXPLAIN (FORMAT JSON)`, or with ANALYZE and BUFFERS inside
 * a transaction the server rolls back (`rollback`), so a write is measured and nothing kept.
 * Before a statement that `writes`, a `SELECT 1` with the same flag checks that the server
 * rolls back at all: one that ignores the flag answers `committed` other than false.
 */
export function startExplain(
  { orgId, workspaceId, tabId }: RunTab,
  { sent, mode }: RunPlan,
  analyze: boolean,
  writes = false,
) {
  const key = runKey(orgId, workspaceId, tabId);
  cancelRun(getRunState(key));
  const controller = new AbortController();
  const cancel = () => controller.abort();
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const text = explainSql(sent.text, analyze);
  // Server positions count from the EXPLAIN's start: the statement sits that far in.
  const explainSent = { ...sent, text, start: sent.start - (text.length - sent.text.length) };
  const params = mode.kind === 'query' ? mode.params : [];
  const stillMine = () => {
    const state = getRunState(key);
    return state.status === 'running' && state.cancel === cancel;
  };
  const fail = (message: string) =>
    setRunState(key, {
      status: 'error',
      error: { message, code: 'internal', status: 0 },
      sent: null,
    });
  setRunState(key, { status: 'running', kind: 'query', startedAt: Date.now(), cancel });

  void (async () => {
    try {
      const { signal } = controller;
      if (analyze && writes) {
        const probe = await runQuery(orgId, workspaceId, 'SELECT 1', [], signal, {
          rollback: true,
        });
        if (probe.committed !== false) {
          if (stillMine()) fail(NO_ROLLBACK);
          return;
        }
      }
      const result = await runQuery(orgId, workspaceId, text, params, signal, {
        rollback: analyze,
      });
      if (!stillMine()) return;
      const plan = readPlan(result.rows[0]?.[0]);
      if (plan === null) {
        fail('The server did not answer with a plan.');
        return;
      }
      setRunState(key, {
        status: 'explain',
        plan,
        sent,
        analyze,
        rolledBack: result.committed === false,
        elapsedMs: elapsed(),
      });
    } catch (error) {
      if (!stillMine()) return;
      if (isAbort(error) || controller.signal.aborted) {
        setRunState(key, { status: 'cancelled', kind: 'query', elapsedMs: elapsed() });
        return;
      }
      setRunState(key, { status: 'error', error: sqlErrorInfo(error), sent: explainSent });
    }
  })();
}
