import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { FileDeletion, FileInfo } from '../../../../contract/files';
import { api, errorMessage, isApiError } from '../../../lib/api-client';
import { workspaceScope } from '../../../lib/query-scope';
import { settleAll } from '../lib/settle-all';
import { fileKeys } from './keys';
import { filePath } from './paths';

/** Deletes sent at once: enough to be quick, few enough not to swamp the server or the browser. */
const DELETE_CONCURRENCY = 4;

export interface DeleteFilesResult {
  deleted: FileInfo[];
  failed: { file: FileInfo; message: string }[];
  /** Table rows that went with them (`withRows`), in all. */
  rowsDeleted: number;
}

export interface DeleteFilesRequest {
  files: readonly FileInfo[];
  /**
   * Also delete, with each file and atomically with it, the table rows that name it (the
   * bundled server's `?with_rows=true`).
   */
  withRows?: boolean;
}

/**
 * Deletes files, several in parallel, and says which went and which did not: a partial
 * failure is an answer, not an exception. A file that is already gone (404) counts as deleted.
 */
export function useDeleteFiles(orgId: string, workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ files, withRows = false }: DeleteFilesRequest) => {
      const path = (file: FileInfo) =>
        `${filePath(workspaceId, file.id)}${withRows ? '?with_rows=true' : ''}`;
      const outcomes = await settleAll(files, DELETE_CONCURRENCY, (file) =>
        api.delete<FileDeletion | undefined>(path(file), { orgId }).catch((error: unknown) => {
          if (isApiError(error) && error.status === 404) return undefined;
          throw error;
        }),
      );
      const result: DeleteFilesResult = { deleted: [], failed: [], rowsDeleted: 0 };
      outcomes.forEach((outcome, index) => {
        const file = files[index]!;
        if (outcome.status === 'rejected') {
          result.failed.push({ file, message: errorMessage(outcome.reason) });
          return;
        }
        result.deleted.push(file);
        for (const reference of outcome.value?.deleted_rows ?? []) {
          result.rowsDeleted += reference.rows;
        }
      });
      return result;
    },
    onSuccess: async ({ deleted, rowsDeleted }) => {
      for (const file of deleted) {
        queryClient.removeQueries({ queryKey: fileKeys.detail(orgId, workspaceId, file.id) });
        queryClient.removeQueries({ queryKey: fileKeys.references(orgId, workspaceId, file.id) });
      }
      await queryClient.invalidateQueries({ queryKey: fileKeys.lists(orgId, workspaceId) });
      // Rows went too: what the tables show of this workspace is stale.
      if (rowsDeleted > 0) {
        await queryClient.invalidateQueries({ queryKey: workspaceScope(orgId, workspaceId) });
      }
    },
  });
}
