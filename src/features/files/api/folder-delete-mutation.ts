import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { folderKeys } from './keys';
import { foldersPath } from './paths';

/** Deletes an empty folder; the server refuses (409) one with anything in it, saying what. */
export function useDeleteFolder(orgId: string, workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (path: string) =>
      api.delete(`${foldersPath(workspaceId)}?${new URLSearchParams({ path }).toString()}`, {
        orgId,
      }),
    onSuccess: () =>
      queryClient.invalidateQueries({ queryKey: folderKeys.workspace(orgId, workspaceId) }),
  });
}
