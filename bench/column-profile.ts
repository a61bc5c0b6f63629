import type { ColumnProfile } from '../contract/tables';
import { ADMIN_TOKEN, median, seconds, startSqlServer, WORKSPACE } from './lib/sql-server';

/**
 * `GET …/tables/{table}/columns/{column}/profile` on a 1,000,000-row table (an int, a text and a
 * 64-dimension float4[]) on a fresh server: the median of several profiles per column, target
 * under 2 s each. Above 200,000 rows (50,000 for float4[]) the server profiles a TABLESAMPLE, so
 * the figure is about the sample's work plus the statistics it reads. The baseline is a plain
 * `SELECT count(*)` of the table through the query endpoint: every figure is also a ratio to it.
 */
const ROWS = 1_000_000;
const DIMENSIONS = 64;
const RUNS = 5;
const TARGET_MS = 2000;

const bench = await startSqlServer(18_820, 'column-profile', { QUERY_TIMEOUT_MS: '600000' });
try {
  const started = performance.now();
  await bench.query('CREATE TABLE profiled (n int4, label text, embedding float4[])');
  const vector = Array.from({ length: DIMENSIONS }, (_, k) => `sin(g * ${k + 1})`).join(', ');
  await bench.query(
    `INSERT INTO profiled
     SELECT g % 1000, 'label ' || (g % 5000), ARRAY[${vector}]::float4[]
       FROM generate_series(1, ${ROWS}) g`,
  );
  await bench.query('ANALYZE profiled');
  console.log(
    `setup: ${ROWS.toLocaleString('en-US')} rows (int4, text, float4[${DIMENSIONS}]) in ${seconds(performance.now() - started)}`,
  );

  const timed = async (work: () => Promise<unknown>) => {
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t = performance.now();
      await work();
      times.push(performance.now() - t);
    }
    return median(times);
  };
  const baseline = await timed(() => bench.query('SELECT count(*) FROM profiled'));
  console.log(`baseline SELECT count(*): ${seconds(baseline)}`);

  const profile = async (column: string) => {
    const res = await fetch(
      `${bench.baseUrl}/workspaces/${WORKSPACE}/tables/profiled/columns/${column}/profile`,
      { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } },
    );
    if (!res.ok) throw new Error(`profile ${column}: ${res.status} ${await res.text()}`);
    return (await res.json()) as ColumnProfile;
  };
  const figures: Record<string, number> = {};
  for (const column of ['n', 'label', 'embedding']) {
    const answer = await profile(column);
    figures[column] = await timed(() => profile(column));
    console.log(
      `${column} (${answer.type}): ${seconds(figures[column])} (${(figures[column] / baseline).toFixed(1)}× count(*)), ` +
        `sampled ${answer.sampled} on ${answer.sample_rows.toLocaleString('en-US')} rows, ` +
        `distinct ${answer.distinct ?? '—'}, dimensions ${answer.vector?.dimensions ?? '—'}`,
    );
  }
  const scalar = Math.max(figures.n!, figures.label!);
  const slowest = Math.max(scalar, figures.embedding!);
  console.log(
    `column profile, 1M rows: ${seconds(scalar)} (float4[] ${seconds(figures.embedding!)}; ` +
      `${(slowest / baseline).toFixed(1)}× a count(*) of ${seconds(baseline)}) — target < ${TARGET_MS / 1000} s` +
      (slowest < TARGET_MS ? '' : ' MISSED'),
  );
} finally {
  await bench.close();
}
