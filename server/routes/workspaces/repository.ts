import type { Workspace } from '../../../contract/workspaces';
import { isPostgresError, type Queryable } from '../../db/index';
import { conflict } from '../../errors';
import { dropWorkspaceStorage, provisionWorkspaceRole } from '../../sql/roles';
import { deleteWorkspaceFiles } from '../files/repository';

const COLUMNS = 'w.id, w.org_id, w.name, w.type, w.created_at';

export async function listWorkspaces(db: Queryable, orgId: string) {
  return db.query<Workspace>(
    `SELECT ${COLUMNS} FROM deeplake_console.workspaces w
      WHERE w.org_id = $1 ORDER BY w.created_at, w.id`,
    [orgId],
  );
}

export async function getWorkspace(db: Queryable, workspaceId: string) {
  const [workspace] = await db.query<Workspace>(
    `SELECT ${COLUMNS} FROM deeplake_console.workspaces w WHERE w.id = $1`,
    [workspaceId],
  );
  return workspace ?? null;
}

/**
 * Records the workspace and its role. Run inside a transaction; its database is made once that
 * commits (WorkspaceSandbox.prepare), or on first use.
 */
export async function createWorkspace(
  tx: Queryable,
  { id, name, orgId }: { id: string; name: string; orgId: string },
): Promise<Workspace> {
  const taken = () =>
    conflict(`The workspace id "${id}" is already taken on this server: choose another id`);
  let workspace: Workspace | undefined;
  try {
    [workspace] = await tx.query<Workspace>(
      `INSERT INTO deeplake_console.workspaces AS w (id, org_id, name) VALUES ($1, $2, $3)
       RETURNING ${COLUMNS}`,
      [id, orgId, name],
    );
    await provisionWorkspaceRole(tx, id, { ownDatabase: true });
  } catch (error) {
    if (isPostgresError(error) && error.code === '23505') throw taken();
    throw error;
  }
  return workspace!;
}

export async function renameWorkspace(db: Queryable, workspaceId: string, name: string) {
  const [workspace] = await db.query<Workspace>(
    `UPDATE deeplake_console.workspaces w SET name = $2 WHERE w.id = $1 RETURNING ${COLUMNS}`,
    [workspaceId, name],
  );
  return workspace ?? null;
}

/**
 * Removes the workspace with all its tables, its SQL role and its files' rows. Run inside a
 * transaction; returns the dropped roles, whose open sessions the caller ends once it commits,
 * and the files' ids, whose bytes the caller removes once it commits (before, a rollback would
 * leave listed files without bytes).
 */
export async function deleteWorkspace(tx: Queryable, workspaceId: string) {
  // An upload finishing meanwhile waits on this lock and then fails its insert, rather than
  // adding a row the cascade would drop without its bytes being removed.
  await tx.query('SELECT 1 FROM deeplake_console.workspaces WHERE id = $1 FOR UPDATE', [
    workspaceId,
  ]);
  const roles = await dropWorkspaceStorage(tx, workspaceId);
  const fileIds = await deleteWorkspaceFiles(tx, workspaceId);
  await tx.query('DELETE FROM deeplake_console.workspaces WHERE id = $1', [workspaceId]);
  return { roles, fileIds };
}
