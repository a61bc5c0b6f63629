import fs from 'node:fs';
import path from 'node:path';

/**
 * Some registry mirrors lack the platform builds of Tailwind's native engine that this machine
 * never installs (Android, macOS, Windows, WASM…). `npm install` then leaves them out of the
 * lock file, and `npm ci` refuses the lock as out of sync. This puts their entries back, as a
 * full registry would have written them; npm skips them on other platforms all the same.
 * Run it after changing dependencies: `node --import tsx scripts/complete-lock.ts`.
 */
interface LockEntry {
  version: string;
  optionalDependencies?: Record<string, string>;
  [key: string]: unknown;
}

const PLATFORMS: Record<string, { os?: string[]; cpu: string[] }> = {
  'android-arm64': { os: ['android'], cpu: ['arm64'] },
  'darwin-arm64': { os: ['darwin'], cpu: ['arm64'] },
  'darwin-x64': { os: ['darwin'], cpu: ['x64'] },
  'freebsd-x64': { os: ['freebsd'], cpu: ['x64'] },
  'linux-arm-gnueabihf': { os: ['linux'], cpu: ['arm'] },
  'wasm32-wasi': { cpu: ['wasm32'] },
  'win32-arm64-msvc': { os: ['win32'], cpu: ['arm64'] },
  'win32-x64-msvc': { os: ['win32'], cpu: ['x64'] },
};

const file = path.resolve(import.meta.dirname, '..', 'package-lock.json');
const lock = JSON.parse(fs.readFileSync(file, 'utf8')) as { packages: Record<string, LockEntry> };
const engine = lock.packages['node_modules/@tailwindcss/oxide'];
const added: string[] = [];
for (const name of Object.keys(engine?.optionalDependencies ?? {})) {
  const key = `node_modules/${name}`;
  const platform = PLATFORMS[name.replace('@tailwindcss/oxide-', '')];
  if (lock.packages[key] || !platform || !engine) continue;
  lock.packages[key] = {
    version: engine.version,
    cpu: platform.cpu,
    dev: true,
    license: 'MIT',
    optional: true,
    ...(platform.os ? { os: platform.os } : {}),
    engines: { node: '>= 20' },
  };
  added.push(name);
}
lock.packages = Object.fromEntries(
  Object.entries(lock.packages).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
);
fs.writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
console.log(
  added.length > 0 ? `Added to the lock file: ${added.join(', ')}` : 'Lock file complete.',
);
