import http from 'node:http';
import pg from 'pg';
import { ADMIN_TOKEN, percentile, startSqlServer, thousands, WORKSPACE } from './lib/sql-server';

/**
 * `SELECT 1` through `POST …/tables/query` (HTTP keep-alive) against `SELECT 1` over a direct
 * superuser pool of the same Postgres, under 1 and 20 concurrent clients: what the endpoint
 * adds to a query's latency. Both are driven by the same closed loop in this process, so the
 * client's own cost is on both sides; each latency is recorded on its own rather than in the
 * whole-millisecond histogram autocannon keeps, which cannot show a direct query's ~0.1 ms.
 */
const WARMUP_MS = 3_000;
const MEASURE_MS = 5_000;
const CLIENTS = [1, 20] as const;

const bench = await startSqlServer(18_630, 'sql-query');
const pool = new pg.Pool({ connectionString: bench.superuserUrl, max: 20 });
const agent = new http.Agent({ keepAlive: true, maxSockets: 20 });
const url = new URL(`${bench.baseUrl}/workspaces/${WORKSPACE}/tables/query`);
const body = Buffer.from(JSON.stringify({ query: 'SELECT 1' }));

function viaEndpoint(): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method: 'POST',
        agent,
        headers: {
          authorization: `Bearer ${ADMIN_TOKEN}`,
          'content-type': 'application/json',
          'content-length': body.length,
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('error', reject);
        res.on('end', () =>
          res.statusCode === 200
            ? resolve(text)
            : reject(new Error(`query: ${res.statusCode} ${text.slice(0, 300)}`)),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const viaPool = () => pool.query('SELECT 1');

interface Measurement {
  p50: number;
  p99: number;
  rps: number;
  requests: number;
}

async function measure(run: () => Promise<unknown>, clients: number, ms: number) {
  const latencies: number[] = [];
  const started = performance.now();
  const deadline = started + ms;
  const client = async () => {
    while (performance.now() < deadline) {
      const t = performance.now();
      await run();
      latencies.push(performance.now() - t);
    }
  };
  await Promise.all(Array.from({ length: clients }, client));
  const elapsed = performance.now() - started;
  latencies.sort((a, b) => a - b);
  return {
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    rps: latencies.length / (elapsed / 1000),
    requests: latencies.length,
  } satisfies Measurement;
}

async function measured(run: () => Promise<unknown>, clients: number) {
  await measure(run, clients, WARMUP_MS);
  return measure(run, clients, MEASURE_MS);
}

const ms = (value: number) =>
  value < 1 ? value.toFixed(3) : value < 10 ? value.toFixed(2) : value.toFixed(1);

try {
  const answer = JSON.parse(await viaEndpoint()) as { rows: unknown[][] };
  if (answer.rows[0]?.[0] !== 1) throw new Error(`SELECT 1 answered ${JSON.stringify(answer)}`);
  // Every pooled connection opened before the clock runs.
  await Promise.all(Array.from({ length: 20 }, viaPool));
  const results: { clients: number; endpoint: Measurement; direct: Measurement }[] = [];
  for (const clients of CLIENTS) {
    const endpoint = await measured(viaEndpoint, clients);
    const direct = await measured(viaPool, clients);
    results.push({ clients, endpoint, direct });
    for (const [name, r] of [
      ['POST …/tables/query', endpoint],
      ['direct pg.Pool     ', direct],
    ] as const) {
      console.log(
        `${name} SELECT 1, ${String(clients).padStart(2)} client(s): p50 ${ms(r.p50)} ms, p99 ${ms(r.p99)} ms, ${thousands(r.rps)} req/s (${thousands(r.requests)} in ${MEASURE_MS / 1000} s)`,
      );
    }
    console.log(
      `  endpoint / direct: p50 ${(endpoint.p50 / direct.p50).toFixed(1)}×, p99 ${(endpoint.p99 / direct.p99).toFixed(1)}×, throughput ${(endpoint.rps / direct.rps).toFixed(2)}×`,
    );
  }
  const part = ({ clients, endpoint, direct }: (typeof results)[number]) =>
    `${clients} client${clients === 1 ? '' : 's'} p50 ${ms(endpoint.p50)} vs ${ms(direct.p50)} ms direct (${(endpoint.p50 / direct.p50).toFixed(1)}×), p99 ${ms(endpoint.p99)} vs ${ms(direct.p99)} ms`;
  console.log(`sql query overhead: SELECT 1 ${results.map(part).join('; ')}`);
} finally {
  agent.destroy();
  await pool.end().catch(() => {});
  await bench.close();
}
