import { z } from 'zod';
import {
  FILE_LIST_DEFAULT_LIMIT,
  FILE_LIST_MAX_LIMIT,
  THUMBNAIL_MAX_WIDTH,
  THUMBNAIL_MIN_WIDTH,
} from '../../../contract/files';
import { clientPath, PathError } from '../../files/paths';
import { refuse } from '../zod-provider';

/**
 * The files endpoints' query strings. Each issue carries its whole sentence, naming the
 * parameter itself: the messages predate these schemas ("limit must be…", "limit: give it
 * once") and clients match them, so `describeIssues`' `path: message` form is not used. A
 * mismatch answers the first bad parameter in the schema's order (zod-provider.ts), as the
 * hand-written checks did one at a time.
 */

/** A parameter given once; the query parser makes a repeated one an array. */
const single = (name: string) => z.string({ error: `${name}: give it once` }).optional();

/** A whole number in [min, max], or undefined when absent or empty (`?limit=`). */
function wholeNumber(name: string, min: number, max: number) {
  const range = max === Number.MAX_SAFE_INTEGER ? `${min} or more` : `from ${min} to ${max}`;
  return single(name).transform((raw, ctx) => {
    if (raw === undefined || raw === '') return undefined;
    // Digits only: Number() would take "2.5", "1e3", " 7" and "0x10".
    const value = /^\d{1,15}$/.test(raw) ? Number(raw) : NaN;
    if (!(value >= min && value <= max)) {
      ctx.addIssue({
        code: 'custom',
        message: `${name} must be a whole number ${range}, not "${raw}"`,
      });
      return z.NEVER;
    }
    return value;
  });
}

/**
 * A folder given as a path (`drive/photos`, a trailing `/` allowed), checked by the path rules
 * (server/files/paths.ts); undefined when absent or empty.
 */
export function folderParameter(name: string) {
  return single(name).transform((raw, ctx) => {
    if (raw === undefined || raw === '') return undefined;
    try {
      return clientPath(raw, name);
    } catch (error) {
      if (!(error instanceof PathError)) throw error;
      return refuse(ctx, error.message);
    }
  });
}

/** `GET …/files`: a page of the list, narrowed by content type prefix, name and folder. */
export const fileListQuerySchema = z.object({
  limit: wholeNumber('limit', 1, FILE_LIST_MAX_LIMIT).transform(
    (limit) => limit ?? FILE_LIST_DEFAULT_LIMIT,
  ),
  offset: wholeNumber('offset', 0, Number.MAX_SAFE_INTEGER).transform((offset) => offset ?? 0),
  content_type: single('content_type').transform((value) => value?.trim()),
  q: single('q').transform((value) => value?.trim()),
  path: folderParameter('path'),
  /** Only the files directly in this folder (`path` is anywhere under it). */
  folder: folderParameter('folder'),
});

/**
 * `POST …/files`: the folder to upload into (made when missing; by default the one the file's
 * type goes to), and the table and column to record the upload in (both or neither).
 */
export const fileUploadQuerySchema = z
  .object({
    folder: folderParameter('folder'),
    table: single('table').transform((value) => value || undefined),
    column: single('column').transform((value) => value || undefined),
  })
  .transform((query, ctx) => {
    if ((query.table === undefined) !== (query.column === undefined)) {
      return refuse(
        ctx,
        'table and column: give both, to record the upload in that column of that table, or neither',
      );
    }
    return query;
  });

/** `DELETE …/files/:id`: whether the rows that point at the file go with it. */
export const fileDeleteQuerySchema = z.object({
  with_rows: single('with_rows').transform((raw, ctx) => {
    if (raw === undefined || raw === '' || raw === 'false' || raw === '0') return false;
    if (raw === 'true' || raw === '1') return true;
    return refuse(ctx, `with_rows must be true or false, not "${raw}"`);
  }),
});

/** `GET …/files/:id/content`: a thumbnail width, and whether to save rather than show. */
export const fileContentQuerySchema = z.object({
  w: wholeNumber('w', THUMBNAIL_MIN_WIDTH, THUMBNAIL_MAX_WIDTH),
  download: single('download').transform((value) => ['1', 'true'].includes(value ?? '')),
});
