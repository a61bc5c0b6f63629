import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp } from './app';
import { ensureUser, issueToken } from './auth/users-repository';
import { bootstrap } from './bootstrap';
import { createDb } from './db/index';
import { EmbeddedPostgresError, isAlive } from './db/embedded';
import { openEngine } from './db/engine';
import { migrate } from './db/migrate';
import { ConfigError, loadConfig, parseFlags, type Config } from './env';
import { createLogger, type Logger } from './logger';

const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SPA_DIR = path.join(PROJECT_ROOT, 'dist');

const USAGE = `Usage: tsx server/main.ts <command> [--flags]

Commands:
  start                 serve the console and the API (default)
  token --email <addr>  print a new API token for <addr>, creating the user when needed
  migrate               apply pending migrations of the console's schema

Flags override the environment: --port (PORT), --host (HOST), --data-dir (DATA_DIR),
--database-url (DATABASE_URL), --admin-email (ADMIN_EMAIL), --admin-token (ADMIN_TOKEN),
--deeplake-api-url (DEEPLAKE_API_URL), --log-level (LOG_LEVEL).`;

async function main(argv: string[]) {
  const command = argv[0] && !argv[0].startsWith('--') ? argv[0] : 'start';
  const args = command === argv[0] ? argv.slice(1) : argv;
  if (args.includes('--help') || command === 'help') {
    console.log(USAGE);
    return;
  }
  const config = loadConfig(args);
  switch (command) {
    case 'start':
      return start(config);
    case 'token':
      return token(config, args);
    case 'migrate':
      return migrateCommand(config);
    default:
      throw new ConfigError(`Unknown command "${command}"\n\n${USAGE}`);
  }
}

function publicOrigin(host: string, port: number) {
  const shown = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
  return `http://${shown.includes(':') ? `[${shown}]` : shown}:${port}`;
}

async function start(config: Config) {
  const logger = createLogger(config.logLevel);
  if (config.deeplakeApiUrl) {
    const app = await buildApp({ logger, proxyTarget: config.deeplakeApiUrl, staticDir: SPA_DIR });
    await app.listen({ port: config.port, host: config.host });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    console.log(
      `Deeplake Console (proxy to ${config.deeplakeApiUrl}): ${publicOrigin(config.host, port)}`,
    );
    onShutdown(logger, async () => app.close());
    return;
  }

  const releaseLock = config.databaseUrl ? async () => {} : await lockDataDir(config.dataDir);
  const engine = await openEngine(config, logger, {
    // Its PostgreSQL died and would not start again: nothing here can serve. One line, then
    // the usual shutdown, with a failing exit code for whatever supervises this process.
    onGiveUp: (error) => {
      console.error(error.message);
      process.exitCode = 1;
      process.kill(process.pid, 'SIGTERM');
    },
  });
  const db = createDb({ connectionString: engine.url, logger });
  const stopDatabase = async () => {
    await db.close().catch(() => {});
    await engine.stop();
    await releaseLock();
  };
  let app;
  let firstAdmin;
  try {
    const applied = await migrate(db);
    if (applied.length > 0) logger.info({ applied }, 'migrations applied');
    firstAdmin = await bootstrap(db, config);
    app = await buildApp({
      db,
      logger,
      bodyLimitBytes: config.bodyLimitBytes,
      sqlBodyLimitBytes: config.sqlBodyLimitBytes,
      uploadLimitBytes: config.uploadLimitBytes,
      spoolDir: path.join(config.dataDir, 'tmp'),
      filesDir: path.join(config.dataDir, 'files'),
      fileUploadLimitBytes: config.fileUploadLimitBytes,
      sqlLimits: {
        deadlineMs: config.queryTimeoutMs,
        maxRows: config.queryMaxRows,
        maxBytes: config.queryMaxBytes,
        maxBatchRows: config.batchMaxRows,
        sessionsTotal: config.sqlSessionsTotal,
        sessionsPerOrganization: config.sqlSessionsPerOrg,
        sessionsPerUser: config.sqlSessionsPerUser,
        sessionQueueMs: config.sqlQueueMs,
        workspaceBytes: config.workspaceSizeLimitBytes,
      },
      prepareWorkspaceDatabases: true,
      tenantLimits: {
        organizationsPerUser: config.maxOrganizationsPerUser,
        workspacesPerOrganization: config.maxWorkspacesPerOrganization,
      },
      staticDir: SPA_DIR,
    });
    await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    await stopDatabase();
    throw error;
  }
  const address = app.server.address();
  const origin = publicOrigin(
    config.host,
    typeof address === 'object' && address ? address.port : config.port,
  );
  console.log(`\nDeeplake Console is running at ${origin}`);
  if (firstAdmin) {
    console.log(`First start: signed up ${firstAdmin.email} as admin. Sign in with this link:`);
    console.log(`  ${origin}/#token=${firstAdmin.token}\n`);
  } else {
    console.log('A new sign-in token: npm run token -- --email <your email>\n');
  }
  const server = app;
  onShutdown(logger, async () => {
    await server.close();
    await stopDatabase();
  });
}

