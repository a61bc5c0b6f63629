import { randomBytes } from 'node:crypto';
import { quoteIdent, quoteLiteral, type Db, type Queryable } from '../db/index';

/**
 * A workspace's SQL runs as its own login role, in its own database (./workspace-databases.ts):
 * it may use and create in its schema there and nothing else. The role is made with the
 * workspace, and lazily for workspaces made before roles existed. Role names are random (not
 * derived from the workspace id) because roles are shared by every database of a PostgreSQL
 * server, and every one of them can list them; the workspace's database takes the same name.
 */

export interface WorkspaceRole {
  role_name: string;
  password: string;
  /** Null for a workspace from before per-workspace databases: its schema is in the console's. */
  database_name: string | null;
}

/** Postgres settings a role keeps whatever its sessions do (only a superuser may change them). */
const ROLE_SETTINGS = {
  // A sort or hash that spills past this fails instead of filling the disk.
  temp_file_limit: '1GB',
  // A workspace's errors are told to it, not written to the server's log: an error message can
  // quote a value of hundreds of megabytes, and the statement text is the workspace's own.
  log_min_messages: 'fatal',
  log_min_error_statement: 'panic',
};

/** Gives the role ROLE_SETTINGS: when it is made. */
async function applyRoleSettings(tx: Queryable, roleName: string) {
  for (const [setting, value] of Object.entries(ROLE_SETTINGS)) {
    await tx.query(`ALTER ROLE ${quoteIdent(roleName)} SET ${setting} = ${quoteLiteral(value)}`);
  }
}

/** Creates the workspace's role and names its database. Run inside the creating transaction. */
export async function provisionWorkspaceRole(
  tx: Queryable,
  workspaceId: string,
  { ownDatabase }: { ownDatabase: boolean },
): Promise<WorkspaceRole> {
  const roleName = `deeplake_ws_${randomBytes(8).toString('hex')}`;
  const role: WorkspaceRole = {
    role_name: roleName,
    password: randomBytes(24).toString('base64url'),
    database_name: ownDatabase ? roleName : null,
  };
  const name = quoteIdent(role.role_name);
  // CREATE ROLE takes no bind parameters; the password is our own base64url text.
  await tx.query(
    `CREATE ROLE ${name} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT NOREPLICATION
       NOBYPASSRLS CONNECTION LIMIT 16 PASSWORD ${quoteLiteral(role.password)}`,
  );
  await applyRoleSettings(tx, role.role_name);
  if (!ownDatabase) {
    // A workspace from before per-workspace databases: its schema is in the console's.
    const schema = quoteIdent(workspaceId);
    const [{ database } = { database: '' }] = await tx.query<{ database: string }>(
      'SELECT current_database() AS database',
    );
    await tx.query(`GRANT CONNECT, TEMPORARY ON DATABASE ${quoteIdent(database)} TO ${name}`);
    await tx.query(`ALTER ROLE ${name} SET search_path = ${schema}, public`);
    await tx.query(`GRANT USAGE, CREATE ON SCHEMA ${schema} TO ${name}`);
  }
  // Otherwise its schema comes with its database, made once this transaction commits.
  await tx.query(
    `INSERT INTO deeplake_console.workspace_roles (workspace_id, role_name, password, database_name)
     VALUES ($1, $2, $3, $4)`,
    [workspaceId, role.role_name, role.password, role.database_name],
  );
  return role;
}

const ROLE_COLUMNS = 'role_name, password, database_name';

/**
 * The workspace's role, made now if the workspace predates roles. Null when the workspace does
 * not exist. The row lock makes two servers asking at once agree on one role.
 */
export async function workspaceRole(db: Db, workspaceId: string): Promise<WorkspaceRole | null> {
  const [known] = await db.query<WorkspaceRole>(
    `SELECT ${ROLE_COLUMNS} FROM deeplake_console.workspace_roles WHERE workspace_id = $1`,
    [workspaceId],
  );
  if (known) return known;
  return db.transaction(async (tx) => {
    const [workspace] = await tx.query(
      'SELECT id FROM deeplake_console.workspaces WHERE id = $1 FOR UPDATE',
      [workspaceId],
    );
    if (!workspace) return null;
    const [raced] = await tx.query<WorkspaceRole>(
      `SELECT ${ROLE_COLUMNS} FROM deeplake_console.workspace_roles WHERE workspace_id = $1`,
      [workspaceId],
    );
    // Only a workspace from before roles has none; its schema is in the console's database.
    return raced ?? provisionWorkspaceRole(tx, workspaceId, { ownDatabase: false });
  });
}

/**
 * Removes the workspace's storage. Its own database and role are queued for dropping once the
 * deleting transaction commits (WorkspaceDatabases.dropQueued); a workspace from before
 * per-workspace databases has its schema and role dropped here. Run inside the deleting
 * transaction, before the workspace row goes (its role row goes with it). Returns the roles,
 * whose sessions the caller ends.
 */
export async function dropWorkspaceStorage(tx: Queryable, workspaceId: string) {
  const roles = await tx.query<{ role_name: string; database_name: string | null }>(
    'SELECT role_name, database_name FROM deeplake_console.workspace_roles WHERE workspace_id = $1',
    [workspaceId],
  );
  const legacy = roles.length === 0 || roles.some((role) => role.database_name === null);
  if (legacy) await tx.query(`DROP SCHEMA IF EXISTS ${quoteIdent(workspaceId)} CASCADE`);
  for (const { role_name, database_name } of roles) {
    if (database_name === null) {
      // Anything the role still owns or was granted elsewhere in this database goes with it.
      await tx.query(`DROP OWNED BY ${quoteIdent(role_name)} CASCADE`);
      await tx.query(`DROP ROLE IF EXISTS ${quoteIdent(role_name)}`);
    } else {
      await tx.query(
        `INSERT INTO deeplake_console.workspace_storage_drops (database_name, role_name)
         VALUES ($1, $2)`,
        [database_name, role_name],
      );
    }
  }
  return roles.map((role) => role.role_name);
}

/** Gives ROLE_SETTINGS to the workspace roles that lack them (made before a setting was added). */
export async function settleRoleSettings(tx: Queryable) {
  const wanted = Object.entries(ROLE_SETTINGS).map(([setting, value]) => `${setting}=${value}`);
  const stale = await tx.query<{ role_name: string }>(
    `SELECT w.role_name FROM deeplake_console.workspace_roles w
       JOIN pg_roles r ON r.rolname = w.role_name
       LEFT JOIN pg_db_role_setting s ON s.setrole = r.oid AND s.setdatabase = 0
      WHERE NOT coalesce(s.setconfig, '{}') @> $1::text[]`,
    [wanted],
  );
  for (const { role_name } of stale) await applyRoleSettings(tx, role_name);
}
