import { useQueries } from '@tanstack/react-query';
import type { FileInfo, FileReference } from '../../../../contract/files';
import { errorMessage } from '../../../lib/api-client';
import { fileReferencesQueryOptions } from '../api/file-references-query';

/** Most files whose rows one delete dialog counts (a request each). */
export const REFERENCES_FILE_LIMIT = 50;

/** What the workspace's tables hold of a set of files, as the delete dialog shows it. */
export type RowsUsingFiles =
  /** The server cannot say (the hosted service), or there are no files. */
  | { state: 'unavailable' }
  | { state: 'checking' }
  | { state: 'failed'; message: string }
  | { state: 'too-many'; limit: number }
  | { state: 'none' }
  /** Per table and column, summed over the files; `total` counts each file's rows once per column. */
  | { state: 'found'; references: FileReference[]; total: number };

/** The rows that name `files`, per table and column, summed over the files. */
export function useFileReferences(
  orgId: string,
  workspaceId: string,
  files: readonly FileInfo[],
): RowsUsingFiles {
  // Only the bundled server has paths, and only it counts rows: no request to a server without.
  const countable = files.length > 0 && files.every((file) => file.path !== undefined);
  const tooMany = files.length > REFERENCES_FILE_LIMIT;
  const results = useQueries({
    queries:
      countable && !tooMany
        ? files.map((file) => fileReferencesQueryOptions(orgId, workspaceId, file.id))
        : [],
  });
  if (!countable) return { state: 'unavailable' };
  if (tooMany) return { state: 'too-many', limit: REFERENCES_FILE_LIMIT };
  const failed = results.find((result) => result.isError);
  if (failed) return { state: 'failed', message: errorMessage(failed.error) };
  if (results.some((result) => result.isPending)) return { state: 'checking' };
  if (results.some((result) => result.data === null)) return { state: 'unavailable' };
  const summed = new Map<string, FileReference>();
  for (const result of results) {
    for (const reference of result.data?.references ?? []) {
      const key = JSON.stringify([reference.table, reference.column]);
      const seen = summed.get(key);
      summed.set(key, seen ? { ...seen, rows: seen.rows + reference.rows } : reference);
    }
  }
  const references = [...summed.values()];
  if (references.length === 0) return { state: 'none' };
  return {
    state: 'found',
    references,
    total: references.reduce((sum, reference) => sum + reference.rows, 0),
  };
}
