import { spawnSync } from 'node:child_process';
import path from 'node:path';

/** `npm run bench`: every benchmark in turn, each printing its figure last, then a summary. */
const root = path.resolve(import.meta.dirname, '..');
const BENCHES = [
  'startup.ts',
  'api-throughput.ts',
  'first-page-js.ts',
  'sql-batch.ts',
  'sql-import.ts',
  'sql-query-overhead.ts',
  'sql-memory.ts',
  'value-cap-rss.ts',
  'noisy-neighbour.ts',
  'workspace-create.ts',
  'files-upload.ts',
  'files-recorded.ts',
  'files-gallery.ts',
  'table-browser.ts',
  'sql-editor.ts',
  'column-profile.ts',
];
const only = process.argv.slice(2);

spawnSync(process.execPath, ['--import', 'tsx', 'scripts/ensure-build.ts'], {
  cwd: root,
  stdio: 'inherit',
});
const figures: string[] = [];
let failed = false;
for (const bench of BENCHES.filter(
  (name) => only.length === 0 || only.some((o) => name.includes(o)),
)) {
  console.log(`\n== bench/${bench}`);
  const result = spawnSync(process.execPath, ['--import', 'tsx', path.join('bench', bench)], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  process.stdout.write(result.stdout);
  const last = result.stdout.trim().split('\n').at(-1) ?? '';
  if (result.status !== 0) {
    failed = true;
    figures.push(`${bench}: FAILED (exit ${result.status})`);
  } else {
    figures.push(last);
  }
}
console.log('\n== summary');
for (const figure of figures) console.log(figure);
process.exit(failed ? 1 : 0);
