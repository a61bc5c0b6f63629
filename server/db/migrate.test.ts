import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createLogger } from '../logger';
import { createDb, databaseUrl, isPostgresError, withClient, type Db } from './index';
import { migrationFiles, runMigrations, type MigrationSet } from './migrate';

/**
 * The runner both databases' migrations go through, on a scratch folder and database: in the
 * caller's transaction (the console's) a failure undoes them all; each in its own (a workspace
 * database's) it undoes only the failing one. Either way a database records what it has.
 */

const adminUrl = () => inject('adminDatabaseUrl');
const name = `migrate_test_${randomBytes(6).toString('hex')}`;
let folder: string;
let db: Db;

beforeAll(async () => {
  folder = await fs.mkdtemp(path.join(os.tmpdir(), 'deeplake-console-migrations-'));
  await withClient(adminUrl(), (client) => client.query(`CREATE DATABASE ${name}`));
  db = createDb({
    connectionString: databaseUrl(adminUrl(), name),
    logger: createLogger('silent'),
  });
});
afterAll(async () => {
  await db.close();
  await withClient(adminUrl(), (client) => client.query(`DROP DATABASE ${name} WITH (FORCE)`));
  await fs.rm(folder, { recursive: true, force: true });
});

async function write(files: Record<string, string>) {
  await fs.rm(folder, { recursive: true, force: true });
  await fs.mkdir(folder);
  for (const [file, sql] of Object.entries(files)) await fs.writeFile(path.join(folder, file), sql);
}

const tables = async () =>
  (
    await db.query<{ name: string }>(
      `SELECT table_name AS name FROM information_schema.tables
        WHERE table_schema = 'public' ORDER BY 1`,
    )
  ).map((row) => row.name);

const acl = async (schema: string) =>
  (
    await db.query<{ acl: string | null }>(
      'SELECT nspacl::text AS acl FROM pg_namespace WHERE nspname = $1',
      [schema],
    )
  )[0]!.acl;

describe('runMigrations', () => {
  it('applies what is pending in name order, each once, and in its own transaction when asked', async () => {
    const set: MigrationSet = { folder, schema: 'tracked_each', closedToPublic: true };
    await write({
      '002_b.sql': 'CREATE TABLE b (a_id int REFERENCES a)',
      '001_a.sql': 'CREATE TABLE a (id int PRIMARY KEY)',
      'notes.txt': 'not a migration',
    });
    const files = await migrationFiles(set);
    expect(files).toEqual(['001_a.sql', '002_b.sql']);
    await withClient(db.connectionString, async (client) => {
      expect(await runMigrations(client, set, { files, transactions: 'each' })).toEqual(files);
      expect(await runMigrations(client, set, { files, transactions: 'each' })).toEqual([]);
    });

    await write({ '003_c.sql': 'CREATE TABLE c ()', '004_d.sql': 'CREATE TABLE d (broken' });
    const failure = await withClient(db.connectionString, (client) =>
      runMigrations(client, set, { files: ['003_c.sql', '004_d.sql'], transactions: 'each' }),
    ).catch((error: unknown) => error);
    expect(isPostgresError(failure) && failure.code).toBe('42601');
    expect(await tables()).toEqual(['a', 'b', 'c']);
    const tracked = await db.query<{ name: string }>(
      'SELECT name FROM tracked_each.schema_migrations ORDER BY name',
    );
    expect(tracked.map((row) => row.name)).toEqual(['001_a.sql', '002_b.sql', '003_c.sql']);
    // REVOKE … FROM PUBLIC leaves an explicit ACL (the owner's alone) where there was none.
    expect(await acl('tracked_each')).toMatch(/^\{[^=,]+=UC\/[^,]+\}$/);
  });

  it('joins the caller’s transaction, whose failure undoes every migration of the run', async () => {
    const set: MigrationSet = { folder, schema: 'tracked_caller', closedToPublic: false };
    await write({ '001_e.sql': 'CREATE TABLE e ()', '002_f.sql': 'CREATE TABLE f (broken' });
    const files = await migrationFiles(set);
    const failure = await db
      .transaction((tx) => runMigrations(tx, set, { files, transactions: 'caller' }))
      .catch((error: unknown) => error);
    expect(isPostgresError(failure) && failure.code).toBe('42601');
    expect(await tables()).not.toContain('e');

    await write({ '001_e.sql': 'CREATE TABLE e ()' });
    const applied = await db.transaction((tx) =>
      runMigrations(tx, set, { files: ['001_e.sql'], transactions: 'caller' }),
    );
    expect(applied).toEqual(['001_e.sql']);
    expect(await tables()).toContain('e');
    expect(await acl('tracked_caller')).toBeNull();
  });
});