/** One server per embedded data directory: a second would fight the first for its Postgres. */
async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  await fs.mkdir(dataDir, { recursive: true });
  const lockFile = path.join(dataDir, 'server.pid');
  const holder = Number(await fs.readFile(lockFile, 'utf8').catch(() => ''));
  if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && isAlive(holder)) {
    throw new ConfigError(
      `Another Deeplake Console server (pid ${holder}) is using ${dataDir}. Stop it, or pick another DATA_DIR.`,
    );
  }
  await fs.writeFile(lockFile, String(process.pid));
  return () => fs.rm(lockFile, { force: true });
}

function onShutdown(logger: Logger, stop: () => Promise<void>) {
  let stopping = false;
  const handler = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      logger.error('shutdown took too long; exiting');
      process.exit(1);
    }, 20_000);
    stop().then(
      () => {
        clearTimeout(force);
        process.exit(process.exitCode ?? 0);
      },
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, handler);
}

/** Runs `work` against the database, starting the embedded one only if nothing runs there yet. */
async function withDatabase<T>(
  config: Config,
  work: (db: ReturnType<typeof createDb>) => Promise<T>,
) {
  const logger = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel);
  const engine = await openEngine(config, logger, { reuseRunning: true });
  const db = createDb({ connectionString: engine.url, logger, max: 2 });
  try {
    await migrate(db);
    return await work(db);
  } finally {
    await db.close();
    await engine.stop();
  }
}

async function token(config: Config, args: string[]) {
  const email = parseFlags(args).get('email');
  if (!email || !/^[^\s@]+@[^\s@]+$/.test(email)) {
    throw new ConfigError('Say whose token it is: npm run token -- --email you@example.com');
  }
  const value = await withDatabase(config, async (db) =>
    db.transaction(async (tx) => {
      const { user, created } = await ensureUser(tx, email, { verified: true });
      console.log(created ? `Created user ${user.email}.` : `User ${user.email} exists.`);
      return issueToken(tx, user.id, { label: 'cli' });
    }),
  );
  console.log(`Sign in at the console with this token (shown once):`);
  console.log(value);
}

async function migrateCommand(config: Config) {
  const applied = await withDatabase(config, migrate);
  console.log(applied.length > 0 ? `Applied: ${applied.join(', ')}` : 'Nothing to apply.');
}

main(process.argv.slice(2)).catch((error: unknown) => {
  // Errors the person starting the console can act on: the message says what to do, and a
  // stack trace would only bury it.
  if (error instanceof ConfigError || error instanceof EmbeddedPostgresError) {
    console.error(error.message);
  } else {
    console.error(error);
  }
  process.exit(1);
});
