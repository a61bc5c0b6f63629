import type { FileInfo } from '../../../contract/files';
import { isPostgresError, type Db, type Queryable } from '../../db/index';
import { badRequest, conflict } from '../../errors';
import {
  baseName,
  folderAndAbove,
  numberedName,
  parentOf,
  pathProblem,
  ROOT,
} from '../../files/paths';
import { COLUMNS, shown } from './repository';

/**
 * The drive of a workspace in the console's database: the paths files get, the folders kept
 * for themselves (`file_folders`), listing a folder, and matching paths to a regular expression.
 * Whatever gives out or takes away a path runs under the workspace's drive lock, so two uploads
 * of one name, or an upload into a folder being deleted, cannot race.
 */

/** Runs `work` in a transaction that holds the workspace's drive lock. */
export async function underDriveLock<T>(
  db: Db,
  workspaceId: string,
  work: (tx: Queryable) => Promise<T>,
) {
  return db.transaction(async (tx) => {
    await lockDrive(tx, workspaceId);
    return work(tx);
  });
}

/** Takes the workspace's drive lock until the end of the transaction `tx` is in. */
async function lockDrive(tx: Queryable, workspaceId: string) {
  await tx.query(
    `SELECT pg_advisory_xact_lock(hashtextextended('deeplake_console.drive:' || $1, 0))`,
    [workspaceId],
  );
}

/** A folder, as the engine's listing shows it. */
export interface FolderInfo {
  path: string;
  name: string;
}

const folderInfo = (path: string): FolderInfo => ({ path, name: baseName(path) });

/** The first of `paths` that is a file, or null. */
export async function fileAmong(db: Queryable, workspaceId: string, paths: readonly string[]) {
  if (paths.length === 0) return null;
  const [file] = await db.query<{ path: string }>(
    `SELECT path FROM deeplake_console.files
      WHERE workspace_id = $1 AND path = ANY($2::text[]) ORDER BY path LIMIT 1`,
    [workspaceId, paths],
  );
  return file?.path ?? null;
}

/**
 * Refuses (409) a folder to upload into when it, or one above it, is a file: checked before the
 * upload is read, as inserting the file would refuse it after.
 */
export async function assertFolderPossible(
  db: Queryable,
  workspaceId: string,
  folder: string,
  parameter: string,
) {
  const file = await fileAmong(db, workspaceId, folderAndAbove(folder));
  if (file) throw conflict(`${parameter}: ${file} is a file, so it cannot be a folder`);
}

/**
 * Makes the folders exist for themselves. A file at one of those paths is a 409: a path is a
 * file or a folder, never both.
 */
export async function makeFolders(tx: Queryable, workspaceId: string, folders: readonly string[]) {
  if (folders.length === 0) return;
  const file = await fileAmong(tx, workspaceId, folders);
  if (file) throw conflict(`${file} is a file, so it cannot be a folder`);
  await tx.query(
    `INSERT INTO deeplake_console.file_folders (workspace_id, path)
     SELECT $1, folder FROM unnest($2::text[]) AS folder
     ON CONFLICT DO NOTHING`,
    [workspaceId, folders],
  );
}

/** How many numbered names `freePath` asks about at a time. */
const CANDIDATES_AT_ONCE = 50;

/**
 * The first free path for `name` in `folder`: `name`, then `name (2)`, `name (3)`… A path is
 * taken by a file, by a folder kept for itself, or by a folder that has files under it. Each
 * candidate is a few index probes, whatever else the folder holds.
 */
export async function freePath(tx: Queryable, workspaceId: string, folder: string, name: string) {
  for (let first = 1; ; first += CANDIDATES_AT_ONCE) {
    const candidates = Array.from(
      { length: CANDIDATES_AT_ONCE },
      (_, i) => `${folder}/${numberedName(name, first + i)}`,
    );
    const rows = await tx.query<{ path: string }>(
      `SELECT c.path FROM unnest($2::text[]) AS c (path)
        WHERE EXISTS (SELECT 1 FROM deeplake_console.files f
                       WHERE f.workspace_id = $1 AND f.path = c.path)
           OR EXISTS (SELECT 1 FROM deeplake_console.file_folders d
                       WHERE d.workspace_id = $1 AND d.path = c.path)
           OR EXISTS (SELECT 1 FROM deeplake_console.files f
                       WHERE f.workspace_id = $1
                         AND f.path > c.path || '/' AND f.path < c.path || '0')`,
      [workspaceId, candidates],
    );
    const taken = new Set(rows.map((row) => row.path));
    const free = candidates.find((candidate) => !taken.has(candidate));
    if (free !== undefined) return free;
  }
}

