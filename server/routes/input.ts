import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { badRequest } from '../errors';

/**
 * Checks of what a request sends that hold for every endpoint, made once here rather than in
 * each route: NUL characters (PostgreSQL stores none in text, and refuses a query that sends
 * one), JSON nested past a fixed depth, and multipart bodies busboy cannot read. An empty JSON
 * body is taken as no body, as the hosted service takes it.
 */

/** How deep a JSON body may nest arrays and objects; the body itself is the first level. */
export const JSON_MAX_DEPTH = 64;

/**
 * Longest multipart boundary taken. RFC 2046 allows 70 characters and clients send about 40;
 * busboy fails (500) on more than 252.
 */
export const MULTIPART_BOUNDARY_MAX_CHARS = 200;

/** `%00`, or a raw NUL, anywhere in a URL: the path, an id in it or the query string. */
const NUL_IN_URL = /%00|\0/;

/** A `\u0000` escape, not itself escaped (`\\u0000` is a backslash and the text "u0000"). */
const NUL_ESCAPE = /(?<!\\)(?:\\\\)*\\u0000/;

export const nulInUrl = (url: string) => NUL_IN_URL.test(url);

/**
 * What is wrong with a JSON body's text that JSON.parse would take, or null: a NUL in any
 * string or key, or nesting deeper than JSON_MAX_DEPTH. Read from the text, before parsing,
 * so a body nested millions deep costs one pass over it, not the seconds JSON.parse takes.
 * (A raw NUL cannot be in valid JSON; JSON.parse refuses it.)
 */
export function jsonTextProblem(text: string): string | null {
  if (NUL_ESCAPE.test(text)) {
    return 'The request body contains a NUL character (\\u0000), which PostgreSQL cannot store in text';
  }
  if (nestingExceeds(text, JSON_MAX_DEPTH)) {
    return `The request body nests arrays and objects more than ${JSON_MAX_DEPTH} levels deep`;
  }
  return null;
}

/** Whether brackets outside strings nest deeper than `max`; strings are skipped by indexOf. */
function nestingExceeds(text: string, max: number): boolean {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x22 /* " */) {
      let end = text.indexOf('"', i + 1);
      while (end !== -1 && escaped(text, end)) end = text.indexOf('"', end + 1);
      // Unterminated: JSON.parse reports it.
      if (end === -1) return false;
      i = end;
    } else if (code === 0x5b /* [ */ || code === 0x7b /* { */) {
      if (++depth > max) return true;
    } else if (code === 0x5d /* ] */ || code === 0x7d /* } */) {
      depth--;
    }
  }
  return false;
}

/** Whether the character at `at` follows an odd number of backslashes. */
function escaped(text: string, at: number): boolean {
  let backslashes = 0;
  while (text.charCodeAt(at - 1 - backslashes) === 0x5c) backslashes++;
  return backslashes % 2 === 1;
}

/**
 * What is wrong with a multipart/form-data Content-Type, or null: busboy throws (a 500) when
 * the boundary is missing or long, before any route could answer.
 */
export function multipartProblem(contentType: string): string | null {
  const match = /;\s*boundary\s*=\s*(?:"([^"]*)"|([^;\s]*))/i.exec(contentType);
  const boundary = match?.[1] ?? match?.[2] ?? '';
  if (boundary === '') {
    return 'The multipart/form-data Content-Type has no boundary: send it as `multipart/form-data; boundary=…`';
  }
  if (boundary.length > MULTIPART_BOUNDARY_MAX_CHARS) {
    return `The multipart boundary is longer than ${MULTIPART_BOUNDARY_MAX_CHARS} characters`;
  }
  return null;
}

const isMultipartFormData = (request: FastifyRequest) =>
  /^\s*multipart\/form-data\s*(?:;|$)/i.test(request.headers['content-type'] ?? '');

/** Only JSON's own whitespace (RFC 8259): any other character is JSON.parse's to judge. */
const JSON_WHITESPACE_ONLY = /^[ \t\n\r]*$/;

/**
 * Whether a JSON body is empty or only whitespace. That is no body, not a malformed one: the
 * hosted service's clients send `Content-Type: application/json` with no body on every GET and
 * DELETE. A route that needs a body then finds none and says so (routes/zod-provider.ts).
 */
const isEmptyJson = (text: string) => JSON_WHITESPACE_ONLY.test(text);

/**
 * Registers the checks of bodies on the API's own routes (not the proxy's, which hands bodies
 * on unread): JSON is checked as it is parsed, multipart before a route reads it.
 */
export function checkBodies(api: FastifyInstance) {
  const parseJson = api.getDefaultJsonParser('error', 'error');
  api.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (isEmptyJson(body as string)) {
      done(null, undefined);
      return;
    }
    const problem = jsonTextProblem(body as string);
    if (problem) {
      done(badRequest(problem), undefined);
      return;
    }
    parseJson(request, body as string, done);
  });
  api.addHook('preValidation', async (request: FastifyRequest, reply: FastifyReply) => {
    if (!isMultipartFormData(request)) return;
    const problem = multipartProblem(request.headers['content-type']!);
    if (problem) {
      // The body is not read: close the connection rather than read what could be gigabytes.
      reply.header('connection', 'close');
      throw badRequest(problem);
    }
  });
}
