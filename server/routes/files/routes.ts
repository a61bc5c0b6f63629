import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  FILE_LIST_DEFAULT_LIMIT,
  FILE_LIST_MAX_LIMIT,
  THUMBNAIL_MAX_WIDTH,
  THUMBNAIL_MIN_WIDTH,
} from '../../../contract/files';
import { ERROR_CODES } from '../../../contract/errors';
import { cleanFilename } from '../../../contract/filename';
import { ORG_HEADER } from '../../../contract/headers';
import { isPostgresError, type Db } from '../../db/index';
import { ApiError, badRequest, notFound } from '../../errors';
import {
  contentDisposition,
  etagMatches,
  ifRangeAllows,
  isInlineSafe,
  parseRange,
  thumbnailFormat,
} from '../../files/http';
import { resolveContentType, SNIFF_BYTES } from '../../files/sniff';
import { FileTooLargeError, type FileStore, type ReceivedFile } from '../../files/store';
import {
  canThumbnail,
  SourceMissing,
  ThumbnailUnavailable,
  type Thumbnails,
} from '../../files/thumbnails';
import { workspaceIdParam } from '../params';
import { accessibleWorkspace, writableWorkspace } from '../workspaces/routes';
import { deleteFile, getFile, insertFile, listFiles } from './repository';

