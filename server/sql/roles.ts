import { randomBytes } from 'node:crypto';
import { quoteIdent, quoteLiteral, type Db, type Queryable } from '../db/index';

/**
 * A workspace's SQL runs as its own login role: it may use and create in its schema and
 * nothing else. It is made with the workspace, and lazily for workspaces made before roles
 * existed. Role names are random (not derived from the workspace id) because roles are shared
 * by every database of a PostgreSQL server while workspace ids are only unique per database.
 */

export interface WorkspaceRole {
  role_name: string;
  password: string;
}

/** Postgres settings a role keeps whatever its sessions do. */
const ROLE_SETTINGS = {
  // A sort or hash that spills past this fails instead of filling the disk.
  temp_file_limit: '1GB',
};

/** Creates the workspace's role and grants it its schema. Run inside the creating transaction. */
export async function provisionWorkspaceRole(
  tx: Queryable,
  workspaceId: string,
): Promise<WorkspaceRole> {
  const role: WorkspaceRole = {
    role_name: `deeplake_ws_${randomBytes(8).toString('hex')}`,
    password: randomBytes(24).toString('base64url'),
  };
  const name = quoteIdent(role.role_name);
  const schema = quoteIdent(workspaceId);
  // CREATE ROLE takes no bind parameters; the password is our own base64url text.
  await tx.query(
    `CREATE ROLE ${name} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT NOREPLICATION
       NOBYPASSRLS CONNECTION LIMIT 16 PASSWORD ${quoteLiteral(role.password)}`,
  );
  for (const [setting, value] of Object.entries(ROLE_SETTINGS)) {
    await tx.query(`ALTER ROLE ${name} SET ${setting} = ${quoteLiteral(value)}`);
  }
  await tx.query(`ALTER ROLE ${name} SET search_path = ${schema}, public`);
  await tx.query(`GRANT USAGE, CREATE ON SCHEMA ${schema} TO ${name}`);
  await tx.query(
    `INSERT INTO deeplake_console.workspace_roles (workspace_id, role_name, password)
     VALUES ($1, $2, $3)`,
    [workspaceId, role.role_name, role.password],
  );
  return role;
}

/**
 * The workspace's role, made now if the workspace predates roles. Null when the workspace does
 * not exist. The row lock makes two servers asking at once agree on one role.
 */
export async function workspaceRole(db: Db, workspaceId: string): Promise<WorkspaceRole | null> {
  const [known] = await db.query<WorkspaceRole>(
    'SELECT role_name, password FROM deeplake_console.workspace_roles WHERE workspace_id = $1',
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
      'SELECT role_name, password FROM deeplake_console.workspace_roles WHERE workspace_id = $1',
      [workspaceId],
    );
    return raced ?? provisionWorkspaceRole(tx, workspaceId);
  });
}

/**
 * Drops the workspace's schema and role. Run inside the deleting transaction, before the
 * workspace row goes (its role row goes with it).
 */
export async function dropWorkspaceStorage(tx: Queryable, workspaceId: string) {
  const roles = await tx.query<{ role_name: string }>(
    'SELECT role_name FROM deeplake_console.workspace_roles WHERE workspace_id = $1',
    [workspaceId],
  );
  await tx.query(`DROP SCHEMA IF EXISTS ${quoteIdent(workspaceId)} CASCADE`);
  for (const { role_name } of roles) {
    // Anything the role still owns or was granted elsewhere in this database goes with it.
    await tx.query(`DROP OWNED BY ${quoteIdent(role_name)} CASCADE`);
    await tx.query(`DROP ROLE IF EXISTS ${quoteIdent(role_name)}`);
  }
  return roles.map((role) => role.role_name);
}
