import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { spawnServer } from '../server/test/spawn-server';

/**
 * GET /api/workspaces (token check, org resolution, a query) under 50 concurrent clients for
 * 10 s, beside GET /api/health (no database) in the same run as the baseline.
 */
const ADMIN_TOKEN = 'bench-admin-token-0123456789abcdef';
const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'deeplake-bench-api-'));
const server = await spawnServer({ port: 18_600, dataDir, env: { ADMIN_TOKEN } });

async function load(route: string) {
  const result = await autocannon({
    url: `http://127.0.0.1:${server.port}/api${route}`,
    connections: 50,
    duration: 10,
    headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
  });
  const failures = result.non2xx + result.errors + result.timeouts;
  if (failures > 0) throw new Error(`${route}: ${failures} failed requests`);
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
  };
}

try {
  await load('/health'); // warm-up, discarded
  const health = await load('/health');
  const workspaces = await load('/workspaces');
  for (const [name, r] of [
    ['GET /api/health', health],
    ['GET /api/workspaces', workspaces],
  ] as const) {
    console.log(
      `${name}: ${r.rps.toFixed(0)} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms (50 clients, 10 s)`,
    );
  }
  console.log(
    `api throughput: GET /api/workspaces ${workspaces.rps.toFixed(0)} req/s = ${(workspaces.rps / health.rps).toFixed(2)}× GET /api/health, p99 ${workspaces.p99} ms`,
  );
} finally {
  await server.stop();
  await fs.rm(dataDir, { recursive: true, force: true });
}
