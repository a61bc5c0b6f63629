import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runningPostmaster } from '../db/embedded';
import { spawnServer, type SpawnedServer } from '../test/spawn-server';

/**
 * The issue's attack on the real process with the real default cap (64 MiB): a 600 MB value,
 * the same value cast to int (a 600 MB error text), and a row of ten 10 MB values. The first
 * two used to end the process (pg-protocol's "Cannot create a string longer than 0x1fffffe8
 * characters", thrown in a socket event), and values under that grew it by gigabytes. Now each
 * is a 400, the process stays under 500 MB while it runs, and it goes on answering.
 *
 * The 600 MB is built as repeat(repeat('x', 1000), 600000): the same value as repeat('x',
 * 600000000), which Postgres takes three times as long to build (bench/value-cap-rss.ts runs
 * that one).
 */
const ADMIN_TOKEN = 'value-cap-process-test-token-0123';
const RSS_LIMIT_MB = 500;
const BIG = "repeat(repeat('x', 1000), 600000)";
let dataDir: string;
let server: SpawnedServer | undefined;
let port: number;

beforeAll(async () => {
  dataDir = await fsp.mkdtemp(path.join(os.tmpdir(), 'deeplake-console-value-cap-'));
  port = 22_000 + Math.floor(Math.random() * 2_000);
  server = await spawnServer({ port, dataDir, env: { ADMIN_TOKEN } });
  expect((await sql('SELECT 1')).status).toBe(200);
}, 90_000);
afterAll(async () => {
  if (server && server.proc.exitCode === null) await server.stop('SIGTERM');
  const orphan = await runningPostmaster(dataDir);
  if (orphan) process.kill(orphan.pid, 'SIGINT');
  await new Promise((resolve) => setTimeout(resolve, 500));
  await fsp.rm(dataDir, { recursive: true, force: true });
});

async function sql(query: string) {
  const res = await fetch(`http://127.0.0.1:${port}/api/workspaces/default/tables/query`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  });
  return { status: res.status, body: (await res.json()) as any };
}

/** Runs the query while sampling the server's RSS every 20 ms; the peak is in MB. */
async function measured(query: string) {
  const pid = server!.proc.pid!;
  let peakMb = 0;
  const sample = () => {
    try {
      const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
      const kib = /^VmRSS:\s+(\d+) kB/m.exec(status);
      if (kib) peakMb = Math.max(peakMb, Number(kib[1]) / 1024);
    } catch {
      // The process is gone (as it went before the fix): the answer's failure says so.
    }
  };
  sample();
  const sampler = setInterval(sample, 20);
  try {
    const answer = await sql(query);
    sample();
    return { ...answer, peakMb: Math.round(peakMb) };
  } finally {
    clearInterval(sampler);
  }
}

describe('the real server, against answers past the default cap', () => {
  it('refuses a 600 MB value', async () => {
    const res = await measured(`SELECT ${BIG} AS big`);
    expect(res.status, JSON.stringify(res.body)).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'value_too_large' });
    expect(res.body.error.message).toMatch(
      /^A value in row 1, column "big", is 572 MiB, over the 64 MiB limit: select a part of it/,
    );
    expect(res.peakMb).toBeLessThan(RSS_LIMIT_MB);
  }, 60_000);

  it('refuses a row of ten 10 MB values', async () => {
    const columns = Array.from({ length: 10 }, (_, i) => `repeat('x', 10000000) AS c${i}`);
    const res = await measured(`SELECT ${columns.join(', ')}`);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(
      /^Row 1 is 95\.4 MiB, over the 64 MiB limit for one row \(its values pass the limit at column "c6"\)/,
    );
    expect(res.peakMb).toBeLessThan(RSS_LIMIT_MB);
  }, 60_000);

  it('refuses a 600 MB error text', async () => {
    const res = await measured(`SELECT ${BIG}::int`);
    expect(res.status, JSON.stringify(res.body).slice(0, 500)).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'value_too_large', sqlstate: '22P02' });
    expect(res.body.error.message).toMatch(
      /^The statement's error message from Postgres is 572 MiB, over the 64 MiB limit, so it is not shown whole; it begins: invalid input syntax for type integer: "x+…$/,
    );
    // Postgres writes the error to its log before it sends it, and the embedded one's log is
    // read by this process (server/db/embedded.ts): that reader must not hold a line whole.
    expect(res.peakMb).toBeLessThan(RSS_LIMIT_MB);
  }, 90_000);

  it('goes on answering, on the same workspace and on /api/health', async () => {
    expect(server!.proc.exitCode).toBeNull();
    const health = await fetch(`http://127.0.0.1:${port}/api/health`);
    expect(health.status).toBe(200);
    expect(await sql('SELECT 2 AS two')).toMatchObject({ status: 200, body: { rows: [[2]] } });
  });
});
