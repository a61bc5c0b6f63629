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

/**
 * `db_commit=True` with `table_name` and `column_name` (the seed's POST and DELETE) also writes
 * or deletes rows of a table: not supported on this server yet, so it is refused before anything
 * happens (`what` says what did not), rather than storing the file as if it had.
 */
const commitParameters = (what: string) => ({
  db_commit: dbCommit.transform((commit, ctx) =>
    commit
      ? refuse(
          ctx,
          'db_commit=True (also inserting or deleting the rows of table_name whose column_name ' +
            `holds the file's path) is not supported on this server yet: ${what}. Send ` +
            'db_commit=False, or leave it out, and change the table with SQL',
        )
      : false,
  ),
  table_name: single('table_name'),
  column_name: single('column_name'),
});

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
export const uploadQuerySchema = z.object({
  ...commitParameters('nothing was stored'),
  dir: single('dir').transform((raw, ctx) => {
    if (raw === undefined) return undefined;
    try {
      return dirPath(raw);
    } catch (error) {
      if (!(error instanceof PathError)) throw error;
      return refuse(ctx, error.message);
    }
  }),
});

/** `DELETE …/file/`: the path of a file, or of an empty folder. */
export const deleteQuerySchema = z.object({
  ...commitParameters('nothing was deleted'),
  file_path: single('file_path'),
});
