import { queryOptions } from '@tanstack/react-query';
import { folderListSchema, type FolderList } from '../../../../contract/files';
import { api } from '../../../lib/api-client';
import { folderKeys } from './keys';
import { foldersPath } from './paths';

/**
 * The folders directly in one folder of the drive (`GET …/folders?path=`, the bundled server's
 * extra). A server without folders (the hosted API) answers an error, or something else: an
 * answer of another shape fails here too, so the gallery never reads one as folders.
 */
export const folderListQueryOptions = (orgId: string, workspaceId: string, path: string) =>
  queryOptions({
    queryKey: folderKeys.list(orgId, workspaceId, path),
    queryFn: async ({ signal }): Promise<FolderList> => {
      const query = new URLSearchParams({ path });
      const answer = await api.get<unknown>(`${foldersPath(workspaceId)}?${query.toString()}`, {
        orgId,
        signal,
      });
      const parsed = folderListSchema.safeParse(answer);
      if (!parsed.success) throw new Error('The server answered something other than folders');
      return parsed.data;
    },
  });
