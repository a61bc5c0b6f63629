import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { FileInfo } from '../../../contract/files';
import { ORG_HEADER } from '../../../contract/headers';
import type { Workspace } from '../../../contract/workspaces';
import { writersOnly } from '../../auth/workspace-access';
import type { Db } from '../../db/index';
import type { Logger } from '../../logger';
import type { WorkspaceSandbox } from '../../sql/sandbox';
import { notFound } from '../../errors';
import { thumbnailFormat } from '../../files/http';
import { serveStoredFile, type ServedFile } from '../../files/serve';
import type { FileStore } from '../../files/store';
import {
  canThumbnail,
  SourceMissing,
  ThumbnailUnavailable,
  type Thumbnails,
} from '../../files/thumbnails';
import { acceptUploads, refuseRest } from '../../files/upload';
import { uuidParam, workspacePath } from '../params';
import type { ZodTypeProvider } from '../zod-provider';
import { assertFolderPossible } from './drive';
import {
  fileContentQuerySchema,
  fileDeleteQuerySchema,
  fileListQuerySchema,
  fileUploadQuerySchema,
} from './query';
import { getFile, listFiles } from './repository';
import { removeFile, saveUpload } from './save';
import { deletingRows, recordingIn, recordTarget, referencesTo } from './table-rows';

export interface FileRoutesOptions {
  db: Db;
  /** The workspaces' SQL sessions: table rows that go with files. */
  sandbox: WorkspaceSandbox;
  logger: Logger;
  store: FileStore;
  thumbnails: Thumbnails;
  /** Largest file an upload may be. */
  uploadLimitBytes: number;
}

const THUMBNAIL_CACHE_CONTROL = `private, max-age=${30 * 24 * 60 * 60}, immutable`;

/** `/workspaces/:ws/files/:id`: an id that cannot exist is simply not found. */
const filePath = workspacePath.extend({ id: uuidParam((id) => `No file "${id}"`) });

/**
 * The files of a workspace: anyone who can see the workspace lists and downloads them; only
 * those who can change it upload and delete. Each route finds its workspace, and the caller's
 * role, in `request.workspaceAccess` (server/auth/workspace-access.ts).
 */
