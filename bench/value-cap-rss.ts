import fs from 'node:fs';
import { ADMIN_TOKEN, seconds, startSqlServer, WORKSPACE } from './lib/sql-server';

/**
 * The server process's RSS while an ordinary account asks for answers past the 64 MiB cap:
 * `SELECT repeat('x', 600000000)` (a 600 MB value), the same value cast to int (a 600 MB error
 * text) and a row of ten 10 MB values. Each must be a 400 value_too_large while the process stays
 * under 500 MB; before the cap applied to single messages the first ended the process, and a
 * value under V8's string limit grew it by about four times its size. Figure: peak RSS during
 * the 600 MB value over idle RSS in the same run, and the absolute peaks. Only the node process
 * is measured: the value is built by Postgres, in its own process.
 */
const SAMPLE_MS = 20;
const TARGET_MB = 500;
const VALUE = "SELECT repeat('x', 600000000) AS big";
const ERROR_TEXT = "SELECT repeat('x', 600000000)::int";
const ROW = `SELECT ${Array.from({ length: 10 }, (_, i) => `repeat('x', 10000000) AS c${i}`).join(', ')}`;

const bench = await startSqlServer(18_650, 'value-cap-rss');
const pid = bench.pid;
const mb = (bytes: number) => `${Math.round(bytes / 1e6)} MB`;

/** VmRSS in bytes. */
function rss() {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/^VmRSS:\s+(\d+) kB/m.exec(status)![1]) * 1024;
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

function hwm() {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/^VmHWM:\s+(\d+) kB/m.exec(status)![1]) * 1024;
}

async function post(query: string) {
  const res = await fetch(`${bench.baseUrl}/workspaces/${WORKSPACE}/tables/query`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  });
  return { status: res.status, text: await res.text() };
}

/** The query's answer and the peak RSS while it ran: 20 ms samples, and VmHWM when resettable. */
async function attack(name: string, query: string) {
  const reset = resetPeak();
  const start = rss();
  let sampled = start;
  const timer = setInterval(() => (sampled = Math.max(sampled, rss())), SAMPLE_MS);
  const started = performance.now();
  let answer: { status: number; text: string };
  try {
    answer = await post(query);
  } finally {
    clearInterval(timer);
  }
  const ms = performance.now() - started;
  sampled = Math.max(sampled, rss());
  const peak = Math.max(sampled, reset ? hwm() : 0);
  const error = (JSON.parse(answer.text) as { error?: { code: string; message: string } }).error;
  if (answer.status !== 400 || error?.code !== 'value_too_large') {
    throw new Error(
      `${name}: expected 400 value_too_large, got ${answer.status} ${answer.text.slice(0, 300)}`,
    );
  }
  console.log(
    `${name}: ${answer.status} ${error.code} in ${seconds(ms)}; peak RSS ${mb(peak)} (sampled every ${SAMPLE_MS} ms: ${mb(sampled)}; VmHWM ${reset ? 'reset before' : 'not resettable'}), ${mb(start)} at its start`,
  );
  console.log(`  "${error.message.slice(0, 160)}"`);
  return peak;
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 2_000));

try {
  // The first query loads the statement guard and opens the workspace's pool: code, not data.
  await bench.query('SELECT 1');
  await settle();
  const idle = rss();
  console.log(`server pid ${pid}; idle RSS ${mb(idle)} after a first SELECT 1`);

  const value = await attack('600 MB value', VALUE);
  await settle();
  const row = await attack('row of ten 10 MB values', ROW);
  await settle();
  const errorText = await attack('600 MB error text', ERROR_TEXT);
  await settle();
  const after = await bench.query('SELECT 2 AS two');
  if (after.rows[0]?.[0] !== 2) throw new Error('the server did not answer after the attacks');
  const health = await fetch(`${bench.baseUrl}/health`);
  if (health.status !== 200) throw new Error(`/api/health answered ${health.status}`);

  const over = [value, row, errorText].some((peak) => peak >= TARGET_MB * 1e6);
  if (over) console.log(`over ${TARGET_MB} MB: see above`);
  const ratio = (peak: number) => `${(peak / idle).toFixed(2)}×`;
  console.log(
    `value cap: peak RSS during a 600 MB value ${mb(value)} = ${ratio(value)} idle (${mb(idle)}); 600 MB error text ${mb(errorText)} (${ratio(errorText)}), 100 MB row ${mb(row)} (${ratio(row)}); target < ${TARGET_MB} MB`,
  );
} finally {
  await bench.close();
}
