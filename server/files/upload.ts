import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { cleanFilename } from '../../contract/filename';
import { ERROR_CODES } from '../../contract/errors';
import { ApiError, badRequest } from '../errors';
import { FileTooLargeError, type FileStore, type ReceivedFile } from './store';

/**
 * Reading an uploaded file from a multipart request into the store's staging area: the
 * multipart limits, the early refusal of a body declared too large, the idle timeout of a
 * stalled client, and what each way an upload fails tells its client.
 */

/** An upload that sends nothing for this long is given up, so a stalled client frees its socket. */
const UPLOAD_IDLE_MS = 2 * 60 * 1000;

/** Room for the multipart framing around the file when judging a declared Content-Length. */
const MULTIPART_OVERHEAD_BYTES = 64 * 1024;

/** Registers multipart parsing on `app` for uploads of at most `limitBytes`. */
export async function acceptUploads(app: FastifyInstance, limitBytes: number) {
  await app.register(fastifyMultipart, {
    // One byte past the limit reaches our own counter, which answers 413 and stops reading.
    limits: { fileSize: limitBytes + 1, files: 1, fields: 20, fieldSize: 64 * 1024 },
  });
}

export interface Upload {
  /** The bytes, staged in the store: the caller places or discards them. */
  received: ReceivedFile;
  /** The Content-Type the client gave the part. */
  declaredType: string | undefined;
  /** The name the file keeps, cleaned (`uploadedFilename`). */
  filename: string;
}

/**
 * Reads the file in the multipart field "file" into the store's staging area. Other fields
 * and further files are skipped; a request without the file, or one that fails, is the
 * ApiError its client should hear, and nothing stays staged.
 */
export async function receiveUpload(
  request: FastifyRequest,
  reply: FastifyReply,
  store: FileStore,
  limitBytes: number,
): Promise<Upload> {
  if (!request.isMultipart()) {
    throw badRequest('Send multipart/form-data with the file in the field "file"');
  }
  const declaredLength = Number(request.headers['content-length']);
  if (declaredLength > limitBytes + MULTIPART_OVERHEAD_BYTES) {
    refuseRest(reply);
    throw tooLarge(limitBytes);
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
      received = await store.receive(part.file, limitBytes);
    }
  } catch (error) {
    if (received) await store.discard(received);
    throw uploadError(error, request, reply, limitBytes);
  } finally {
    socket.setTimeout?.(0);
    socket.off?.('timeout', onIdle);
  }
  if (!received) throw badRequest('file: attach the file in the multipart field "file"');
  return { received, declaredType, filename: uploadedFilename(filename) };
}

/**
 * The name an uploaded file keeps: clients encode `"` as `%22` and drop or encode line breaks
 * in multipart headers (WHATWG, curl, requests); the rest is contract/filename's rule.
 */
export function uploadedFilename(raw: string | undefined): string {
  return cleanFilename((raw ?? '').replace(/%22/g, '"').replace(/%0[AaDd]/g, ''));
}

/**
 * Closes the connection after the answer instead of reading the rest of a body we refused,
 * which could be gigabytes.
 */
export function refuseRest(reply: FastifyReply) {
  reply.header('connection', 'close');
}

const tooLarge = (limit: number) =>
  new ApiError(
    413,
    ERROR_CODES.tooLarge,
    `The file is larger than the upload limit (${limit} bytes)`,
  );

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