export async function fileRoutes(
  instance: FastifyInstance,
  { db, sandbox, logger, store, thumbnails, uploadLimitBytes }: FileRoutesOptions,
) {
  const app = instance.withTypeProvider<ZodTypeProvider>();
  await acceptUploads(app, uploadLimitBytes);
  const keeping = { db, store, thumbnails, uploadLimitBytes };
  const rowKeeping = { db, sandbox, logger };
  /** Uploads whose body has started to be read; any other refusal closes the connection. */
  const reading = new WeakSet<FastifyRequest>();

  const fileOf = async (workspace: Workspace, id: string) => {
    const file = await getFile(db, workspace.id, id);
    if (!file) throw notFound(`No file "${id}" in workspace "${workspace.id}"`);
    return file;
  };

  app.get(
    '/workspaces/:ws/files',
    { schema: { querystring: fileListQuerySchema } },
    async (request) => {
      const { workspace } = request.workspaceAccess;
      const { query } = request;
      const { limit, offset } = query;
      const { files, total } = await listFiles(db, workspace.id, {
        limit,
        offset,
        filter: {
          contentType: query.content_type,
          q: query.q,
          folder: query.path,
          directlyIn: query.folder,
        },
      });
      return { files, total, limit, offset };
    },
  );

  app.post(
    '/workspaces/:ws/files',
    {
      config: writersOnly('upload files'),
      schema: { querystring: fileUploadQuerySchema },
      // Refused before its body was read (no workspace, a viewer's, a bad query string): not
      // worth reading, it may be gigabytes.
      onError: async (request, reply) => {
        if (!reading.has(request)) refuseRest(reply);
      },
    },
    async (request, reply) => {
      const { workspace } = request.workspaceAccess;
      const { folder, table, column } = request.query;
      if (folder !== undefined) await assertFolderPossible(db, workspace.id, folder, 'folder');
      const target =
        table !== undefined && column !== undefined
          ? await recordTarget(rowKeeping, request, { table, column })
          : undefined;
      reading.add(request);
      const { file, rows } = await saveUpload(keeping, request, reply, workspace.id, {
        folder,
        rows: target && recordingIn(rowKeeping, request, target),
      });
      reply.code(201);
      return rows ? { ...file, recorded: rows } : file;
    },
  );

  app.get('/workspaces/:ws/files/:id', { schema: { params: filePath } }, async (request) =>
    fileOf(request.workspaceAccess.workspace, request.params.id),
  );

  // What deleting it `with_rows` would take with it: readers may ask too.
  app.get(
    '/workspaces/:ws/files/:id/references',
    { schema: { params: filePath } },
    async (request) => {
      const file = await fileOf(request.workspaceAccess.workspace, request.params.id);
      return { references: await referencesTo(rowKeeping, request, file) };
    },
  );

  // HEAD is ours, not Fastify's automatic one, which would read the whole file to discard it.
  app.route({
    method: ['GET', 'HEAD'],
    url: '/workspaces/:ws/files/:id/content',
    schema: { params: filePath, querystring: fileContentQuerySchema },
    handler: async (request, reply) => {
      const { workspace } = request.workspaceAccess;
      const file = await fileOf(workspace, request.params.id);
      const { w: width, download } = request.query;
      if (width !== undefined) {
        reply.header('vary', 'Accept');
        const thumbnail = await thumbnailOf(thumbnails, request, workspace.id, file, width);
        if (thumbnail) {
          // Kept per token and organization: on a shared browser, another user's request
          // does not match the cached thumbnail.
          reply.header('vary', `Accept, Authorization, ${ORG_HEADER}`);
          return serveStoredFile(request, reply, { ...thumbnail, download });
        }
      }
      return serveStoredFile(request, reply, {
        cacheControl: 'private, no-cache',
        path: store.pathOf(workspace.id, file.id),
        etag: `"${file.sha256}"`,
        lastModified: new Date(file.created_at),
        contentType: file.content_type,
        filename: file.filename,
        download,
      });
    },
  });

  app.delete(
    '/workspaces/:ws/files/:id',
    {
      config: writersOnly('delete files'),
      schema: { params: filePath, querystring: fileDeleteQuerySchema },
    },
    async (request, reply) => {
      const { workspace } = request.workspaceAccess;
      const { id } = request.params;
      const removed = await removeFile(
        keeping,
        workspace.id,
        { id },
        request.query.with_rows ? deletingRows(rowKeeping, request) : undefined,
      );
      if (!removed) throw notFound(`No file "${id}" in workspace "${workspace.id}"`);
      if (!removed.rows) return reply.code(204).send();
      return { file: removed.file, deleted_rows: removed.rows };
    },
  );
}

/**
 * The thumbnail `width` wide of a file, in the format its client takes, or null when there is
 * none to send and the file itself is sent instead.
 */
async function thumbnailOf(
  thumbnails: Thumbnails,
  request: FastifyRequest,
  workspaceId: string,
  file: FileInfo,
  width: number,
): Promise<Omit<ServedFile, 'download'> | null> {
  if (!canThumbnail(file.content_type)) return null;
  const format = thumbnailFormat(request.headers.accept);
  const path = await thumbnails
    .path(workspaceId, file.id, width, format)
    .catch((error: unknown) => {
      // Gone since its row was read: serving the file answers 404.
      if (error instanceof SourceMissing) return null;
      if (!(error instanceof ThumbnailUnavailable)) throw error;
      request.log.debug({ err: error, file: file.id }, 'no thumbnail; sending the file');
      return null;
    });
  if (!path) return null;
  return {
    // A thumbnail of an id never changes (files are never rewritten), so the browser keeps it
    // and a gallery page seen before costs no request at all.
    cacheControl: THUMBNAIL_CACHE_CONTROL,
    path,
    etag: `"${file.sha256}-w${width}.${format}"`,
    lastModified: new Date(file.created_at),
    contentType: `image/${format}`,
    filename: `${file.filename.replace(/\.[^.]*$/, '')}.${format === 'jpeg' ? 'jpg' : 'webp'}`,
  };
}