export interface NewFile {
  id: string;
  workspaceId: string;
  /** The file's name as kept (cleaned, contract/filename.ts). */
  filename: string;
  /** The path segment it asks for (paths.ts nameSegment), numbered if taken. */
  name: string;
  /** The folder it goes in, a checked path; made, with those above it, when missing. */
  folder: string;
  contentType: string;
  size: number;
  sha256: string;
}

/** Writes a stored file's row at the first free path for its name in its folder. */
export async function insertFile(db: Db, file: NewFile): Promise<FileInfo> {
  return db.transaction((tx) => insertFileIn(tx, file));
}

/**
 * `insertFile` in the caller's transaction (which then holds the drive lock to its end), for a
 * file whose row commits together with other work.
 */
export async function insertFileIn(tx: Queryable, file: NewFile): Promise<FileInfo> {
  await lockDrive(tx, file.workspaceId);
  await makeFolders(tx, file.workspaceId, folderAndAbove(file.folder));
  const path = await freePath(tx, file.workspaceId, file.folder, file.name);
  const problem = pathProblem(path);
  if (problem) throw badRequest(`The file's path ${path} ${problem}`);
  const [row] = await tx.query<FileInfo>(
    `INSERT INTO deeplake_console.files AS f
       (id, workspace_id, filename, path, content_type, size, sha256)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     RETURNING ${COLUMNS}`,
    [file.id, file.workspaceId, file.filename, path, file.contentType, file.size, file.sha256],
  );
  return shown(row!);
}

/** Whether `path` is a folder: `drive`, one kept for itself, or one with a file under it. */
export async function isFolder(db: Queryable, workspaceId: string, path: string) {
  if (path === ROOT) return true;
  const [row] = await db.query(
    `SELECT 1 FROM deeplake_console.file_folders WHERE workspace_id = $1 AND path = $2
     UNION ALL
     (SELECT 1 FROM deeplake_console.files
       WHERE workspace_id = $1 AND path > $2::text || '/' AND path < $2::text || '0' LIMIT 1)`,
    [workspaceId, path],
  );
  return row !== undefined;
}

/** What a folder holds directly, each list sorted by path and cut at `cap` entries. */
export interface FolderContents {
  folders: FolderInfo[];
  files: FileInfo[];
  /** Whether either list was cut at the cap. */
  truncated: boolean;
}

/** The folders and files directly in `folder` (a checked path). */
export async function listFolder(
  db: Queryable,
  workspaceId: string,
  folder: string,
  cap: number,
): Promise<FolderContents> {
  // Paths compare byte-wise: everything under the folder sorts from `folder/` to `folder0`,
  // and what is directly in it has no `/` after that.
  const files = await db.query<FileInfo>(
    `SELECT ${COLUMNS} FROM deeplake_console.files f
      WHERE f.workspace_id = $1 AND f.path > $2::text || '/' AND f.path < $2::text || '0'
        AND strpos(substr(f.path, length($2::text) + 2), '/') = 0
      ORDER BY f.path LIMIT $3`,
    [workspaceId, folder, cap + 1],
  );
  const folders = await listSubfolders(db, workspaceId, folder, cap);
  return {
    files: files.slice(0, cap).map(shown),
    folders: folders.folders,
    truncated: files.length > cap || folders.truncated,
  };
}

/** Why a regular expression was not run: PostgreSQL's words, or that it ran out of time. */
export class PatternError extends Error {
  override name = 'PatternError';
  constructor(
    readonly reason: 'invalid' | 'slow',
    message: string,
  ) {
    super(message);
  }
}

