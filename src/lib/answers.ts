import { ApiError } from './api-errors';

/**
 * Reading API answers that more than one server writes. The bundled server and the hosted
 * Deeplake service answer the same calls in different shapes (a bare array or `{data: […]}`,
 * epoch seconds or ISO text, a missing `name` or `rows`): each resource has one reader, built from
 * these, that takes every shape a public source shows and gives the screens one.
 */

export type Answer = Record<string, unknown>;

export const isRecord = (value: unknown): value is Answer =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The answer was not any shape the console knows: an error that says what was expected. */
export function unexpectedAnswer(what: string, body: unknown): ApiError {
  return new ApiError({
    status: 200,
    code: 'unexpected_answer',
    message: `The API answered with something that is not ${what}. Check the API base URL.`,
    body,
  });
}

/** A list that comes bare or under one of `keys` (`{data: […]}`, `{organizations: […]}`). */
export function listIn(body: unknown, keys: readonly string[], what: string): unknown[] {
  if (Array.isArray(body)) return body;
  if (isRecord(body)) {
    for (const key of keys) {
      const value = body[key];
      if (Array.isArray(value)) return value;
    }
  }
  throw unexpectedAnswer(what, body);
}

/** One object that comes bare or under `key` (`{organization: {…}}`). */
export function objectIn(body: unknown, key: string, what: string): Answer {
  if (isRecord(body)) {
    const inner = body[key];
    if (isRecord(inner)) return inner;
    if (!(key in body)) return body;
  }
  throw unexpectedAnswer(what, body);
}

export const text = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;

/** A non-empty id, or the error that the answer lacks one. */
export function requiredText(record: Answer, key: string, what: string): string {
  const value = text(record[key]);
  if (value === undefined || value === '') throw unexpectedAnswer(what, record);
  return value;
}

/**
 * A point in time as ISO text: servers send ISO strings or epoch seconds (the hosted `/me`
 * sends `date_joined` as seconds). Anything else is left out rather than shown wrong.
 */
export function instant(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) {
    // Seconds; a value this large can only be milliseconds.
    const ms = Math.abs(value) < 1e11 ? value * 1000 : value;
    const date = new Date(ms);
    return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
  }
  if (typeof value === 'string' && value !== '' && !Number.isNaN(Date.parse(value))) return value;
  return undefined;
}
