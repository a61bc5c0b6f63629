import { ADMIN_TOKEN, median, startSqlServer, WORKSPACE } from './lib/sql-server';

/**
 * What recording an upload in a table costs (`POST …/files?table=&column=`): the file's record
 * and the table's row commit together by two-phase commit (server/sql/two-phase.ts), so each
 * upload adds a workspace session, PREPARE TRANSACTION, a decision row and COMMIT PREPARED. Small
 * files (4 KiB), four at a time, in rounds that alternate plain and recorded uploads so both see
 * the same server; the figure is the recorded uploads' median time per round as a ratio to the
 * plain ones' (target ≤ 2.5×), and the table must hold exactly one row per recorded file.
 */
const ROUNDS = 6;
const PER_ROUND = 40;
const CONCURRENCY = 4;
const TARGET_RATIO = 2.5;

const bench = await startSqlServer(18_950, 'files-recorded');
const bytes = new Uint8Array(4096).map((_, i) => (i * 31) % 251);

async function uploadOne(name: string, query: string) {
  const form = new FormData();
  form.append('file', new Blob([bytes], { type: 'application/octet-stream' }), name);
  const res = await fetch(`${bench.baseUrl}/workspaces/${WORKSPACE}/files${query}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    body: form,
  });
  if (res.status !== 201) throw new Error(`upload: ${res.status} ${await res.text()}`);
}

/** Milliseconds for PER_ROUND uploads, CONCURRENCY at a time. */
async function round(label: string, n: number, query: string): Promise<number> {
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < PER_ROUND) {
        const i = next++;
        await uploadOne(`${label}-${n}-${i}.bin`, query);
      }
    }),
  );
  return performance.now() - started;
}

try {
  await bench.query('CREATE TABLE shots (id bigserial PRIMARY KEY, file uuid, caption text)');
  // Warm both paths (pools, the workspace's sessions) before anything is timed.
  await round('warm-plain', 0, '');
  await round('warm-recorded', 0, '?table=shots&column=file');
  const plain: number[] = [];
  const recorded: number[] = [];
  for (let n = 1; n <= ROUNDS; n++) {
    plain.push(await round('plain', n, ''));
    recorded.push(await round('recorded', n, '?table=shots&column=file'));
  }
  const rows = await bench.query('SELECT count(*)::int, count(DISTINCT file)::int FROM shots');
  const expected = (ROUNDS + 1) * PER_ROUND;
  if (rows.rows[0]![0] !== expected || rows.rows[0]![1] !== expected) {
    throw new Error(`shots holds ${JSON.stringify(rows.rows[0])} rows, not ${expected}`);
  }
  const perUpload = (ms: number) => `${(ms / PER_ROUND).toFixed(1)} ms`;
  const ratio = median(recorded) / median(plain);
  console.log(
    `plain upload: ${perUpload(median(plain))} each; recorded in a table: ` +
      `${perUpload(median(recorded))} each (median of ${ROUNDS} rounds of ${PER_ROUND}, ` +
      `${CONCURRENCY} at a time)`,
  );
  console.log(
    `upload recorded in a table: ${ratio.toFixed(2)}× a plain upload — target ≤ ${TARGET_RATIO}× ` +
      `${ratio <= TARGET_RATIO ? 'met' : 'NOT MET'}`,
  );
} finally {
  await bench.close();
}
