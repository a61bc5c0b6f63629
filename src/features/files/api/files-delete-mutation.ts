import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { FileInfo } from '../../../../contract/files';
import { api, errorMessage, isApiError } from '../../../lib/api-client';
import { settleAll } from '../lib/settle-all';
import { fileKeys } from './keys';
import { filePath } from './paths';

/** Deletes sent at once: enough to be quick, few enough not to swamp the server or the browser. */
const DELETE_CONCURRENCY = 4;

export interface DeleteFilesResult {
  deleted: FileInfo[];
  failed: { file: FileInfo; message: string }[];
}

/**
 * Deletes files, several in parallel, and says which went and which did not: a partial
 * failure is an answer, not an exception. A file that is already gone (404) counts as deleted.
 */
export function useDeleteFiles(orgId: string, workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (files: readonly FileInfo[]): Promise<DeleteFilesResult> => {
      const outcomes = await settleAll(files, DELETE_CONCURRENCY, (file) =>
        api.delete(filePath(workspaceId, file.id), { orgId }).catch((error: unknown) => {
          if (isApiError(error) && error.status === 404) return undefined;
          throw error;
        }),
      );
      const result: DeleteFilesResult = { deleted: [], failed: [] };
      outcomes.forEach((outcome, index) => {
        const file = files[index]!;
        if (outcome.status === 'fulfilled') result.deleted.push(file);
        else result.failed.push({ file, message: errorMessage(outcome.reason) });
      });
      return result;
    },
    onSuccess: async ({ deleted }) => {
      for (const file of deleted) {
        queryClient.removeQueries({ queryKey: fileKeys.detail(orgId, workspaceId, file.id) });
      }
      await queryClient.invalidateQueries({ queryKey: fileKeys.lists(orgId, workspaceId) });
    },
  });
}
