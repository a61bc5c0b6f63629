import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { inject } from 'vitest';
import { ORG_HEADER } from '../../contract/headers';
import { buildApp, type AppOptions } from '../app';
import { ensureUser, issueToken } from '../auth/users-repository';
import { bootstrap } from '../bootstrap';
import { createDb, databaseUrl, withClient, type Db } from '../db/index';
import { createLogger } from '../logger';
import { createWorkspaceDatabases, templateName } from '../sql/workspace-databases';
import { TEMPLATE_DATABASE } from './global-setup';

export interface TestServer {
  app: FastifyInstance;
  db: Db;
  databaseUrl: string;
  /** The file store's folder, a fresh temporary one unless given. */
  filesDir: string;
  /** Token of the first admin, who owns the "default" organization and workspace. */
  adminToken: string;
  /** A new user with a token (created on first use), who belongs to nothing yet. */
  user(email: string): Promise<{ id: string; token: string }>;
  /**
   * A user (made if need be) added to `org` (default "default") with `role`, by the holder of
   * `by` (default the admin), expecting it to succeed.
   */
  member(
    email: string,
    options: { role: 'admin' | 'writer' | 'viewer'; org?: string; by?: string },
  ): Promise<{ id: string; token: string }>;
  /**
   * One statement in workspace `ws` (default "default") through the query endpoint as the
   * admin, expecting it to succeed; its rows.
   */
  sql(query: string, params?: unknown[], options?: { ws?: string }): Promise<unknown[][]>;
  /**
   * The URL of this database as the workspace's own login role: straight to PostgreSQL, past
   * the statement guard, to show what the role layer holds alone.
   */
  workspaceRoleUrl(workspaceId: string): Promise<string>;
  /** Superuser URL of the workspace's own database (made now if it was not yet), and its name. */
  workspaceDatabase(workspaceId: string): Promise<{ url: string; name: string }>;
  /** Sends a request as the holder of `token`; `org` becomes the org header. */
  call(
    token: string | null,
    method: InjectOptions['method'],
    url: string,
    options?: { body?: unknown; org?: string; headers?: Record<string, string> },
  ): Promise<{ status: number; body: any; headers: Record<string, unknown> }>;
  close(): Promise<void>;
}

/**
 * A server on its own fresh database (a copy of the migrated template), driven by inject.
 * `reach` lets a test put something between the app and Postgres (a proxy it can cut).
 */
export async function createTestServer({
  reach = (url: string) => url,
  filesDir,
  ...appOptions
}: { reach?: (url: string) => string } & Pick<
  AppOptions,
  'sqlLimits' | 'uploadLimitBytes' | 'fileUploadLimitBytes' | 'filesDir' | 'tenantLimits'
> = {}): Promise<TestServer> {
  const adminUrl = inject('adminDatabaseUrl');
  const name = `test_${randomBytes(6).toString('hex')}`;
  await withClient(adminUrl, (client) =>
    client.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DATABASE}`),
  );
  const url = databaseUrl(adminUrl, name);
  const logger = createLogger('silent');
  const setupDb = createDb({ connectionString: url, logger, max: 1 });
  const adminToken = `test-admin-${randomBytes(12).toString('hex')}`;
  await bootstrap(setupDb, { adminEmail: 'admin@example.com', adminToken });
  await setupDb.close();
  const db = createDb({ connectionString: reach(url), logger });
  const ownFilesDir = filesDir
    ? null
    : await fs.mkdtemp(path.join(os.tmpdir(), 'deeplake-console-test-files-'));
  const app = await buildApp({ db, logger, ...appOptions, filesDir: filesDir ?? ownFilesDir! });

  const databases = createWorkspaceDatabases(db, logger);
  async function storageOf(workspaceId: string) {
    const [role] = await db.query<{
      role_name: string;
      password: string;
      database_name: string | null;
    }>(
      `SELECT role_name, password, database_name FROM deeplake_console.workspace_roles
        WHERE workspace_id = $1`,
      [workspaceId],
    );
    if (!role) throw new Error(`workspace ${workspaceId} has no role yet`);
    await databases.ensure({
      workspaceId,
      roleName: role.role_name,
      databaseName: role.database_name,
    });
    return role;
  }

  const server: TestServer = {
    app,
    db,
    databaseUrl: url,
    filesDir: filesDir ?? ownFilesDir!,
    adminToken,
    async workspaceDatabase(workspaceId) {
      const role = await storageOf(workspaceId);
      if (role.database_name === null) throw new Error(`${workspaceId} predates its database`);
      return { url: databaseUrl(url, role.database_name), name: role.database_name };
    },
    async workspaceRoleUrl(workspaceId) {
      const role = await storageOf(workspaceId);
      const roleUrl = new URL(
        role.database_name === null ? url : databaseUrl(url, role.database_name),
      );
      roleUrl.username = role.role_name;
      roleUrl.password = role.password;
      return roleUrl.toString();
    },
    async user(email) {
      const { user } = await ensureUser(db, email);
      return { id: user.id, token: await issueToken(db, user.id) };
    },
    async member(email, { role, org = 'default', by = adminToken }) {
      const user = await server.user(email);
      const added = await server.call(by, 'POST', `/api/organizations/${org}/members`, {
        body: { email, role },
      });
      if (added.status !== 201) {
        throw new Error(`adding ${email} to ${org}: ${added.status} ${JSON.stringify(added.body)}`);
      }
      return user;
    },
    async sql(query, params, { ws = 'default' } = {}) {
      const res = await server.call(adminToken, 'POST', `/api/workspaces/${ws}/tables/query`, {
        body: { query, ...(params ? { params } : {}) },
      });
      if (res.status !== 200)
        throw new Error(`${query}: ${res.status} ${JSON.stringify(res.body)}`);
      return (res.body as { rows: unknown[][] }).rows;
    },
    async call(token, method, url, { body, org, headers = {} } = {}) {
      const response = await app.inject({
        method,
        url,
        headers: {
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(org ? { [ORG_HEADER]: org } : {}),
          ...headers,
        },
        ...(body !== undefined ? { payload: body as InjectOptions['payload'] } : {}),
      });
      const text = response.body;
      let parsed: unknown = text;
      if (String(response.headers['content-type'] ?? '').includes('json') && text !== '') {
        parsed = JSON.parse(text);
      }
      return { status: response.statusCode, body: parsed, headers: response.headers };
    },
    async close() {
      await app.close();
      // Workspace roles and databases belong to the whole Postgres server, not to the dropped
      // database.
      const storage = await db
        .query<{ role_name: string; database_name: string | null }>(
          `SELECT role_name, database_name FROM deeplake_console.workspace_roles
           UNION ALL
           SELECT role_name, database_name FROM deeplake_console.workspace_storage_drops`,
        )
        .catch(() => []);
      const template = await templateName(db);
      await db.close();
      await withClient(adminUrl, async (client) => {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        for (const database of [template, ...storage.map((s) => s.database_name)]) {
          if (database) await client.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
        }
        for (const { role_name } of storage) {
          await client.query(`DROP ROLE IF EXISTS "${role_name}"`);
        }
      });
      if (ownFilesDir) await fs.rm(ownFilesDir, { recursive: true, force: true });
    },
  };
  return server;
}
