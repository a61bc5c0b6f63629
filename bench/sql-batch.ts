import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { median, seconds, startSqlServer, thousands, WORKSPACE } from './lib/sql-server';

/**
 * 100,000 rows of `INSERT INTO t (a, b) VALUES ($1, $2)` through the batch endpoint, against
 * COPY FROM STDIN of the same rows into the same table over a direct superuser connection, in
 * the same run. Target: COPY time / endpoint time ≥ 0.3.
 */
const ROWS = 100_000;
const RUNS = 3;
const INSERT = 'INSERT INTO t (a, b) VALUES ($1, $2)';

const bench = await startSqlServer(18_610, 'sql-batch');
const direct = new pg.Client({ connectionString: bench.superuserUrl });

const rows: [number, string][] = Array.from({ length: ROWS }, (_, i) => [
  i,
  `row ${i} of the batch, some text`,
]);

async function count() {
  const { rows: result } = await direct.query<{ n: string }>(
    `SELECT count(*) AS n FROM "${WORKSPACE}".t`,
  );
  return Number(result[0]!.n);
}

/** Encoding the body is the client's share of the work, so the clock starts before it. */
async function viaEndpoint(): Promise<{ ms: number; serverMs: number }> {
  await direct.query(`TRUNCATE "${WORKSPACE}".t`);
  const started = performance.now();
  const answer = await bench.postJson<{ row_count: number; duration_ms: number }>(
    `/workspaces/${WORKSPACE}/tables/query/batch`,
    { query: INSERT, params_batch: rows },
  );
  const ms = performance.now() - started;
  if (answer.row_count !== ROWS) throw new Error(`batch inserted ${answer.row_count} rows`);
  if ((await count()) !== ROWS) throw new Error('batch rows missing from the table');
  return { ms, serverMs: answer.duration_ms };
}

/** Likewise the COPY text is made inside the timing, from the same array. */
async function viaCopy(): Promise<number> {
  await direct.query(`TRUNCATE "${WORKSPACE}".t`);
  const started = performance.now();
  const source = Readable.from(
    (function* () {
      const group = 5_000;
      for (let i = 0; i < rows.length; i += group) {
        let text = '';
        for (const [a, b] of rows.slice(i, i + group)) text += `${a}\t${b}\n`;
        yield text;
      }
    })(),
  );
  const copy = direct.query(copyFrom(`COPY "${WORKSPACE}".t (a, b) FROM STDIN`));
  await pipeline(source, copy);
  const ms = performance.now() - started;
  if (Number(copy.rowCount) !== ROWS) throw new Error(`COPY loaded ${copy.rowCount} rows`);
  return ms;
}

try {
  await direct.connect();
  await bench.query('CREATE TABLE t (a int, b text)');
  // Warm-up of both paths (JIT, plan caches, the workspace's session pool), discarded.
  await viaEndpoint();
  await viaCopy();
  const endpoint: number[] = [];
  const inServer: number[] = [];
  const copy: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const { ms, serverMs } = await viaEndpoint();
    endpoint.push(ms);
    inServer.push(serverMs);
    copy.push(await viaCopy());
  }
  const e = median(endpoint);
  const c = median(copy);
  const runs = (values: number[]) => values.map((ms) => ms.toFixed(0)).join(', ');
  console.log(`endpoint runs: ${runs(endpoint)} ms; COPY runs: ${runs(copy)} ms`);
  console.log(
    `POST …/query/batch: ${thousands(ROWS)} rows in ${seconds(e)} = ${thousands(ROWS / (e / 1000))} rows/s (median of ${RUNS})`,
  );
  console.log(
    `  of which the server's duration_ms (session, describe, array encoding, INSERT … unnest): ${median(inServer).toFixed(0)} ms; the rest is JSON encoding, HTTP, body parsing and the statement check`,
  );
  console.log(
    `COPY FROM STDIN:    ${thousands(ROWS)} rows in ${seconds(c)} = ${thousands(ROWS / (c / 1000))} rows/s (median of ${RUNS})`,
  );
  console.log(
    `sql batch: ${thousands(ROWS)} rows in ${seconds(e)} = ${(c / e).toFixed(2)}× COPY (${seconds(c)}; target ≥ 0.3)`,
  );
} finally {
  await direct.end().catch(() => {});
  await bench.close();
}
