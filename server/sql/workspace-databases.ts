import { createHash } from 'node:crypto';
import type { Logger } from '../logger';
import { settleRoleSettings } from './roles';
import {
  databaseUrl,
  isPostgresError,
  quoteIdent,
  withClient,
  type Db,
  type Queryable,
} from '../db/index';
import { MIGRATION_LOCK, migrationFiles, runMigrations, WORKSPACE_MIGRATIONS } from '../db/migrate';

/**
 * Each workspace has a PostgreSQL database of its own. Catalogs, statistics, advisory locks and
 * large objects are per database, so nothing a workspace's SQL can see or take belongs to
 * another workspace or to the console; what PostgreSQL shares across databases (other
 * databases, roles, sessions, settings) its role is denied by the workspace migrations.
 *
 * New databases are copies of the console's workspace template, which holds Deeplake's SQL
 * (types, operators, search): copying is a file copy, far faster than running that SQL each
 * time. Names are opaque (the workspace's role name), never the workspace id. A database is made
 * after the transaction that records the workspace (CREATE DATABASE cannot run in one), and again
 * on first use if a crash came between; it is dropped after the transaction that deletes the
 * workspace, through a queue that the next start also empties.
 *
 * Workspaces made before this (their workspace_roles row has no database_name) keep their schema
 * in the console's database.
 */

export interface WorkspaceStorage {
  workspaceId: string;
  roleName: string;
  /** Null for a workspace from before per-workspace databases: its schema is in the console's. */
  databaseName: string | null;
}

/**
 * Applies the workspace migrations this database lacks (through the console's runner, each in a
 * transaction of its own), tracked in its own deeplake_internal.schema_migrations. The caller
 * holds the migration lock, in the console's database.
 */
function migrateDatabase(client: Queryable, files: string[]) {
  return runMigrations(client, WORKSPACE_MIGRATIONS, { files, transactions: 'each' });
}

/** The template's name: one per console database, so consoles sharing a server keep apart. */
export async function templateName(db: Queryable) {
  const [row] = await db.query<{ name: string }>('SELECT current_database() AS name');
  return `deeplake_ws_template_${createHash('sha256').update(row!.name).digest('hex').slice(0, 12)}`;
}

async function databaseExists(db: Queryable, name: string) {
  return (await db.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).length > 0;
}

/**
 * Makes the template current, brings every workspace database up to it, and drops what deleted
 * workspaces left. Run at start (under the migration lock) before anything uses a workspace.
 */
async function prepare(db: Db, logger: Logger) {
  const files = await migrationFiles(WORKSPACE_MIGRATIONS);
  const template = await templateName(db);
  await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await closeToWorkspaces(tx, logger);
    await settleRoleSettings(tx);
    if (!(await databaseExists(tx, template))) {
      await withClient(db.connectionString, (admin) =>
        admin.query(`CREATE DATABASE ${quoteIdent(template)}`),
      );
      await tx.query(`REVOKE ALL ON DATABASE ${quoteIdent(template)} FROM PUBLIC`);
    }
    await withClient(databaseUrl(db.connectionString, template), (client) =>
      migrateDatabase(client, files),
    );
    const behind = await tx.query<{ database_name: string }>(
      `SELECT database_name FROM deeplake_console.workspace_roles
        WHERE database_name IS NOT NULL AND database_version BETWEEN 1 AND $1 - 1`,
      [files.length],
    );
    for (const { database_name } of behind) {
      await withClient(databaseUrl(db.connectionString, database_name), (client) =>
        migrateDatabase(client, files),
      );
      await tx.query(
        'UPDATE deeplake_console.workspace_roles SET database_version = $2 WHERE database_name = $1',
        [database_name, files.length],
      );
    }
    if (behind.length > 0) logger.info({ count: behind.length }, 'workspace databases migrated');
  });
  await dropQueuedStorage(db, logger);
  return { template, version: files.length };
}

/**
 * Workspace roles connect to their own database only: not to the console's, except the roles of
 * workspaces from before per-workspace databases, whose schemas are there.
 */
async function closeToWorkspaces(tx: Queryable, logger: Logger) {
  const [{ name } = { name: '' }] = await tx.query<{ name: string }>(
    'SELECT current_database() AS name',
  );
  const database = quoteIdent(name);
  await tx.query('SAVEPOINT close_to_workspaces');
  try {
    await tx.query(`REVOKE CONNECT, TEMPORARY ON DATABASE ${database} FROM PUBLIC`);
    const legacy = await tx.query<{ role_name: string }>(
      `SELECT w.role_name FROM deeplake_console.workspace_roles w
         JOIN pg_roles r ON r.rolname = w.role_name
        WHERE w.database_name IS NULL`,
    );
    for (const { role_name } of legacy) {
      await tx.query(
        `GRANT CONNECT, TEMPORARY ON DATABASE ${database} TO ${quoteIdent(role_name)}`,
      );
    }
  } catch (error) {
    if (!isPostgresError(error) || error.code !== '42501') throw error;
    await tx.query('ROLLBACK TO SAVEPOINT close_to_workspaces');
    logger.warn(
      { database: name },
      'the console does not own its database, so other roles may still connect to it',
    );
  }
}

