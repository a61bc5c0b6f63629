import type { FileInfo } from '../../../contract/files';
import { cleanFilename } from '../../../contract/filename';
import type { Queryable } from '../../db/index';
import { ROOT } from '../../files/paths';

// Sizes are bigint in Postgres; up to 2^53 they are exact as JSON numbers.
export const COLUMNS =
  'f.id, f.filename, f.path, f.content_type, f.size::float8 AS size, f.sha256, f.created_at';

/**
 * A row as the API shows it. Names are cleaned as they are stored; cleaning them again as they
 * are read covers rows stored before the rule dropped bidi and zero-width characters.
 */
export const shown = (row: FileInfo): FileInfo => ({
  ...row,
  filename: cleanFilename(row.filename),
});

export async function getFile(db: Queryable, workspaceId: string, id: string) {
  const [row] = await db.query<FileInfo>(
    `SELECT ${COLUMNS} FROM deeplake_console.files f WHERE f.workspace_id = $1 AND f.id = $2`,
    [workspaceId, id],
  );
  return row ? shown(row) : null;
}

const likeEscape = (text: string) => text.replace(/[\\%_]/g, (char) => `\\${char}`);

export interface FileFilter {
  /** Content types starting with this, e.g. `image/`. */
  contentType?: string;
  /** File names containing this, ignoring case. */
  q?: string;
  /** A folder (a checked path, server/files/paths.ts): the files anywhere under it. */
  folder?: string;
  /** A folder (a checked path): only the files directly in it, none of its folders' files. */
  directlyIn?: string;
}

/** A page of the workspace's files, newest first, with the number of all that match. */
export async function listFiles(
  db: Queryable,
  workspaceId: string,
  { limit, offset, filter }: { limit: number; offset: number; filter: FileFilter },
) {
  const conditions = ['f.workspace_id = $1'];
  const params: unknown[] = [workspaceId];
  if (filter.contentType) {
    params.push(`${likeEscape(filter.contentType.toLowerCase())}%`);
    conditions.push(`f.content_type LIKE $${params.length}`);
  }
  if (filter.q) {
    params.push(`%${likeEscape(filter.q)}%`);
    conditions.push(`f.filename ILIKE $${params.length}`);
  }
  if (filter.folder !== undefined && filter.folder !== ROOT) {
    // Paths compare byte-wise: what is under `folder/` sorts from `folder/` to `folder0`.
    params.push(filter.folder);
    conditions.push(
      `f.path > $${params.length}::text || '/' AND f.path < $${params.length}::text || '0'`,
    );
  }
  if (filter.directlyIn !== undefined) {
    // Under `folder/` (as above) with no `/` after it.
    params.push(filter.directlyIn);
    const at = `$${params.length}::text`;
    conditions.push(
      `f.path > ${at} || '/' AND f.path < ${at} || '0'` +
        ` AND strpos(substr(f.path, length(${at}) + 2), '/') = 0`,
    );
  }
  const where = conditions.join(' AND ');
  const [count] = await db.query<{ total: number }>(
    `SELECT count(*)::float8 AS total FROM deeplake_console.files f WHERE ${where}`,
    params,
  );
  const files = await db.query<FileInfo>(
    `SELECT ${COLUMNS} FROM deeplake_console.files f WHERE ${where}
      ORDER BY f.created_at DESC, f.id DESC
      LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
    [...params, limit, offset],
  );
  return { files: files.map(shown), total: count!.total };
}

/**
 * Deletes a file's row, named by its id or its path, and returns it (null when there is none);
 * the caller removes the bytes once this is committed (`removeFile` does both).
 */
export async function deleteFile(
  db: Queryable,
  workspaceId: string,
  which: { id: string } | { path: string },
) {
  const [row] = await db.query<FileInfo>(
    `DELETE FROM deeplake_console.files f
      WHERE f.workspace_id = $1 AND ${'id' in which ? 'f.id = $2' : 'f.path = $2'}
      RETURNING ${COLUMNS}`,
    [workspaceId, 'id' in which ? which.id : which.path],
  );
  return row ? shown(row) : null;
}

/**
 * Deletes the rows of a workspace's files, in the transaction that deletes the workspace, and
 * returns their ids so the bytes can be removed once it commits.
 */
export async function deleteWorkspaceFiles(tx: Queryable, workspaceId: string) {
  const rows = await tx.query<{ id: string }>(
    'DELETE FROM deeplake_console.files WHERE workspace_id = $1 RETURNING id',
    [workspaceId],
  );
  return rows.map((row) => row.id);
}

/** Which of these ids have rows in the workspace (for the store's sweep of orphaned bytes). */
export async function existingFileIds(db: Queryable, workspaceId: string, ids: string[]) {
  const rows = await db.query<{ id: string }>(
    'SELECT id FROM deeplake_console.files WHERE workspace_id = $1 AND id = ANY($2::uuid[])',
    [workspaceId, ids],
  );
  return new Set(rows.map((row) => row.id));
}
