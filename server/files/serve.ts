import fs from 'node:fs/promises';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ERROR_CODES } from '../../contract/errors';
import { ApiError, notFound } from '../errors';
import { contentDisposition, etagMatches, ifRangeAllows, isInlineSafe, parseRange } from './http';

/** Files up to this size are sent from one read rather than streamed. */
const SMALL_READ_BYTES = 64 * 1024;

/** Nothing here can run script or load anything, even when opened as a page. */
const SANDBOX_CSP = "default-src 'none'; style-src 'unsafe-inline'; sandbox";

/** What `serveStoredFile` sends, and how it is described to the browser. */
export interface ServedFile {
  cacheControl: string;
  /** Where the bytes are on disk. */
  path: string;
  /** The strong entity tag, quoted. */
  etag: string;
  lastModified: Date;
  contentType: string;
  /** The name a browser saves it under. */
  filename: string;
  /** Always an attachment, even of a type shown inline. */
  download: boolean;
}

const errorCode = (error: unknown) => (error as { code?: unknown } | null)?.code;

function headerOf(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

/**
 * Sends stored bytes with what a browser needs to cache them and show them safely: validators
 * (304), ranges (206, 416), nosniff always, inline only for types that cannot run script, and
 * a sandbox CSP so a file opened as a page can do nothing. A HEAD request gets the headers only.
 */
export async function serveStoredFile(
  request: FastifyRequest,
  reply: FastifyReply,
  served: ServedFile,
) {
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

  if (notModified(request, served)) return reply.code(304).send();

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

/**
 * Whether the client's copy is current (RFC 9110 §13.2.2): If-None-Match when sent, else
 * If-Modified-Since, compared in whole seconds as Last-Modified is.
 */
function notModified(request: FastifyRequest, served: ServedFile): boolean {
  const ifNoneMatch = headerOf(request, 'if-none-match');
  if (ifNoneMatch !== undefined) return etagMatches(ifNoneMatch, served.etag);
  const ifModifiedSince = headerOf(request, 'if-modified-since');
  return (
    ifModifiedSince !== undefined &&
    Math.floor(served.lastModified.getTime() / 1000) * 1000 <= Date.parse(ifModifiedSince)
  );
}