export interface FileRoutesOptions {
  db: Db;
  store: FileStore;
  thumbnails: Thumbnails;
  /** Largest file an upload may be. */
  uploadLimitBytes: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An upload that sends nothing for this long is given up, so a stalled client frees its socket. */
const UPLOAD_IDLE_MS = 2 * 60 * 1000;

/** Room for the multipart framing around the file when judging a declared Content-Length. */
const MULTIPART_OVERHEAD_BYTES = 64 * 1024;

const THUMBNAIL_CACHE_CONTROL = `private, max-age=${30 * 24 * 60 * 60}, immutable`;

/** Files up to this size are sent from one read rather than streamed. */
const SMALL_READ_BYTES = 64 * 1024;

/** Nothing here can run script or load anything, even when opened as a page. */
const SANDBOX_CSP = "default-src 'none'; style-src 'unsafe-inline'; sandbox";

const tooLarge = (limit: number) =>
  new ApiError(
    413,
    ERROR_CODES.tooLarge,
    `The file is larger than the upload limit (${limit} bytes)`,
  );

function fileIdParam(params: unknown): string {
  const id = (params as { id: string }).id;
  if (!UUID.test(id)) throw notFound(`No file "${id}"`);
  return id.toLowerCase();
}

function singleQuery(query: unknown, name: string): string | undefined {
  const value = (query as Record<string, unknown>)[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw badRequest(`${name}: give it once`);
  return value;
}

function integerQuery(
  query: unknown,
  name: string,
  { min, max, fallback }: { min: number; max: number; fallback?: number },
): number | undefined {
  const raw = singleQuery(query, name);
  if (raw === undefined || raw === '') return fallback;
  const value = /^\d{1,15}$/.test(raw) ? Number(raw) : NaN;
  if (!(value >= min && value <= max)) {
    const range = max === Number.MAX_SAFE_INTEGER ? `${min} or more` : `from ${min} to ${max}`;
    throw badRequest(`${name} must be a whole number ${range}, not "${raw}"`);
  }
  return value;
}

/**
 * The name an uploaded file keeps: clients encode `"` as `%22` and drop or encode line breaks
 * in multipart headers (WHATWG, curl, requests); the rest is contract/filename's rule.
 */
function uploadedFilename(raw: string | undefined): string {
  return cleanFilename((raw ?? '').replace(/%22/g, '"').replace(/%0[AaDd]/g, ''));
}

export async function fileRoutes(
  app: FastifyInstance,
  { db, store, thumbnails, uploadLimitBytes }: FileRoutesOptions,
) {
  await app.register(fastifyMultipart, {
    // One byte past the limit reaches our own counter, which answers 413 and stops reading.
    limits: { fileSize: uploadLimitBytes + 1, files: 1, fields: 20, fieldSize: 64 * 1024 },
  });

  const workspaceOf = async (request: FastifyRequest) =>
    (await accessibleWorkspace(db, request, workspaceIdParam(request.params))).workspace;
  const writableWorkspaceOf = (request: FastifyRequest, action: string) =>
    writableWorkspace(db, request, workspaceIdParam(request.params), action);

  const fileOf = async (request: FastifyRequest) => {
    const workspace = await workspaceOf(request);
    const id = fileIdParam(request.params);
    const file = await getFile(db, workspace.id, id);
    if (!file) throw notFound(`No file "${id}" in workspace "${workspace.id}"`);
    return { workspace, file };
  };

  app.get('/workspaces/:ws/files', async (request) => {
    const workspace = await workspaceOf(request);
    const limit = integerQuery(request.query, 'limit', {
      min: 1,
      max: FILE_LIST_MAX_LIMIT,
      fallback: FILE_LIST_DEFAULT_LIMIT,
    })!;
    const offset = integerQuery(request.query, 'offset', {
      min: 0,
      max: Number.MAX_SAFE_INTEGER,
      fallback: 0,
    })!;
    const contentType = singleQuery(request.query, 'content_type')?.trim();
    const q = singleQuery(request.query, 'q')?.trim();
    const { files, total } = await listFiles(db, workspace.id, {
      limit,
      offset,
      filter: { contentType, q },
    });
    return { files, total, limit, offset };
  });

  app.post('/workspaces/:ws/files', async (request, reply) => {
    const workspace = await writableWorkspaceOf(request, 'upload files').catch((error: unknown) => {
      // Refused before its body was read: not worth reading, it may be gigabytes.
      refuseRest(reply);
      throw error;
    });
    if (!request.isMultipart()) {
      throw badRequest('Send multipart/form-data with the file in the field "file"');
    }
    const declaredLength = Number(request.headers['content-length']);
    if (declaredLength > uploadLimitBytes + MULTIPART_OVERHEAD_BYTES) {
      refuseRest(reply);
      throw tooLarge(uploadLimitBytes);
    }
    // Node's request timeout is off for long uploads; a client that stops sending is not.
    const socket = request.raw.socket as Partial<typeof request.raw.socket>;
    const onIdle = () => socket.destroy?.();
    socket.setTimeout?.(UPLOAD_IDLE_MS);
    socket.on?.('timeout', onIdle);
    let received: ReceivedFile | null = null;
    let declaredType: string | undefined;
    let filename: string | undefined;
    try {
      for await (const part of request.parts()) {
        if (part.type === 'field') continue;
        if (part.fieldname !== 'file' || received) {
          part.file.resume();
          continue;
        }
        declaredType = part.mimetype;
        filename = part.filename;
        received = await store.receive(part.file, uploadLimitBytes);
      }
    } catch (error) {
      if (received) await store.discard(received);
      throw uploadError(error, request, reply, uploadLimitBytes);
    } finally {
      socket.setTimeout?.(0);
      socket.off?.('timeout', onIdle);
    }
    if (!received) throw badRequest('file: attach the file in the multipart field "file"');

    const id = randomUUID();
    const contentType = resolveContentType(
      received.head,
      declaredType,
      received.size <= SNIFF_BYTES,
    );
    let placed: string;
    try {
      placed = await store.place(received, workspace.id, id);
    } catch (error) {
      await store.discard(received);
      throw error;
    }
    try {
      const file = await insertFile(db, {
        id,
        workspaceId: workspace.id,
        filename: uploadedFilename(filename),
        contentType,
        size: received.size,
        sha256: received.sha256,
      });
      thumbnails.prepare(workspace.id, file);
      reply.code(201);
      return file;
    } catch (error) {
      await fs.rm(placed, { force: true });
      // 23503: the workspace was deleted while the file was arriving.
      if (isPostgresError(error) && error.code === '23503') {
        throw notFound(`Workspace "${workspace.id}" not found`);
      }
      throw error;
    }
  });

  app.get('/workspaces/:ws/files/:id', async (request) => (await fileOf(request)).file);

  // HEAD is ours, not Fastify's automatic one, which would read the whole file to discard it.
  app.route({
    method: ['GET', 'HEAD'],
    url: '/workspaces/:ws/files/:id/content',
    handler: async (request, reply) => {
      const { workspace, file } = await fileOf(request);
      const width = integerQuery(request.query, 'w', {
        min: THUMBNAIL_MIN_WIDTH,
        max: THUMBNAIL_MAX_WIDTH,
      });
      const download = ['1', 'true'].includes(singleQuery(request.query, 'download') ?? '');
      if (width !== undefined) {
        reply.header('vary', 'Accept');
        if (canThumbnail(file.content_type)) {
          const format = thumbnailFormat(request.headers.accept);
          const thumbnail = await thumbnails
            .path(workspace.id, file.id, width, format)
            .catch((error: unknown) => {
              // Gone since its row was read: serving the file answers 404.
              if (error instanceof SourceMissing) return null;
              if (!(error instanceof ThumbnailUnavailable)) throw error;
              request.log.debug({ err: error, file: file.id }, 'no thumbnail; sending the file');
              return null;
            });
          if (thumbnail) {
            // A thumbnail of an id never changes (files are never rewritten), so the browser
            // keeps it and a gallery page seen before costs no request at all. Kept per token
            // and organization: on a shared browser, another user's request does not match.
            reply.header('vary', `Accept, Authorization, ${ORG_HEADER}`);
            return serve(request, reply, {
              cacheControl: THUMBNAIL_CACHE_CONTROL,
              path: thumbnail,
              etag: `"${file.sha256}-w${width}.${format}"`,
              lastModified: new Date(file.created_at),
              contentType: `image/${format}`,
              filename: `${file.filename.replace(/\.[^.]*$/, '')}.${format === 'jpeg' ? 'jpg' : 'webp'}`,
              download,
            });
          }
        }
      }
      return serve(request, reply, {
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

  app.delete('/workspaces/:ws/files/:id', async (request, reply) => {
    const workspace = await writableWorkspaceOf(request, 'delete files');
    const id = fileIdParam(request.params);
    if (!(await deleteFile(db, workspace.id, id))) {
      throw notFound(`No file "${id}" in workspace "${workspace.id}"`);
    }
    await store.forget(workspace.id, id);
    reply.code(204);
  });
}

const errorCode = (error: unknown) => (error as { code?: unknown } | null)?.code;

/** What a failed upload tells its client. */
function uploadError(
  error: unknown,
  request: FastifyRequest,
  reply: FastifyReply,
  limit: number,
): unknown {
  const code = errorCode(error);
  if (error instanceof FileTooLargeError || code === 'FST_REQ_FILE_TOO_LARGE') {
    refuseRest(reply);
    return tooLarge(limit);
  }
  if (code === 'ENOSPC' || code === 'EDQUOT') {
    refuseRest(reply);
    return new ApiError(
      507,
      ERROR_CODES.insufficientStorage,
      'The server has no room for the file: its disk is full',
    );
  }
  if (code === 'FST_FILES_LIMIT') {
    return badRequest('Send one file per request, in the field "file"');
  }
  // The client went away: no one hears the answer, and it is no server fault worth logging.
  if (code === 'ECONNRESET' || request.raw.socket?.destroyed === true) {
    return badRequest('The upload was interrupted before the file was complete');
  }
  // busboy's words for a body that stops before its closing boundary.
  if (
    error instanceof Error &&
    /Unexpected end of|terminated early|Malformed/i.test(error.message)
  ) {
    return badRequest('The multipart body ended before the file was complete');
  }
  return error;
}

/**
 * Closes the connection after the answer instead of reading the rest of a body we refused,
 * which could be gigabytes.
 */
function refuseRest(reply: FastifyReply) {
  reply.header('connection', 'close');
}

function headerOf(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

interface Served {
  cacheControl: string;
  path: string;
  etag: string;
  lastModified: Date;
  contentType: string;
  filename: string;
  download: boolean;
}

/**
 * Sends stored bytes with what a browser needs to cache them and show them safely: validators
 * (304), ranges (206, 416), nosniff always, inline only for types that cannot run script, and
 * a sandbox CSP so a file opened as a page can do nothing.
 */
async function serve(request: FastifyRequest, reply: FastifyReply, served: Served) {
  const inline = !served.download && isInlineSafe(served.contentType);
  reply
    .header('x-content-type-options', 'nosniff')
    .header('etag', served.etag)
    .header('last-modified', served.lastModified.toUTCString())
    .header('cache-control', served.cacheControl)
    .header('accept-ranges', 'bytes')
    .header(
      'content-disposition',
      contentDisposition(inline ? 'inline' : 'attachment', served.filename),
    );
  // Chrome shows no PDF in a sandboxed document; PDF viewers do not run page script anyway.
  if (!(inline && served.contentType === 'application/pdf')) {
    reply.header('content-security-policy', SANDBOX_CSP);
  }

  const ifNoneMatch = headerOf(request, 'if-none-match');
  const ifModifiedSince = headerOf(request, 'if-modified-since');
  const notModified =
    ifNoneMatch !== undefined
      ? etagMatches(ifNoneMatch, served.etag)
      : ifModifiedSince !== undefined &&
        Math.floor(served.lastModified.getTime() / 1000) * 1000 <= Date.parse(ifModifiedSince);
  if (notModified) return reply.code(304).send();

  const handle = await fs.open(served.path, 'r').catch((error: unknown) => {
    // Deleted since its row was read (or its bytes removed by hand).
    if (errorCode(error) === 'ENOENT') throw notFound('The file is gone');
    throw error;
  });
  let stream: ReturnType<typeof handle.createReadStream> | null = null;
  try {
    // The open file's own size: a thumbnail may have been replaced since it was looked up.
    const { size } = await handle.stat();
    let range = parseRange(headerOf(request, 'range'), size);
    if (
      range.kind !== 'whole' &&
      !ifRangeAllows(headerOf(request, 'if-range'), served.etag, served.lastModified)
    ) {
      range = { kind: 'whole' };
    }
    if (range.kind === 'unsatisfiable') {
      reply.removeHeader('content-disposition');
      reply.header('content-range', `bytes */${size}`);
      throw new ApiError(
        416,
        ERROR_CODES.rangeNotSatisfiable,
        `The range is outside the file (${size} bytes)`,
      );
    }
    const start = range.kind === 'partial' ? range.start : 0;
    const end = range.kind === 'partial' ? range.end : size - 1;
    const length = size === 0 ? 0 : end - start + 1;
    reply
      .code(range.kind === 'partial' ? 206 : 200)
      .type(served.contentType)
      .header('content-length', String(length));
    if (range.kind === 'partial') reply.header('content-range', `bytes ${start}-${end}/${size}`);
    if (request.method === 'HEAD' || length === 0) return reply.send();
    // A thumbnail or another small file in one read: a stream costs more than the bytes do.
    if (length <= SMALL_READ_BYTES) {
      const bytes = Buffer.allocUnsafe(length);
      const { bytesRead } = await handle.read(bytes, 0, length, start);
      // Stored bytes never change in place; fewer of them means the disk lost some.
      if (bytesRead !== length) throw new Error(`Read ${bytesRead} of ${length} stored bytes`);
      return reply.send(bytes);
    }
    stream = handle.createReadStream({ start, end });
    return reply.send(stream);
  } finally {
    // The stream closes the file when it ends or the client goes; without one, close it here.
    if (!stream) await handle.close();
  }
}
