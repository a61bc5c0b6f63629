import fs from 'node:fs';
import fsp from 'node:fs/promises';
import { megabytes, mixedCsvFile } from './lib/mixed-csv';
import {
  ADMIN_TOKEN,
  type QueryAnswer,
  seconds,
  startSqlServer,
  thousands,
  uploadTable,
  WORKSPACE,
} from './lib/sql-server';

/**
 * The server process's peak RSS while it creates a table from a ~100 MB CSV, and while it runs
 * a 20M-row SELECT that it caps (at 100,000 rows, and with wide rows at 64 MiB of text). Target:
 * under 300 MB. Only the node process is measured: Postgres runs in its own processes, and what
 * it uses does not grow with what the server holds.
 */
const ROWS = 1_000_000;
const SAMPLE_MS = 50;
const TARGET_MB = 300;
const NARROW = 'SELECT g, md5(g::text) FROM generate_series(1, 20000000) g';
// 32 × 32 = 1,024 characters a row reach 64 MiB at ~65,500 rows, before the 100,000-row cap
// (20 repeats, 640 characters, would stop at the row cap a hair under 64 MiB).
const WIDE = 'SELECT g, repeat(md5(g::text), 32) FROM generate_series(1, 20000000) g';

const csv = await mixedCsvFile(ROWS);
const bench = await startSqlServer(18_640, 'sql-memory').catch(async (error: unknown) => {
  await fsp.rm(csv.dir, { recursive: true, force: true });
  throw error;
});
const pid = bench.pid;

/** VmRSS and VmHWM (the kernel's peak since start or the last reset), in bytes. */
function memory() {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (field: string) =>
    Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)![1]);
  return { rss: kib('VmRSS') * 1024, hwm: kib('VmHWM') * 1024 };
}

/** Sets VmHWM back to the current RSS (Linux ≥ 4.0, needs ptrace rights over the process). */
function resetPeak() {
  try {
    fs.writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

const mb = (bytes: number) => `${Math.round(bytes / 1e6)} MB`;

interface Phase {
  name: string;
  /** The higher of the 50 ms samples' peak and the kernel's (VmHWM reset at the start). */
  peak: number;
}

/**
 * The bench's event loop must stay free while the phase runs or samples go missing, so work()
 * only waits on I/O, and what it got is looked at by describe() once the sampling has stopped.
 */
async function phase<T>(
  name: string,
  work: () => Promise<T>,
  describe: (value: T) => string,
): Promise<Phase> {
  const reset = resetPeak();
  const startRss = memory().rss;
  let sampled = startRss;
  const timer = setInterval(() => (sampled = Math.max(sampled, memory().rss)), SAMPLE_MS);
  const started = performance.now();
  let value: T;
  try {
    value = await work();
  } finally {
    clearInterval(timer);
  }
  const ms = performance.now() - started;
  const end = memory();
  sampled = Math.max(sampled, end.rss);
  const hwm = reset ? end.hwm : null;
  const peak = Math.max(sampled, hwm ?? 0);
  console.log(
    `${name}: peak RSS ${mb(peak)} (sampled every ${SAMPLE_MS} ms: ${mb(sampled)}; VmHWM: ${hwm === null ? 'not resettable' : mb(hwm)}), +${mb(peak - startRss)} over ${mb(startRss)} at its start; ${seconds(ms)}; ${describe(value)}`,
  );
  return { name, peak };
}

async function rawQuery(query: string): Promise<Buffer> {
  const res = await fetch(`${bench.baseUrl}/workspaces/${WORKSPACE}/tables/query`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${ADMIN_TOKEN}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify({ query }),
  });
  const body = Buffer.from(await res.arrayBuffer());
  if (!res.ok) throw new Error(`${query}: ${res.status} ${body.toString('utf8', 0, 500)}`);
  return body;
}

function capped(body: Buffer) {
  const answer = JSON.parse(body.toString('utf8')) as QueryAnswer;
  if (!answer.truncated) throw new Error('the 20M-row SELECT was not capped');
  return `${thousands(answer.rows.length)} rows, truncated: ${answer.truncated}, ${megabytes(body.length)} of JSON`;
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 2_000));

try {
  const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
  if (!cmdline.includes('server/main.ts')) throw new Error(`pid ${pid} runs "${cmdline}"`);
  console.log(`server pid ${pid}: ${cmdline}`);
  console.log(`generated ${megabytes(csv.bytes)} CSV, ${thousands(ROWS)} rows`);
  const atReady = memory().rss;
  // The first query loads the statement guard and opens the workspace's pool: code, not data.
  await bench.query('SELECT 1');
  await settle();
  const idle = memory().rss;
  console.log(`idle RSS: ${mb(atReady)} when ready, ${mb(idle)} after a first SELECT 1`);

  // Smallest first: RSS a phase leaves behind is not handed back at once, and would be counted
  // in the next phase's peak.
  const narrow = await phase('capped SELECT (20M rows, md5)', () => rawQuery(NARROW), capped);
  await settle();
  const importPhase = await phase(
    'import (POST …/tables)',
    () => uploadTable(bench, csv.file, 't'),
    ({ table }) =>
      `${megabytes(csv.bytes)} CSV into "${table.table_name}", ${thousands(table.row_count)} rows`,
  );
  await settle();
  const wide = await phase(
    'capped SELECT (20M rows, 1 KiB text each)',
    () => rawQuery(WIDE),
    capped,
  );

  const over = [importPhase, narrow, wide].filter((p) => p.peak >= TARGET_MB * 1e6);
  if (over.length > 0) console.log(`over ${TARGET_MB} MB: ${over.map((p) => p.name).join(', ')}`);
  console.log(
    `sql memory: peak RSS ${mb(importPhase.peak)} during import, ${mb(narrow.peak)} during capped 20M-row SELECT, ${mb(wide.peak)} with 1 KiB rows at the 64 MiB cap (idle ${mb(idle)}; target < ${TARGET_MB} MB)`,
  );
} finally {
  await bench.close();
  await fsp.rm(csv.dir, { recursive: true, force: true });
}
