import { spawn } from 'node:child_process';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { megabytes, mixedCsvFile } from './lib/mixed-csv';
import {
  median,
  seconds,
  startSqlServer,
  thousands,
  uploadTable,
  WORKSPACE,
  type TableDetails,
} from './lib/sql-server';

/**
 * A generated ~100 MB CSV (1M rows of mixed types) through `POST …/tables`, against `psql \copy`
 * of the same file into a table of the same column types, in the same run. Target: psql time /
 * endpoint time ≥ 0.5.
 */
const ROWS = 1_000_000;
const RUNS = 3;
const PSQL = '/usr/bin/psql';

const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;
const target = (table: string) => `${ident(WORKSPACE)}.${ident(table)}`;

const csv = await mixedCsvFile(ROWS);
const bench = await startSqlServer(18_620, 'sql-import').catch(async (error: unknown) => {
  await fsp.rm(csv.dir, { recursive: true, force: true });
  throw error;
});
const direct = new pg.Client({ connectionString: bench.superuserUrl });
const havePsql = await fsp.access(PSQL, fs.constants.X_OK).then(
  () => true,
  () => false,
);

async function count(table: string) {
  const { rows } = await direct.query<{ n: string }>(`SELECT count(*) AS n FROM ${target(table)}`);
  return Number(rows[0]!.n);
}

async function viaEndpoint() {
  await direct.query(`DROP TABLE IF EXISTS ${target('t')}`);
  const started = performance.now();
  const { table, sentAt } = await uploadTable(bench, csv.file, 't');
  const ms = performance.now() - started;
  const loaded = await count('t');
  if (loaded !== ROWS) throw new Error(`the endpoint loaded ${loaded} rows`);
  return { ms, spoolMs: sentAt - started, table };
}

function psqlCopy(table: string): Promise<void> {
  const command = `\\copy ${target(table)} FROM '${csv.file}' WITH (FORMAT csv, HEADER true)`;
  return new Promise((resolve, reject) => {
    const proc = spawn(PSQL, [bench.superuserUrl, '-X', '-v', 'ON_ERROR_STOP=1', '-c', command], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    proc.stdout.on('data', (chunk) => (output += chunk));
    proc.stderr.on('data', (chunk) => (output += chunk));
    proc.on('error', reject);
    proc.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`psql exited ${code}: ${output}`)),
    );
  });
}

async function streamCopy(table: string) {
  const copy = direct.query(
    copyFrom(`COPY ${target(table)} FROM STDIN WITH (FORMAT csv, HEADER true)`),
  );
  await pipeline(fs.createReadStream(csv.file, { highWaterMark: 256 * 1024 }), copy);
}

/** The same columns the endpoint inferred, so both load into identical tables. */
async function viaPsql(columns: TableDetails['columns']) {
  await direct.query(`DROP TABLE IF EXISTS ${target('t2')}`);
  await direct.query(
    `CREATE TABLE ${target('t2')} (${columns.map((c) => `${ident(c.name)} ${c.type}`).join(', ')})`,
  );
  const started = performance.now();
  await (havePsql ? psqlCopy('t2') : streamCopy('t2'));
  const ms = performance.now() - started;
  const loaded = await count('t2');
  if (loaded !== ROWS) throw new Error(`the baseline loaded ${loaded} rows`);
  // The endpoint ends with ANALYZE; the baseline does not, so its share is shown on its own.
  const analyzeStarted = performance.now();
  await direct.query(`ANALYZE ${target('t2')}`);
  return { ms, analyzeMs: performance.now() - analyzeStarted };
}

try {
  await direct.connect();
  const baselineName = havePsql ? 'psql \\copy' : 'COPY FROM STDIN (pg-copy-streams; no psql)';
  if (!havePsql) console.log(`${PSQL} not found: the baseline is COPY FROM STDIN of the file`);
  console.log(`generated ${csv.file}: ${megabytes(csv.bytes)}, ${thousands(ROWS)} rows`);
  const endpoint: number[] = [];
  const spool: number[] = [];
  const baseline: number[] = [];
  const analyze: number[] = [];
  let columns: TableDetails['columns'] = [];
  for (let i = 0; i < RUNS; i++) {
    const e = await viaEndpoint();
    endpoint.push(e.ms);
    spool.push(e.spoolMs);
    columns = e.table.columns;
    const b = await viaPsql(columns);
    baseline.push(b.ms);
    analyze.push(b.analyzeMs);
  }
  const e = median(endpoint);
  const b = median(baseline);
  const runs = (values: number[]) => values.map((ms) => seconds(ms)).join(', ');
  console.log(`inferred columns: ${columns.map((c) => `${c.name} ${c.type}`).join(', ')}`);
  console.log(`POST …/tables runs: ${runs(endpoint)}; ${baselineName} runs: ${runs(baseline)}`);
  console.log(
    `POST …/tables: ${seconds(e)} = ${megabytes(csv.bytes / (e / 1000))}/s, ${thousands(ROWS / (e / 1000))} rows/s`,
  );
  console.log(
    `  upload, spool and type inference until the last byte was taken: ~${seconds(median(spool))}; CREATE TABLE, COPY, ANALYZE, describe: ~${seconds(e - median(spool))}`,
  );
  console.log(
    `${baselineName}: ${seconds(b)} = ${megabytes(csv.bytes / (b / 1000))}/s, ${thousands(ROWS / (b / 1000))} rows/s`,
  );
  console.log(
    `  ANALYZE of the loaded table, which the endpoint includes and the baseline does not: ${seconds(median(analyze))}`,
  );
  console.log(
    `sql import: ${megabytes(csv.bytes)} CSV (${thousands(ROWS)} rows) in ${seconds(e)} = ${(b / e).toFixed(2)}× ${baselineName} (${seconds(b)}; target ≥ 0.5)`,
  );
} finally {
  await direct.end().catch(() => {});
  await bench.close();
  await fsp.rm(csv.dir, { recursive: true, force: true });
}
