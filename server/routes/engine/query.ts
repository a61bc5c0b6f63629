import { z } from 'zod';
import { dirPath, PathError } from '../../files/paths';
import { refuse } from '../zod-provider';

/**
 * The query strings of the older File API (`/engine/:ws/api/v1/file/`, seed 003). Its examples
 * build URLs with Python f-strings, so what they send is the text as typed: a `+` in a regular
 * expression (`drive/.+\.jpg`) is a plus, not a space. `literalQuery` reads the query string
 * that way; spaces arrive as `%20`, as `requests` and curl send them.
 */

/** The query string of `url` with `%XX` decoded and `+` kept; a repeated name is an array. */
export function literalQuery(url: string): Record<string, string | string[]> {
  const at = url.indexOf('?');
  const query: Record<string, string | string[]> = Object.create(null);
  if (at === -1) return query;
  const params = new URLSearchParams(url.slice(at + 1).replace(/\+/g, '%2B'));
  for (const [name, value] of params) {
    const seen = query[name];
    query[name] = seen === undefined ? value : [...[seen].flat(), value];
  }
  return query;
}

/** A parameter given once; a repeated one arrives as an array. */
const single = (name: string) => z.string({ error: `${name}: give it once` }).optional();

/** Longest regular expression `file_path` may be, in characters. */
export const PATTERN_MAX_CHARS = 1000;

/**
 * `db_commit`, as Python's `str(True)` and `str(False)` spell it (lower case taken too); absent is
 * False.
 */
const dbCommit = single('db_commit').transform((raw, ctx) => {
  if (raw === undefined || raw === '') return false;
  if (raw === 'True' || raw === 'true') return true;
  if (raw === 'False' || raw === 'false') return false;
  return refuse(ctx, `db_commit must be True or False, not "${raw}"`);
});

const commitParameters = {
  db_commit: dbCommit,
  table_name: single('table_name'),
  column_name: single('column_name'),
};

/**
 * `db_commit=True` with `table_name` and `column_name` (the seed's POST and DELETE): the column
 * of the table whose rows are written or deleted with the file, as `commit`; undefined without
 * db_commit. `what` says what did not happen when one of them is missing.
 */
function withCommit<T extends { db_commit: boolean; table_name?: string; column_name?: string }>(
  query: T,
  ctx: z.core.$RefinementCtx,
  what: string,
) {
  const { db_commit: dbCommitted, table_name: table, column_name: column, ...rest } = query;
  if (!dbCommitted) return { ...rest, commit: undefined };
  if (!table || !column) {
    return refuse(
      ctx,
      `db_commit=True needs table_name and column_name (the table, and the column that holds ` +
        `the file's path): ${what}`,
    );
  }
  return { ...rest, commit: { table, column } };
}

/** `GET …/file/`: a folder to list, or a regular expression for whole paths. */
export const listQuerySchema = z.object({
  file_path: single('file_path').transform((raw, ctx) => {
    const value = raw ?? '';
    if ([...value].length > PATTERN_MAX_CHARS) {
      return refuse(
        ctx,
        `file_path is longer than ${PATTERN_MAX_CHARS} characters: give a folder, or a shorter regular expression`,
      );
    }
    return value;
  }),
});

/** `POST …/file/`: the folder to upload into, relative to `drive/`. */
export const uploadQuerySchema = z
  .object({
    ...commitParameters,
    dir: single('dir').transform((raw, ctx) => {
      if (raw === undefined) return undefined;
      try {
        return dirPath(raw);
      } catch (error) {
        if (!(error instanceof PathError)) throw error;
        return refuse(ctx, error.message);
      }
    }),
  })
  .transform((query, ctx) => withCommit(query, ctx, 'nothing was stored'));

/** `DELETE …/file/`: the path of a file, or of an empty folder. */
export const deleteQuerySchema = z
  .object({ ...commitParameters, file_path: single('file_path') })
  .transform((query, ctx) => withCommit(query, ctx, 'nothing was deleted'));
