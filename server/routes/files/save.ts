import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FileInfo } from '../../../contract/files';
import { isPostgresError, type Db } from '../../db/index';
import { notFound } from '../../errors';
import { defaultFolder, nameSegment } from '../../files/paths';
import { resolveContentType, SNIFF_BYTES } from '../../files/sniff';
import type { FileStore } from '../../files/store';
import type { Thumbnails } from '../../files/thumbnails';
import { receiveUpload } from '../../files/upload';
import { commitAcross } from '../../sql/two-phase';
import { insertFile, insertFileIn, type NewFile } from './drive';
import { deleteFile } from './repository';
import type { RowChange } from './table-rows';

/**
 * The one way a file is stored and the one way it is deleted, for both file APIs (the
 * workspace's `/api/workspaces/:ws/files` and the engine's `/engine/:ws/api/v1/file/`): same
 * rows, same bytes.
 */

export interface FileKeeping {
  db: Db;
  store: FileStore;
  thumbnails: Thumbnails;
  /** Largest file an upload may be. */
  uploadLimitBytes: number;
}

/**
 * Reads the upload in the multipart field "file" and stores it: the bytes streamed to disk and
 * put in place, then its row written at the first free path for its name in `folder` (by
 * default the one its type goes to: `drive` or `drive/others`), and with it the `rows` change
 * to the workspace's tables, if any, in the same transaction. Nothing stays when it fails.
 */
export async function saveUpload<T = never>(
  { db, store, thumbnails, uploadLimitBytes }: FileKeeping,
  request: FastifyRequest,
  reply: FastifyReply,
  workspaceId: string,
  { folder, rows }: { folder?: string; rows?: RowChange<T> } = {},
): Promise<{ file: FileInfo; rows?: T }> {
  const { received, declaredType, filename } = await receiveUpload(
    request,
    reply,
    store,
    uploadLimitBytes,
  );

  const id = randomUUID();
  const contentType = resolveContentType(received.head, declaredType, received.size <= SNIFF_BYTES);
  let placed: string;
  try {
    placed = await store.place(received, workspaceId, id);
  } catch (error) {
    await store.discard(received);
    throw error;
  }
  const name = nameSegment(filename);
  const newFile: NewFile = {
    id,
    workspaceId,
    filename,
    name,
    folder: folder ?? defaultFolder(name),
    contentType,
    size: received.size,
    sha256: received.sha256,
  };
  try {
    const saved = rows
      ? await commitAcross(
          rows.across,
          (tx) => insertFileIn(tx, newFile),
          (session, file) => rows.change(session, file),
        ).then((both) => ({ file: both.console, rows: both.workspace }))
      : { file: await insertFile(db, newFile) };
    thumbnails.prepare(workspaceId, saved.file);
    return saved;
  } catch (error) {
    await fs.rm(placed, { force: true });
    // 23503: the workspace was deleted while the file was arriving.
    if (isPostgresError(error) && error.code === '23503') {
      throw notFound(`Workspace "${workspaceId}" not found`);
    }
    throw error;
  }
}

/** The file to delete is not there: nothing else is done. */
class NoSuchFile extends Error {}

/**
 * Deletes a file, named by its id or its path: its row (with the `rows` change to the
 * workspace's tables, if any, in the same transaction), then its bytes and thumbnails. Returns
 * the file, or null when there is none.
 */
export async function removeFile<T = never>(
  { db, store }: Pick<FileKeeping, 'db' | 'store'>,
  workspaceId: string,
  which: { id: string } | { path: string },
  rows?: RowChange<T>,
): Promise<{ file: FileInfo; rows?: T } | null> {
  let removed: { file: FileInfo; rows?: T } | null;
  if (rows) {
    try {
      const both = await commitAcross(
        rows.across,
        async (tx) => {
          const file = await deleteFile(tx, workspaceId, which);
          if (!file) throw new NoSuchFile();
          return file;
        },
        (session, file) => rows.change(session, file),
      );
      removed = { file: both.console, rows: both.workspace };
    } catch (error) {
      if (!(error instanceof NoSuchFile)) throw error;
      removed = null;
    }
  } else {
    const file = await deleteFile(db, workspaceId, which);
    removed = file && { file };
  }
  if (removed) await store.forget(workspaceId, removed.file.id);
  return removed;
}
