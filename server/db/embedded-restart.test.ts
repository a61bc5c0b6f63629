import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../logger';
import { runningPostmaster, startEmbeddedPostgres, type EmbeddedPostgres } from './embedded';

/**
 * The embedded PostgreSQL comes back when it dies: restarted on the same port (the pools'
 * connection string holds), ready within seconds, with every committed row; and when it
 * cannot come back, the server is told once, in one line.
 */

const logger = createLogger('silent');
let dir: string;
const engines: EmbeddedPostgres[] = [];

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'deeplake-console-restart-'));
  // As root, PostgreSQL runs as "postgres", which must be able to enter the folder.
  await fs.chmod(dir, 0o755);
});
afterAll(async () => {
  for (const engine of engines) await engine.stop().catch(() => {});
  await fs.rm(dir, { recursive: true, force: true });
});

async function query(url: string, sql: string) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1_000 });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end().catch(() => {});
  }
}

/** Resolves once a query answers, polling; with how long that took. */
async function untilAnswering(url: string, limitMs: number) {
  const started = Date.now();
  for (;;) {
    try {
      await query(url, 'SELECT 1');
      return Date.now() - started;
    } catch (error) {
      if (Date.now() - started > limitMs) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

async function killPostmaster(dataDir: string) {
  const running = await runningPostmaster(dataDir);
  expect(running).not.toBeNull();
  process.kill(running!.pid, 'SIGKILL');
  return running!.pid;
}

describe('embedded PostgreSQL supervision', () => {
  it('restarts a postmaster killed with SIGKILL on the same port, with its data', async () => {
    const dataDir = path.join(dir, 'comes-back');
    const engine = await startEmbeddedPostgres(dataDir, logger);
    engines.push(engine);
    await query(engine.url, 'CREATE TABLE kept (n int); INSERT INTO kept VALUES (1), (2)');

    const pid = await killPostmaster(dataDir);
    const tookMs = await untilAnswering(engine.url, 10_000);
    expect(tookMs).toBeLessThan(10_000);
    expect((await runningPostmaster(dataDir))!.pid).not.toBe(pid);
    expect(await query(engine.url, 'SELECT n FROM kept ORDER BY n')).toEqual([{ n: 1 }, { n: 2 }]);

    // And again: supervision goes on after a restart.
    await killPostmaster(dataDir);
    await untilAnswering(engine.url, 10_000);
  }, 40_000);

  it('says once, in one line, when it cannot come back', async () => {
    const dataDir = path.join(dir, 'gone');
    const givenUp: Error[] = [];
    const engine = await startEmbeddedPostgres(dataDir, logger, {
      onGiveUp: (error) => givenUp.push(error),
    });
    engines.push(engine);
    // The folder is reachable, so the cluster is in DATA_DIR/postgres.
    const databaseDir = path.join(dataDir, 'postgres');
    await killPostmaster(dataDir);
    // What it would start from is gone.
    await fs.rm(path.join(databaseDir, 'PG_VERSION'));
    await expect.poll(() => givenUp.length, { timeout: 20_000, interval: 250 }).toBe(1);
    expect(givenUp[0]!.message).toMatch(/^PostgreSQL stopped and did not start again on .*: /);
    expect(givenUp[0]!.message).not.toContain('\n');
  }, 40_000);
});
