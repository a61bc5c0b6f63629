import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { FolderInfo } from '../../../../contract/files';
import { api } from '../../../lib/api-client';
import { folderKeys } from './keys';
import { foldersPath } from './paths';

/** Makes a folder (and those above it); one that exists already is fine too. */
export function useCreateFolder(orgId: string, workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (path: string) =>
      api.post<FolderInfo>(foldersPath(workspaceId), { path }, { orgId }),
    onSuccess: () =>
      queryClient.invalidateQueries({ queryKey: folderKeys.workspace(orgId, workspaceId) }),
  });
}
