import type { MyOrganization, Organization } from '../../../contract/organizations';
import { isPostgresError, type Queryable } from '../../db/index';
import { conflict } from '../../errors';
import { dropWorkspaceStorage } from '../../sql/roles';
import { deleteWorkspaceFiles } from '../files/repository';

/** In the hosted service's order; the list adds the caller's role after them. */
const COLUMNS = `o.id, o.name, o.creator::text AS creator, o.created_at`;

export async function listOrganizationsOf(db: Queryable, userId: string) {
  return db.query<MyOrganization>(
    `SELECT ${COLUMNS}, m.role
       FROM deeplake_console.memberships m
       JOIN deeplake_console.organizations o ON o.id = m.org_id
      WHERE m.user_id = $1
      ORDER BY m.joined_at, o.id`,
    [userId],
  );
}

export async function getOrganization(db: Queryable, orgId: string) {
  const [org] = await db.query<Organization>(
    `SELECT ${COLUMNS} FROM deeplake_console.organizations o WHERE o.id = $1`,
    [orgId],
  );
  return org ?? null;
}

/** Creates the organization with its creator as admin. Run inside a transaction. */
export async function createOrganization(
  tx: Queryable,
  { id, name, adminUserId }: { id: string; name: string; adminUserId: string },
): Promise<Organization> {
  let org: Organization | undefined;
  try {
    [org] = await tx.query<Organization>(
      `INSERT INTO deeplake_console.organizations AS o (id, name, creator) VALUES ($1, $2, $3)
       RETURNING ${COLUMNS}`,
      [id, name, adminUserId],
    );
  } catch (error) {
    if (isPostgresError(error) && error.code === '23505') {
      throw conflict(`An organization with id "${id}" already exists`);
    }
    throw error;
  }
  await tx.query(
    `INSERT INTO deeplake_console.memberships (org_id, user_id, role) VALUES ($1, $2, 'admin')`,
    [id, adminUserId],
  );
  return org!;
}

export async function renameOrganization(db: Queryable, orgId: string, name: string) {
  const [org] = await db.query<Organization>(
    `UPDATE deeplake_console.organizations o SET name = $2 WHERE o.id = $1 RETURNING ${COLUMNS}`,
    [orgId, name],
  );
  return org ?? null;
}

/**
 * Deletes the organization with its workspaces' schemas and files' rows. Run inside a
 * transaction; the caller removes the files' bytes once it commits.
 */
export async function deleteOrganization(tx: Queryable, orgId: string) {
  const workspaces = await tx.query<{ id: string }>(
    'SELECT id FROM deeplake_console.workspaces WHERE org_id = $1 FOR UPDATE',
    [orgId],
  );
  const roles: string[] = [];
  const files: { workspaceId: string; fileIds: string[] }[] = [];
  for (const { id } of workspaces) {
    roles.push(...(await dropWorkspaceStorage(tx, id)));
    files.push({ workspaceId: id, fileIds: await deleteWorkspaceFiles(tx, id) });
  }
  await tx.query('DELETE FROM deeplake_console.organizations WHERE id = $1', [orgId]);
  return { workspaceIds: workspaces.map((workspace) => workspace.id), roles, files };
}
