import { ADMIN_TOKEN, percentile, startSqlServer } from './lib/sql-server';

/**
 * What a database per workspace costs (issue 14): creating a workspace copies the workspace
 * template into a new PostgreSQL database, and its first statement opens a pool on it. Timed
 * against what the same server does without a database of its own in the same run: creating an
 * organization (a transaction of inserts), and `SELECT 42` in a workspace already open.
 */
const ROUNDS = 15;

const bench = await startSqlServer(18_660, 'workspace-create');

async function timed(route: string, body?: unknown, org?: string) {
  const started = performance.now();
  const res = await fetch(`${bench.baseUrl}${route}`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${ADMIN_TOKEN}`,
      'content-type': 'application/json',
      ...(org ? { 'x-activeloop-org-id': org } : {}),
    },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${route}: ${res.status} ${text.slice(0, 300)}`);
  return performance.now() - started;
}

try {
  const organizations: number[] = [];
  const workspaces: number[] = [];
  const firstQueries: number[] = [];
  const warmQueries: number[] = [];
  await timed('/workspaces/default/tables/query', { query: 'SELECT 42' });
  for (let i = 0; i < ROUNDS; i++) {
    organizations.push(await timed('/organizations', { id: `org-${i}`, name: `Org ${i}` }));
    workspaces.push(await timed('/workspaces', { id: `ws_${i}`, name: `WS ${i}` }, `org-${i}`));
    firstQueries.push(await timed(`/workspaces/ws_${i}/tables/query`, { query: 'SELECT 42' }));
    warmQueries.push(await timed(`/workspaces/ws_${i}/tables/query`, { query: 'SELECT 42' }));
  }
  const median = (values: number[]) =>
    percentile(
      [...values].sort((a, b) => a - b),
      50,
    );
  const [org, ws, first, warm] = [organizations, workspaces, firstQueries, warmQueries].map(median);
  console.log(`organization created: median ${org!.toFixed(1)} ms over ${ROUNDS}`);
  console.log(
    `first SELECT 42 in a new workspace: median ${first!.toFixed(1)} ms; warm ${warm!.toFixed(1)} ms = ${(first! / warm!).toFixed(2)}×`,
  );
  console.log(
    `workspace created (with its own database): median ${ws!.toFixed(1)} ms = ${(ws! / org!).toFixed(2)}× an organization's creation`,
  );
} finally {
  await bench.close();
}
