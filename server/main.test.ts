import { spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runningPostmaster } from './db/embedded';
import { exited, spawnServer } from './test/spawn-server';

/**
 * The real process, as `npm start` runs it: embedded Postgres under a fresh DATA_DIR, stopped
 * cleanly on SIGTERM, and nothing lost after a SIGKILL and a restart.
 */
const ADMIN_TOKEN = 'process-test-admin-token-0123456789';
let dataDir: string;
let child: ChildProcess | undefined;

async function startServer(port: number) {
  return spawnServer({ port, dataDir, env: { ADMIN_TOKEN } });
}

const api = (port: number, route: string, init: RequestInit = {}) =>
  fetch(`http://127.0.0.1:${port}/api${route}`, {
    ...init,
    headers: {
      authorization: `Bearer ${ADMIN_TOKEN}`,
      'content-type': 'application/json',
      ...init.headers,
    },
  });

beforeAll(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'deeplake-console-process-'));
});
afterAll(async () => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  const orphan = await runningPostmaster(dataDir);
  if (orphan) process.kill(orphan.pid, 'SIGINT');
  await new Promise((resolve) => setTimeout(resolve, 500));
  await fs.rm(dataDir, { recursive: true, force: true });
});

describe('the server process', () => {
  const port = 18_000 + Math.floor(Math.random() * 2_000);

  it('starts on a fresh data directory with the first admin, org and workspace', async () => {
    const started = await startServer(port);
    child = started.proc;
    expect(started.output()).toContain(`http://127.0.0.1:${port}/#token=${ADMIN_TOKEN}`);
    const workspaces = (await (await api(port, '/workspaces')).json()) as any;
    expect(workspaces.data.map((w: { id: string }) => w.id)).toEqual(['default']);
  });

  it('issues tokens from the CLI while the server runs', () => {
    const result = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        'server/main.ts',
        'token',
        '--email',
        'cli@example.com',
        '--data-dir',
        dataDir,
      ],
      { encoding: 'utf8', timeout: 30_000 },
    );
    expect(result.status, result.stderr).toBe(0);
    const token = result.stdout.trim().split('\n').at(-1)!;
    expect(token).toMatch(/^dlc_/);
    return fetch(`http://127.0.0.1:${port}/api/me`, {
      headers: { authorization: `Bearer ${token}` },
    }).then(async (res) => {
      expect(res.status).toBe(200);
      expect(((await res.json()) as any).email).toBe('cli@example.com');
    });
  });

  it('loses nothing when killed with SIGKILL and started again', async () => {
    const created = await api(port, '/organizations', {
      method: 'POST',
      body: JSON.stringify({ id: 'survivor', name: 'Survivor' }),
    });
    expect(created.status).toBe(201);
    child!.kill('SIGKILL');
    await exited(child!);

    const restarted = await startServer(port);
    child = restarted.proc;
    const org = await api(port, '/organizations/survivor');
    expect(org.status).toBe(200);
    // The first start's admin token is not re-created, and still works.
    expect(restarted.output()).not.toContain('#token=');
  });

  it('stops embedded Postgres cleanly on SIGTERM, leaving no process behind', async () => {
    const before = await runningPostmaster(dataDir);
    expect(before).not.toBeNull();
    child!.kill('SIGTERM');
    expect(await exited(child!)).toBe(0);
    expect(await runningPostmaster(dataDir)).toBeNull();
    expect(() => process.kill(before!.pid, 0)).toThrow();
  });
});
