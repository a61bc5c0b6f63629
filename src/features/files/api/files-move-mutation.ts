import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { FileInfo } from '../../../../contract/files';
import { api, errorMessage } from '../../../lib/api-client';
import { settleAll } from '../lib/settle-all';
import { fileKeys, folderKeys } from './keys';
import { filePath } from './paths';

/** Moves sent at once, as deletes are: quick, without swamping the server. */
const MOVE_CONCURRENCY = 4;

export interface MoveFilesResult {
  /** The files as they are now, in their new folder. */
  moved: FileInfo[];
  failed: { file: FileInfo; message: string }[];
}

/**
 * Moves files into a folder (`PATCH …/files/:id {folder}`, the bundled server's extra), several
 * in parallel, and says which went and which did not: a partial failure is an answer.
 */
export function useMoveFiles(orgId: string, workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({
      files,
      folder,
    }: {
      files: readonly FileInfo[];
      folder: string;
    }): Promise<MoveFilesResult> => {
      const outcomes = await settleAll(files, MOVE_CONCURRENCY, (file) =>
        api.patch<FileInfo>(filePath(workspaceId, file.id), { folder }, { orgId }),
      );
      const result: MoveFilesResult = { moved: [], failed: [] };
      outcomes.forEach((outcome, index) => {
        if (outcome.status === 'fulfilled') result.moved.push(outcome.value);
        else result.failed.push({ file: files[index]!, message: errorMessage(outcome.reason) });
      });
      return result;
    },
    onSuccess: async ({ moved }) => {
      for (const file of moved) {
        queryClient.setQueryData(fileKeys.detail(orgId, workspaceId, file.id), file);
      }
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: fileKeys.lists(orgId, workspaceId) }),
        queryClient.invalidateQueries({ queryKey: folderKeys.workspace(orgId, workspaceId) }),
      ]);
    },
  });
}
