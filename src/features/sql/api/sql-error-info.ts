import { isApiError } from '../../../lib/api-client';

/** What a failed SQL request says beyond its message, read from the error envelope. */
export interface SqlErrorInfo {
  message: string;
  code: string;
  status: number;
  sqlstate?: string;
  /** 1-based character offset into the text sent. */
  position?: number;
  detail?: string;
  hint?: string;
  /** 0-based row of the batch (of the request's own rows). */
  batchIndex?: number;
}

export function sqlErrorInfo(error: unknown): SqlErrorInfo {
  if (!isApiError(error)) {
    return {
      message: error instanceof Error ? error.message : 'Something went wrong.',
      code: 'internal',
      status: 0,
    };
  }
  const info: SqlErrorInfo = { message: error.message, code: error.code, status: error.status };
  if (error.sqlstate !== undefined) info.sqlstate = error.sqlstate;
  if (error.position !== undefined) info.position = error.position;
  const body = error.body;
  if (typeof body === 'object' && body !== null && 'error' in body) {
    const envelope = (body as { error: Record<string, unknown> }).error;
    if (typeof envelope.detail === 'string') info.detail = envelope.detail;
    if (typeof envelope.hint === 'string') info.hint = envelope.hint;
    if (typeof envelope.batch_index === 'number') info.batchIndex = envelope.batch_index;
  }
  return info;
}