/**
 * `pattern` made to match a whole path: `^(?:pattern)$`, with ARE's leading `***:` director or
 * `(?flags)` kept in front, where they must be; a `***=` pattern (a literal) is escaped. The
 * pattern is valid on its own (checked first), so its parentheses are balanced.
 */
export function wholePathPattern(pattern: string): string {
  if (pattern.startsWith('***=')) {
    return `^${pattern.slice(4).replace(/[\\^$.|?*+()[\]{}]/g, (char) => `\\${char}`)}$`;
  }
  const lead = /^(?:\*\*\*:)?(?:\(\?[a-z]*\))?/.exec(pattern)![0];
  // In expanded syntax (?x) a `#` comment runs to the end of the line: end it before ours.
  const end = /^(?:\*\*\*:)?\(\?[a-z]*x/.test(lead) ? '\n' : '';
  return `${lead}^(?:${pattern.slice(lead.length)}${end})$`;
}

/**
 * The files and folders whose whole path matches `pattern` (PostgreSQL's `~`, advanced regular
 * expressions), run with a statement timeout of `timeoutMs`: an invalid pattern, or one that
 * takes longer, is a PatternError.
 */
export async function matchPaths(
  db: Db,
  workspaceId: string,
  pattern: string,
  { timeoutMs, cap }: { timeoutMs: number; cap: number },
): Promise<FolderContents> {
  try {
    return await db.transaction(async (tx) => {
      await tx.query(`SET LOCAL statement_timeout = ${Math.max(1, Math.round(timeoutMs))}`);
      // The caller's own pattern first, so its error is about what they wrote.
      await tx.query(`SELECT '' ~ $1`, [pattern]);
      const whole = wholePathPattern(pattern);
      const files = await tx.query<FileInfo>(
        `SELECT ${COLUMNS} FROM deeplake_console.files f
          WHERE f.workspace_id = $1 AND f.path ~ $2 ORDER BY f.path LIMIT $3`,
        [workspaceId, whole, cap + 1],
      );
      // Every folder: those kept for themselves, and every one above a file.
      const folders = await tx.query<{ path: string }>(
        `SELECT path FROM (
           SELECT path FROM deeplake_console.file_folders WHERE workspace_id = $1
           UNION
           SELECT array_to_string((string_to_array(path, '/'))[1:n], '/')
             FROM deeplake_console.files,
                  generate_series(2, cardinality(string_to_array(path, '/')) - 1) AS n
            WHERE workspace_id = $1) AS folders
          WHERE path ~ $2 ORDER BY path COLLATE "C" LIMIT $3`,
        [workspaceId, whole, cap + 1],
      );
      return {
        files: files.slice(0, cap).map(shown),
        folders: folders.slice(0, cap).map((row) => folderInfo(row.path)),
        truncated: files.length > cap || folders.length > cap,
      };
    });
  } catch (error) {
    if (!isPostgresError(error)) throw error;
    // 2201B invalid_regular_expression; 54001 statement_too_complex ("too complex").
    if (error.code === '2201B' || error.code === '54001') {
      throw new PatternError('invalid', error.message);
    }
    // 57014 query_canceled: the statement timeout.
    if (error.code === '57014') throw new PatternError('slow', error.message);
    throw error;
  }
}

export type FolderRemoval = 'deleted' | 'not-empty' | 'missing';

/**
 * Deletes an empty folder kept for itself. One with files or folders under it is left
 * (`not-empty`), as is a path that is no folder (`missing`).
 */
export async function deleteFolder(db: Db, workspaceId: string, folder: string) {
  return underDriveLock(db, workspaceId, async (tx): Promise<FolderRemoval> => {
    const [under] = await tx.query(
      `SELECT 1 FROM deeplake_console.files
        WHERE workspace_id = $1 AND path > $2::text || '/' AND path < $2::text || '0'
       UNION ALL
       SELECT 1 FROM deeplake_console.file_folders
        WHERE workspace_id = $1 AND path > $2::text || '/' AND path < $2::text || '0'
       LIMIT 1`,
      [workspaceId, folder],
    );
    if (under) return 'not-empty';
    const removed = await tx.query(
      'DELETE FROM deeplake_console.file_folders WHERE workspace_id = $1 AND path = $2 RETURNING 1',
      [workspaceId, folder],
    );
    return removed.length > 0 ? 'deleted' : 'missing';
  });
}

/** How many files and folders are under a folder, for the refusal to delete it. */
export async function countUnder(db: Queryable, workspaceId: string, folder: string) {
  const [row] = await db.query<{ files: number; folders: number }>(
    `SELECT
       (SELECT count(*)::float8 FROM deeplake_console.files
         WHERE workspace_id = $1 AND path > $2::text || '/' AND path < $2::text || '0') AS files,
       (SELECT count(*)::float8 FROM deeplake_console.file_folders
         WHERE workspace_id = $1 AND path > $2::text || '/' AND path < $2::text || '0') AS folders`,
    [workspaceId, folder],
  );
  return row!;
}

/**
 * The folders directly in `folder`, sorted by path, at most `cap` (and whether there were more):
 * those kept for themselves and those that only have files under them.
 */
export async function listSubfolders(
  db: Queryable,
  workspaceId: string,
  folder: string,
  cap: number,
): Promise<{ folders: FolderInfo[]; truncated: boolean }> {
  const rows = await db.query<{ path: string }>(
    `SELECT DISTINCT
            ($2::text || '/' || split_part(substr(path, length($2::text) + 2), '/', 1))
              COLLATE "C" AS path
       FROM (SELECT path FROM deeplake_console.file_folders
              WHERE workspace_id = $1 AND path > $2::text || '/' AND path < $2::text || '0'
             UNION ALL
             SELECT path FROM deeplake_console.files
              WHERE workspace_id = $1 AND path > $2::text || '/' AND path < $2::text || '0'
                AND strpos(substr(path, length($2::text) + 2), '/') > 0) AS under
      ORDER BY 1 LIMIT $3`,
    [workspaceId, folder, cap + 1],
  );
  return {
    folders: rows.slice(0, cap).map((row) => folderInfo(row.path)),
    truncated: rows.length > cap,
  };
}

/**
 * Makes a folder, and those above it, exist for themselves: whether it was a folder already
 * (kept for itself, or with files under it). A file at it or above it is a 409.
 */
export async function createFolder(db: Db, workspaceId: string, folder: string) {
  return underDriveLock(db, workspaceId, async (tx) => {
    const existed = await isFolder(tx, workspaceId, folder);
    await makeFolders(tx, workspaceId, folderAndAbove(folder));
    return { existed };
  });
}

/**
 * Moves a file into `folder` (made when missing), keeping its name, numbered when taken there;
 * null when there is no such file. The folder it leaves stays, kept for itself: moving its last
 * file out does not make it vanish from under the person looking at it.
 */
export async function moveFile(
  db: Db,
  workspaceId: string,
  id: string,
  folder: string,
): Promise<FileInfo | null> {
  return underDriveLock(db, workspaceId, async (tx) => {
    const [file] = await tx.query<FileInfo>(
      `SELECT ${COLUMNS} FROM deeplake_console.files f
        WHERE f.workspace_id = $1 AND f.id = $2 FOR UPDATE`,
      [workspaceId, id],
    );
    if (!file) return null;
    const from = parentOf(file.path!);
    if (from === folder) return shown(file);
    await makeFolders(tx, workspaceId, folderAndAbove(folder));
    await makeFolders(tx, workspaceId, folderAndAbove(from));
    const path = await freePath(tx, workspaceId, folder, baseName(file.path!));
    const problem = pathProblem(path);
    if (problem) throw badRequest(`The file's new path ${path} ${problem}`);
    const [moved] = await tx.query<FileInfo>(
      `UPDATE deeplake_console.files f SET path = $3
        WHERE f.workspace_id = $1 AND f.id = $2 RETURNING ${COLUMNS}`,
      [workspaceId, id, path],
    );
    return shown(moved!);
  });
}
