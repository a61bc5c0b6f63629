import { waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { signIn } from '../../../lib/sign-in-state';
import { json, mockApi } from '../../../test/fetch-mock';
import { createTestQueryClient } from '../../../test/render';
import { newTab } from '../lib/saved-state';
import { prepareScript, type ScriptPlan } from '../lib/script';
import { cancelRun, getRunState, runKey } from './run-store';
import { startScript } from './script-runner';
import { resetStores, workspaceStore } from './sql-store';

const TAB = { orgId: 'acme', workspaceId: 'ws', tabId: 't1' };
const KEY = runKey('acme', 'ws', 't1');
const QUERY = 'POST /workspaces/ws/tables/query';

function script(text: string): ScriptPlan {
  const prepared = prepareScript(newTab(), text, { start: 0, end: 0 });
  if ('problem' in prepared) throw new Error(prepared.problem.message);
  return prepared.plan;
}

const statuses = () => {
  const state = getRunState(KEY);
  return state.status === 'script' ? state.steps.map((step) => step.status) : null;
};

beforeEach(() => signIn('token'));
afterEach(() => {
  resetStores();
  vi.unstubAllGlobals();
});

describe('startScript', () => {
  it('runs the statements in order and records the script as one history entry', async () => {
    const api = mockApi({
      [QUERY]: () => json(200, { columns: [], rows: [], row_count: 2, command: 'INSERT' }),
    });
    startScript(createTestQueryClient(), TAB, script('INSERT 1; INSERT 2'), false);
    await waitFor(() => expect(getRunState(KEY)).toMatchObject({ status: 'script', done: true }));
    expect(statuses()).toEqual(['ok', 'ok']);
    expect(api.calls(QUERY).map((call) => (call.body as { query: string }).query)).toEqual([
      'INSERT 1',
      'INSERT 2',
    ]);
    const history = workspaceStore('acme', 'ws').history.get();
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({
      sql: 'INSERT 1; INSERT 2',
      script: true,
      status: 'ok',
      rowCount: 4,
    });
  });

  it('cancel stops the running statement and skips the rest', async () => {
    // A statement that runs until the request is aborted, as fetch rejects then.
    vi.stubGlobal(
      'fetch',
      vi.fn(
        (_url: string, init: RequestInit) =>
          new Promise<Response>((_resolve, reject) => {
            init.signal?.addEventListener('abort', () =>
              reject(new DOMException('The operation was aborted.', 'AbortError')),
            );
          }),
      ),
    );
    startScript(createTestQueryClient(), TAB, script('SELECT 1; SELECT 2; SELECT 3'), true);
    await waitFor(() => expect(statuses()).toEqual(['running', 'pending', 'pending']));
    cancelRun(getRunState(KEY));
    await waitFor(() => expect(getRunState(KEY)).toMatchObject({ status: 'script', done: true }));
    expect(statuses()).toEqual(['cancelled', 'skipped', 'skipped']);
    expect(workspaceStore('acme', 'ws').history.get()[0]).toMatchObject({ status: 'cancelled' });
  });
});
