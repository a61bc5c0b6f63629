import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { createDb, databaseUrl, withClient } from '../db/index';
import { startEmbeddedPostgres } from '../db/embedded';
import { migrate } from '../db/migrate';
import { createLogger } from '../logger';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Superuser URL of the test cluster's `postgres` database. */
    adminDatabaseUrl: string;
  }
}

export const TEMPLATE_DATABASE = 'console_template';

/**
 * Server tests run against a real PostgreSQL: TEST_DATABASE_URL when set, else an embedded one
 * in a temporary directory. The console schema is migrated once into a template database that
 * every test file copies, so files stay isolated and can run in parallel.
 */
export default async function setup(project: TestProject) {
  const logger = createLogger('warn');
  let stop = async () => {};
  let adminUrl = process.env.TEST_DATABASE_URL;
  let dataDir: string | undefined;
  if (!adminUrl) {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'deeplake-console-test-'));
    const engine = await startEmbeddedPostgres(dataDir, logger);
    adminUrl = engine.url;
    stop = engine.stop;
  }
  await withClient(adminUrl, async (client) => {
    await client.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DATABASE}`);
    await client.query(`CREATE DATABASE ${TEMPLATE_DATABASE}`);
  });
  const db = createDb({
    connectionString: databaseUrl(adminUrl, TEMPLATE_DATABASE),
    logger,
    max: 1,
  });
  await migrate(db);
  await db.close();
  project.provide('adminDatabaseUrl', adminUrl);

  return async () => {
    await stop();
    if (dataDir) await fs.rm(dataDir, { recursive: true, force: true });
  };
}
