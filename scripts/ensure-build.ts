import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Builds the SPA when dist/ is missing or was built from other sources. A hash of the inputs,
 * not file times, decides: a fresh clone or a checkout of another branch has misleading times.
 */
const root = path.resolve(import.meta.dirname, '..');
const INPUTS = [
  'src',
  'contract',
  'public',
  'index.html',
  'vite.config.ts',
  'tailwind.config.ts',
  'tsconfig.app.json',
  'package-lock.json',
];
const STAMP = path.join(root, 'dist', '.build-hash');

function* files(entry: string): Generator<string> {
  const full = path.join(root, entry);
  const stat = fs.statSync(full, { throwIfNoEntry: false });
  if (!stat) return;
  if (stat.isFile()) {
    yield entry;
    return;
  }
  for (const child of fs.readdirSync(full).sort()) {
    if (/\.test\.tsx?$/.test(child)) continue;
    yield* files(path.join(entry, child));
  }
}

export function sourceHash(): string {
  const hash = createHash('sha256');
  for (const file of [...INPUTS.flatMap((entry) => [...files(entry)])]) {
    hash
      .update(file)
      .update('\0')
      .update(fs.readFileSync(path.join(root, file)))
      .update('\0');
  }
  return hash.digest('hex');
}

const wanted = sourceHash();
const built = fs.existsSync(STAMP) ? fs.readFileSync(STAMP, 'utf8').trim() : null;
if (built === wanted && fs.existsSync(path.join(root, 'dist', 'index.html'))) {
  process.exit(0);
}
console.log(
  built ? 'The console changed since its last build: building…' : 'Building the console…',
);
const result = spawnSync(
  process.execPath,
  [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'],
  {
    cwd: root,
    stdio: 'inherit',
  },
);
if (result.status !== 0) process.exit(result.status ?? 1);
fs.writeFileSync(STAMP, wanted);
