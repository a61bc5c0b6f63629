import { ERROR_CODES, type ErrorCode, type ErrorEnvelope } from '../contract/errors';
import type { z } from 'zod';

/** An error the API reports to its caller, in the one error envelope. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly extra: Omit<ErrorEnvelope['error'], 'code' | 'message'> = {},
    /** Headers the answer carries, e.g. Retry-After. */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }

  toEnvelope(): ErrorEnvelope {
    return { error: { code: this.code, message: this.message, ...this.extra } };
  }
}

export const badRequest = (message: string) => new ApiError(400, ERROR_CODES.badRequest, message);
export const unauthorized = (message: string) =>
  new ApiError(401, ERROR_CODES.unauthorized, message);
export const forbidden = (message: string) => new ApiError(403, ERROR_CODES.forbidden, message);
export const notFound = (message: string) => new ApiError(404, ERROR_CODES.notFound, message);
export const conflict = (message: string) => new ApiError(409, ERROR_CODES.conflict, message);
export const notReady = (message: string) => new ApiError(503, ERROR_CODES.notReady, message);
/**
 * A value, row or error text of a statement's answer is over the byte cap. A 400 like the
 * statement's other outcomes (sql_error, query_timeout): the statement asked for it.
 */
export const valueTooLarge = (message: string, extra: ApiError['extra'] = {}) =>
  new ApiError(400, ERROR_CODES.valueTooLarge, message, extra);

/** Formats zod issues as one sentence a person can act on: `id: must start with a letter`. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const where = issue.path.length > 0 ? issue.path.join('.') : 'body';
      return `${where}: ${issue.message}`;
    })
    .join('; ');
}
