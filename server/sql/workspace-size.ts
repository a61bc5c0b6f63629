import { ERROR_CODES } from '../../contract/errors';
import type { Queryable } from '../db/index';
import { ApiError } from '../errors';

/**
 * A workspace's size limit: what its database (tables, indexes, TOAST) may hold. PostgreSQL has
 * no quota of its own, so the sandbox keeps it in two ways: a statement that would add to a full
 * workspace is refused before it runs, and one that grows the workspace past the limit while it
 * runs is cancelled (so it overshoots by at most what it writes in one poll interval). Reading,
 * deleting, truncating and dropping always run, so a full workspace can make room.
 */

/** How often a running statement's workspace is measured. */
export const SIZE_POLL_MS = 500;

export async function databaseBytes(db: Queryable, database: string) {
  const [row] = await db.query<{ bytes: string }>('SELECT pg_database_size($1) AS bytes', [
    database,
  ]);
  return Number(row?.bytes ?? 0);
}

const size = (bytes: number) =>
  bytes >= 1024 ** 3
    ? `${(bytes / 1024 ** 3).toFixed(2)} GiB`
    : `${(bytes / 1024 ** 2).toFixed(1)} MiB`;

/** 507 workspace_full: the workspace holds `bytes`, at or past its `limit`. */
export function workspaceFull(workspaceId: string, bytes: number, limit: number) {
  return new ApiError(
    507,
    ERROR_CODES.workspaceFull,
    `Workspace "${workspaceId}" holds ${size(bytes)}, at or past its limit of ${size(limit)}: ` +
      'nothing more was written. Drop or truncate tables to make room (what DELETE or a ' +
      'cancelled statement leaves takes space until VACUUM).',
  );
}

/**
 * Measures the workspace while a statement runs and calls `overflow` once it passes `limit`.
 * Returns the function that stops measuring.
 */
export function watchSize(
  db: Queryable,
  database: string,
  limit: number,
  overflow: (bytes: number) => void,
): () => void {
  let stopped = false;
  let measuring = false;
  const timer = setInterval(() => {
    if (measuring) return;
    measuring = true;
    databaseBytes(db, database)
      .then((bytes) => {
        if (!stopped && bytes > limit) {
          stopped = true;
          clearInterval(timer);
          overflow(bytes);
        }
      })
      // A measurement that fails (the database restarting) just waits for the next one.
      .catch(() => {})
      .finally(() => {
        measuring = false;
      });
  }, SIZE_POLL_MS);
  return () => {
    stopped = true;
    clearInterval(timer);
  };
}
