import { ERROR_CODES, type ErrorCode } from '../../contract/error-codes';
import type { ErrorEnvelope } from '../../contract/errors';

/** Every failed request, whatever went wrong, surfaces as this one error type. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  /** HTTP status; 0 when the API could not be reached at all. */
  readonly status: number;
  readonly code: string;
  readonly sqlstate?: string;
  /** 1-based character offset into the SQL text, when Postgres gives one. */
  readonly position?: number;
  /** The parsed response body, for endpoints whose error body is not the envelope (/ready). */
  readonly body?: unknown;

  constructor(init: {
    status: number;
    code: string;
    message: string;
    sqlstate?: string;
    position?: number;
    body?: unknown;
  }) {
    super(init.message);
    this.status = init.status;
    this.code = init.code;
    if (init.sqlstate !== undefined) this.sqlstate = init.sqlstate;
    if (init.position !== undefined) this.position = init.position;
    if (init.body !== undefined) this.body = init.body;
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

const FALLBACK_CODES: Record<number, ErrorCode> = {
  400: ERROR_CODES.badRequest,
  401: ERROR_CODES.unauthorized,
  402: ERROR_CODES.paymentRequired,
  403: ERROR_CODES.forbidden,
  404: ERROR_CODES.notFound,
  409: ERROR_CODES.conflict,
  413: ERROR_CODES.tooLarge,
  429: ERROR_CODES.tooManyRequests,
  502: ERROR_CODES.badGateway,
  503: ERROR_CODES.notReady,
};

/** The contract's error envelope, checked by hand: a proxy's HTML error page is not one. */
function isErrorEnvelope(body: unknown): body is ErrorEnvelope {
  if (typeof body !== 'object' || body === null || !('error' in body)) return false;
  const error: unknown = body.error;
  return (
    typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    typeof error.code === 'string' &&
    'message' in error &&
    typeof error.message === 'string'
  );
}

const MAX_MESSAGE = 500;
const clip = (message: string) =>
  message.length > MAX_MESSAGE ? `${message.slice(0, MAX_MESSAGE - 1)}…` : message;

/** FastAPI-style `detail`: a sentence, or a list of `{loc, msg}` problems. */
function detailMessage(detail: unknown): string | undefined {
  if (typeof detail === 'string') return detail;
  if (!Array.isArray(detail)) return undefined;
  const parts = detail.flatMap((item: unknown) => {
    if (typeof item === 'string') return [item];
    if (typeof item !== 'object' || item === null || !('msg' in item)) return [];
    const msg = String(item.msg);
    const loc = 'loc' in item && Array.isArray(item.loc) ? item.loc.join('.') : '';
    return [loc ? `${loc}: ${msg}` : msg];
  });
  return parts.length > 0 ? parts.join('; ') : undefined;
}

/**
 * The message a server put in an error answer, in any of the shapes real services send:
 * `{"error": "text"}` (the hosted API), `{"detail": …}`, `{"message": …}`, plain text, or an
 * HTML page from a proxy (its title, at most).
 */
function serverMessage(body: unknown): string | undefined {
  if (typeof body === 'string') {
    const trimmed = body.trim();
    if (/^<(!doctype|html|head|body)\b/i.test(trimmed)) {
      const title = /<title[^>]*>([^<]*)<\/title>/i.exec(trimmed)?.[1]?.trim();
      return title || undefined;
    }
    return trimmed || undefined;
  }
  if (typeof body !== 'object' || body === null) return undefined;
  const record = body as Record<string, unknown>;
  if (typeof record.error === 'string' && record.error) return record.error;
  if (typeof record.error === 'object' && record.error !== null) {
    const nested = (record.error as Record<string, unknown>).message;
    if (typeof nested === 'string' && nested) return nested;
  }
  return (
    detailMessage(record.detail) ??
    (typeof record.message === 'string' && record.message ? record.message : undefined)
  );
}

const isHtml = (body: unknown) => typeof body === 'string' && /^\s*<(!doctype|html)\b/i.test(body);

/** Any error answer as an ApiError, with the server's own message where it gave one. */
export function toApiError(
  response: { status: number; statusText: string },
  body: unknown,
): ApiError {
  if (isErrorEnvelope(body)) {
    const { code, message } = body.error;
    const sqlstate = typeof body.error.sqlstate === 'string' ? body.error.sqlstate : undefined;
    const position = typeof body.error.position === 'number' ? body.error.position : undefined;
    return new ApiError({ status: response.status, code, message, sqlstate, position, body });
  }
  const status = response.status;
  const code = FALLBACK_CODES[status] ?? (status >= 500 ? ERROR_CODES.internal : 'error');
  const said = serverMessage(body);
  const reason = `${response.statusText || 'Request failed'} (HTTP ${status})`;
  let message: string;
  if (status === 402) {
    message = `The Deeplake account is out of credit: top up its balance to go on.${said ? ` The service said: “${clip(said)}”.` : ''}`;
  } else if (isHtml(body)) {
    message = `${reason}: the answer was a web page${said ? ` (“${clip(said)}”)` : ''}, not the API's. A proxy or gateway may be in the way.`;
  } else {
    message = said ? `${clip(said)} (HTTP ${status})` : `${reason}.`;
  }
  return new ApiError({ status, code, message, body });
}
