import { queryOptions } from '@tanstack/react-query';
import type { FileReferences } from '../../../../contract/files';
import { api, isApiError } from '../../../lib/api-client';
import { fileKeys } from './keys';
import { filePath } from './paths';

/**
 * The rows of the workspace's tables that name a file, by id (uuid columns) or path (text
 * columns): the bundled server's `GET …/files/{id}/references`. A server without it (the hosted
 * service) answers 404 for the path: null, and the console then offers nothing about rows.
 */
export const fileReferencesQueryOptions = (orgId: string, workspaceId: string, fileId: string) =>
  queryOptions({
    queryKey: fileKeys.references(orgId, workspaceId, fileId),
    queryFn: async ({ signal }): Promise<FileReferences | null> => {
      try {
        return await api.get<FileReferences>(`${filePath(workspaceId, fileId)}/references`, {
          orgId,
          signal,
        });
      } catch (error) {
        if (isApiError(error) && (error.status === 404 || error.status === 405)) return null;
        throw error;
      }
    },
    retry: false,
  });
