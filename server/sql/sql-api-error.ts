import { ERROR_CODES } from '../../contract/errors';
import { isPostgresError } from '../db/index';
import { BatchRowError, MessageTooLargeError } from '../db/workspace-sessions';
import { ApiError, valueTooLarge } from '../errors';
import { StatementRefused, StatementSyntaxError, type CheckedStatement } from './guard';
import { DeadlineExceeded } from './sandbox';

/** Errors of a workspace's statement, as the API reports them. */
export function sqlApiError(error: unknown, statement?: CheckedStatement): unknown {
  if (error instanceof StatementSyntaxError) {
    return new ApiError(400, ERROR_CODES.sqlError, error.message, {
      sqlstate: error.sqlstate,
      ...(error.position !== undefined ? { position: error.position } : {}),
    });
  }
  if (error instanceof StatementRefused) {
    return new ApiError(403, ERROR_CODES.statementNotAllowed, error.message, {
      sqlstate: error.sqlstate,
      ...(error.position !== undefined ? { position: error.position } : {}),
    });
  }
  if (error instanceof MessageTooLargeError) {
    return valueTooLarge(error.message, error.sqlstate ? { sqlstate: error.sqlstate } : {});
  }
  if (error instanceof DeadlineExceeded) {
    return new ApiError(400, ERROR_CODES.queryTimeout, error.message, { sqlstate: '57014' });
  }
  const batchIndex = error instanceof BatchRowError ? error.index : undefined;
  const cause = error instanceof BatchRowError ? error.cause : error;
  if (!isPostgresError(cause)) return error;
  const extra = {
    sqlstate: cause.code,
    // Positions point into the text Postgres ran, which is the user's unless it was rewritten.
    ...(cause.position && !statement?.rewritten ? { position: Number(cause.position) } : {}),
    ...(cause.detail ? { detail: cause.detail } : {}),
    ...(cause.hint ? { hint: cause.hint } : {}),
    ...(batchIndex !== undefined ? { batch_index: batchIndex } : {}),
  };
  // COPY says which line of the file failed only in its context.
  const copyContext = cause.where?.startsWith('COPY ') ? ` (${cause.where})` : '';
  const message =
    batchIndex !== undefined
      ? `params_batch[${batchIndex}]: ${cause.message}`
      : `${cause.message}${copyContext}`;
  if (cause.code === '42P07' || cause.code === '42710') {
    return new ApiError(409, ERROR_CODES.conflict, message, extra);
  }
  if (cause.code === '42501') return new ApiError(403, ERROR_CODES.forbidden, message, extra);
  return new ApiError(400, ERROR_CODES.sqlError, message, extra);
}
