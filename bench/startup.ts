import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { exited, waitUntilReady } from '../server/test/spawn-server';
import { startEmbeddedPostgres } from '../server/db/embedded';
import { createLogger } from '../server/logger';

/**
 * Time from `npm start` to /api/ready on a warm data directory, against the floor it stands
 * on: starting the same embedded Postgres alone, in the same run.
 */
const RUNS = 5;
const root = path.resolve(import.meta.dirname, '..');
const port = 18_500;
const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'deeplake-bench-startup-'));

async function npmStartToReady(): Promise<number> {
  const started = performance.now();
  const proc = spawn('npm', ['start', '--silent'], {
    cwd: root,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
  });
  let output = '';
  proc.stdout!.on('data', (chunk) => (output += chunk));
  proc.stderr!.on('data', (chunk) => (output += chunk));
  await waitUntilReady(port, proc, () => output);
  const ms = performance.now() - started;
  process.kill(-proc.pid!, 'SIGTERM');
  await exited(proc);
  // npm exits before its child is done; wait for the server to let go of the data directory.
  while (await fs.stat(path.join(dataDir, 'server.pid')).catch(() => null)) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return ms;
}

async function postgresAlone(): Promise<number> {
  const started = performance.now();
  const engine = await startEmbeddedPostgres(dataDir, createLogger('silent'));
  const ms = performance.now() - started;
  await engine.stop();
  return ms;
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

try {
  await npmStartToReady(); // first start: initdb, migrations, SPA build when stale
  const server: number[] = [];
  const baseline: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    server.push(await npmStartToReady());
    baseline.push(await postgresAlone());
  }
  const ms = median(server);
  const base = median(baseline);
  console.log(`embedded Postgres alone: median ${base.toFixed(0)} ms over ${RUNS} starts`);
  console.log(`npm start to /api/ready: median ${ms.toFixed(0)} ms over ${RUNS} warm starts`);
  console.log(
    `startup: ${(ms / 1000).toFixed(2)} s to ready (target < 3 s), ${(ms / base).toFixed(2)}× Postgres alone`,
  );
} finally {
  await fs.rm(dataDir, { recursive: true, force: true });
}
