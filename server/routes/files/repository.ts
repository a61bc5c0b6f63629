import type { FileInfo } from '../../../contract/files';
import { cleanFilename } from '../../../contract/filename';
import type { Queryable } from '../../db/index';

// Sizes are bigint in Postgres; up to 2^53 they are exact as JSON numbers.
const COLUMNS = 'f.id, f.filename, f.content_type, f.size::float8 AS size, f.sha256, f.created_at';

/**
 * A row as the API shows it. Names are cleaned as they are stored; cleaning them again as they
 * are read covers rows stored before the rule dropped bidi and zero-width characters.
 */
const shown = (row: FileInfo): FileInfo => ({ ...row, filename: cleanFilename(row.filename) });

export interface NewFile {
  id: string;
  workspaceId: string;
  filename: string;
  contentType: string;
  size: number;
  sha256: string;
}

export async function insertFile(db: Queryable, file: NewFile): Promise<FileInfo> {
  const [row] = await db.query<FileInfo>(
    `INSERT INTO deeplake_console.files AS f
       (id, workspace_id, filename, content_type, size, sha256)
     VALUES ($1, $2, $3, $4, $5, $6)
     RETURNING ${COLUMNS}`,
    [file.id, file.workspaceId, file.filename, file.contentType, file.size, file.sha256],
  );
  return shown(row!);
}

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

/** Deletes the file's row; the caller removes the bytes once this is committed. */
export async function deleteFile(db: Queryable, workspaceId: string, id: string) {
  const rows = await db.query(
    'DELETE FROM deeplake_console.files WHERE workspace_id = $1 AND id = $2 RETURNING id',
    [workspaceId, id],
  );
  return rows.length > 0;
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
