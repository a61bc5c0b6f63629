import { waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { signIn } from '../../../lib/sign-in-state';
import { apiError, json, mockApi } from '../../../test/fetch-mock';
import { createTestQueryClient } from '../../../test/render';
import type { RunPlan } from '../lib/prepare-run';
import { getRunState, runKey } from './run-store';
import { startRun } from './sql-runner';
import { resetStores, workspaceStore } from './sql-store';

/**
 * The runner is where a run's results go: the tab's run state, the workspace's history and the
 * query cache, each written by the runner itself rather than handed back to the screen.
 */

const TAB = { orgId: 'acme', workspaceId: 'ws', tabId: 't1' };
const KEY = runKey('acme', 'ws', 't1');
const QUERY = 'POST /workspaces/ws/tables/query';

const queryPlan = (text: string): RunPlan => ({
  sent: { text, start: 0, script: text },
  mode: { kind: 'query', params: [7] },
  params: [{ number: 1, type: 'number', value: '7' }],
  destructive: null,
});

beforeEach(() => signIn('token'));
afterEach(() => {
  resetStores();
  vi.unstubAllGlobals();
});

describe('startRun', () => {
  it('puts the result in the tab’s run state, the run in the history, and refreshes the workspace', async () => {
    const api = mockApi({
      [QUERY]: () => json(200, { columns: ['n'], rows: [[8]], row_count: 1, duration_ms: 3 }),
    });
    const queryClient = createTestQueryClient();
    const invalidate = vi.spyOn(queryClient, 'invalidateQueries');
    startRun(queryClient, TAB, queryPlan('SELECT $1 + 1'));
    expect(getRunState(KEY).status).toBe('running');

    await waitFor(() => expect(getRunState(KEY).status).toBe('result'));
    expect(api.calls(QUERY)[0]!.body).toEqual({ query: 'SELECT $1 + 1', params: [7] });
    const [entry] = workspaceStore('acme', 'ws').history.get();
    expect(entry).toMatchObject({
      sql: 'SELECT $1 + 1',
      status: 'ok',
      rowCount: 1,
      durationMs: 3,
      params: [{ number: 1, type: 'number', value: '7' }],
    });
    expect(invalidate).toHaveBeenCalledTimes(1);
    const [filters] = invalidate.mock.calls[0]!;
    // Every cached query of that workspace's tables, and none of another workspace's.
    expect(filters?.queryKey).toEqual(expect.arrayContaining(['acme', 'ws']));
  });

  it('keeps a failure with what was sent (for the marker), in the history too, and refreshes nothing', async () => {
    mockApi({
      [QUERY]: () => apiError(400, 'query_error', 'column "nope" does not exist'),
    });
    const queryClient = createTestQueryClient();
    const invalidate = vi.spyOn(queryClient, 'invalidateQueries');
    startRun(queryClient, TAB, queryPlan('SELECT nope'));

    await waitFor(() => expect(getRunState(KEY).status).toBe('error'));
    const state = getRunState(KEY);
    expect(state.status === 'error' && state.sent?.text).toBe('SELECT nope');
    expect(workspaceStore('acme', 'ws').history.get()[0]).toMatchObject({
      status: 'error',
      message: 'column "nope" does not exist',
    });
    expect(invalidate).not.toHaveBeenCalled();
  });

  it('a second run of the tab cancels the first, whose late answer changes nothing', async () => {
    let answerFirst!: () => void;
    const firstAnswered = new Promise<void>((resolve) => (answerFirst = resolve));
    mockApi({
      [QUERY]: async (request) => {
        if ((request.body as { query: string }).query === 'SELECT 1') await firstAnswered;
        return json(200, { columns: ['n'], rows: [[2]], row_count: 1 });
      },
    });
    const queryClient = createTestQueryClient();
    startRun(queryClient, TAB, queryPlan('SELECT 1'));
    startRun(queryClient, TAB, queryPlan('SELECT 2'));
    answerFirst();

    await waitFor(() => expect(getRunState(KEY).status).toBe('result'));
    const state = getRunState(KEY);
    expect(state.status === 'result' && state.sent.text).toBe('SELECT 2');
    await waitFor(() => expect(workspaceStore('acme', 'ws').history.get()).toHaveLength(1));
    expect(workspaceStore('acme', 'ws').history.get()[0]!.sql).toBe('SELECT 2');
  });
});
