import type { FileMatch } from '../../../../contract/files';

/** Where uploads are recorded: one row per file, its id or path in `column` of `table`. */
export interface RecordTarget {
  table: string;
  column: string;
  match: FileMatch;
}

/**
 * What of a file a column can hold, by its type: a uuid column its id (the table browser then
 * shows the file), a text column its path. Other types are not offered.
 */
export function columnMatch(type: string): FileMatch | null {
  if (type === 'uuid') return 'id';
  if (type === 'text' || type === 'varchar') return 'path';
  return null;
}

/** The query string an upload recorded in `target` adds (`POST …/files?table=&column=`). */
export const recordQuery = (target: RecordTarget) => ({
  table: target.table,
  column: target.column,
});