export interface WorkspaceDatabases {
  /** Brings the template and every workspace database up to date; drops what deletions left. */
  prepare(): Promise<void>;
  /** Makes the workspace's database if it is not there yet (idempotent; once per process). */
  ensure(storage: WorkspaceStorage): Promise<void>;
  /** Drops the databases and roles deleted workspaces left queued. */
  dropQueued(): Promise<void>;
}

export function createWorkspaceDatabases(db: Db, logger: Logger): WorkspaceDatabases {
  let prepared: ReturnType<typeof prepare> | undefined;
  const ready = () => {
    prepared ??= prepare(db, logger).catch((error: unknown) => {
      prepared = undefined;
      throw error;
    });
    return prepared;
  };
  const making = new Map<string, Promise<void>>();
  // One drop at a time: deleting an organization forgets its workspaces all at once.
  let dropping = Promise.resolve();

  async function make({ workspaceId, roleName, databaseName }: WorkspaceStorage) {
    if (databaseName === null) return;
    const { template, version } = await ready();
    const [row] = await db.query<{ database_version: number }>(
      'SELECT database_version FROM deeplake_console.workspace_roles WHERE database_name = $1',
      [databaseName],
    );
    if (!row) throw new Error(`No workspace has the database ${databaseName}`);
    if (row.database_version > 0) return;
    const name = quoteIdent(databaseName);
    await createFromTemplate(db.connectionString, databaseName, template);
    await db.query(`REVOKE ALL ON DATABASE ${name} FROM PUBLIC`);
    await db.query(`GRANT CONNECT, TEMPORARY ON DATABASE ${name} TO ${quoteIdent(roleName)}`);
    await withClient(databaseUrl(db.connectionString, databaseName), async (client) => {
      const schema = quoteIdent(workspaceId);
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
      await client.query(`GRANT USAGE, CREATE ON SCHEMA ${schema} TO ${quoteIdent(roleName)}`);
    });
    await db.query(
      'UPDATE deeplake_console.workspace_roles SET database_version = $2 WHERE database_name = $1',
      [databaseName, version],
    );
  }

  return {
    async prepare() {
      await ready();
    },
    ensure(storage) {
      const key = storage.databaseName ?? '';
      const pending = making.get(key);
      if (pending) return pending;
      const made = make(storage).finally(() => making.delete(key));
      making.set(key, made);
      return made;
    },
    dropQueued() {
      dropping = dropping.then(() => dropQueuedStorage(db, logger));
      return dropping;
    },
  };
}

/**
 * CREATE DATABASE … TEMPLATE fails while anyone is connected to the template; another server
 * migrating it at its start is the only one who ever is, for a moment, so try again shortly.
 */
async function createFromTemplate(connectionString: string, database: string, template: string) {
  for (let attempt = 0; ; attempt++) {
    try {
      await withClient(connectionString, (admin) =>
        admin.query(`CREATE DATABASE ${quoteIdent(database)} TEMPLATE ${quoteIdent(template)}`),
      );
      return;
    } catch (error) {
      // 42P04: made already, by a request that failed after it or by another server.
      if (isPostgresError(error) && error.code === '42P04') return;
      if (isPostgresError(error) && error.code === '55006' && attempt < 20) {
        await new Promise((resolve) => setTimeout(resolve, 100 * (attempt + 1)));
        continue;
      }
      throw error;
    }
  }
}

/** Drops what deleted workspaces left queued: their databases, then their roles. */
async function dropQueuedStorage(db: Db, logger: Logger) {
  const queued = await db.query<{ id: string; database_name: string | null; role_name: string }>(
    'SELECT id::text, database_name, role_name FROM deeplake_console.workspace_storage_drops',
  );
  for (const { id, database_name, role_name } of queued) {
    try {
      await withClient(db.connectionString, async (admin) => {
        if (database_name) {
          await admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(database_name)} WITH (FORCE)`);
        }
        await admin.query(`DROP ROLE IF EXISTS ${quoteIdent(role_name)}`);
      });
      await db.query('DELETE FROM deeplake_console.workspace_storage_drops WHERE id = $1', [id]);
    } catch (error) {
      // Left queued: the next deletion or start tries again.
      logger.warn({ err: error, database: database_name }, 'could not drop a workspace database');
    }
  }
}
