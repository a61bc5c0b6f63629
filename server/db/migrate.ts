import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Db, Queryable } from './index';

/**
 * The one migration runner, for the console's database (`migrations/`) and for every workspace's
 * own database (`workspace-migrations/`, run by server/sql/workspace-databases.ts). Migrations are
 * `NNN_name.sql` files applied in name order; each database records the ones it has, by file
 * name, in `<schema>.schema_migrations`.
 */

const HERE = path.dirname(fileURLToPath(import.meta.url));

/**
 * Held (as a transaction's advisory lock, in the console's database) while any database's schema
 * changes, so several servers starting on one database do not race. Any constant works: it only
 * has to be the same for every copy of the server.
 */
export const MIGRATION_LOCK = 7_411_202_611;

export interface MigrationSet {
  /** The folder of `NNN_name.sql` files. */
  folder: string;
  /** The schema of the tracking table, `<schema>.schema_migrations`; made when missing. */
  schema: string;
  /** Whether that schema is closed to PUBLIC (where a workspace's role also works). */
  closedToPublic: boolean;
}

/** The console's own schema, in its database. */
export const CONSOLE_MIGRATIONS: MigrationSet = {
  folder: path.join(HERE, 'migrations'),
  schema: 'deeplake_console',
  closedToPublic: false,
};

/** Each workspace database's (and its template's): Deeplake's SQL, the revocations. */
export const WORKSPACE_MIGRATIONS: MigrationSet = {
  folder: path.join(HERE, 'workspace-migrations'),
  schema: 'deeplake_internal',
  closedToPublic: true,
};

/** The set's migration files, in the order they apply. */
export async function migrationFiles(set: MigrationSet): Promise<string[]> {
  return (await fs.readdir(set.folder)).filter((file) => file.endsWith('.sql')).sort();
}

export interface RunOptions {
  /** The set's files (from `migrationFiles`), read once for several databases. */
  files: string[];
  /**
   * `caller`: `client` is in a transaction of the caller's, which all of them join. `each`:
   * `client` is a plain connection; each migration and its tracking row commit on their own,
   * and a failing one is rolled back before its error is thrown.
   */
  transactions: 'caller' | 'each';
}

/** Applies the migrations of `files` that `client`'s database lacks; returns their names. */
export async function runMigrations(
  client: Queryable,
  set: MigrationSet,
  { files, transactions }: RunOptions,
): Promise<string[]> {
  const table = `${set.schema}.schema_migrations`;
  await client.query(`CREATE SCHEMA IF NOT EXISTS ${set.schema}`);
  if (set.closedToPublic) await client.query(`REVOKE ALL ON SCHEMA ${set.schema} FROM PUBLIC`);
  await client.query(
    `CREATE TABLE IF NOT EXISTS ${table} (
       name text PRIMARY KEY,
       applied_at timestamptz NOT NULL DEFAULT now()
     )`,
  );
  const done = new Set(
    (await client.query<{ name: string }>(`SELECT name FROM ${table}`)).map((row) => row.name),
  );
  const applied: string[] = [];
  for (const file of files) {
    if (done.has(file)) continue;
    const apply = async () => {
      await client.query(await fs.readFile(path.join(set.folder, file), 'utf8'));
      await client.query(`INSERT INTO ${table} (name) VALUES ($1)`, [file]);
    };
    if (transactions === 'each') await inTransaction(client, apply);
    else await apply();
    applied.push(file);
  }
  return applied;
}

async function inTransaction(client: Queryable, work: () => Promise<void>) {
  await client.query('BEGIN');
  try {
    await work();
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  }
}

/**
 * Applies the console's pending migrations, all in one transaction under the migration lock;
 * returns the names of those applied.
 */
export async function migrate(db: Db): Promise<string[]> {
  const files = await migrationFiles(CONSOLE_MIGRATIONS);
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    return runMigrations(tx, CONSOLE_MIGRATIONS, { files, transactions: 'caller' });
  });
}
