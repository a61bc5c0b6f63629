import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import type { FileList } from '../../../../contract/files';
import { api } from '../../../lib/api-client';
import { fileKeys, type FileListParams } from './keys';
import { filesPath } from './paths';

/** One page of a workspace's files, newest first (endpoint 24). */
export const fileListQueryOptions = (orgId: string, workspaceId: string, params: FileListParams) =>
  queryOptions({
    queryKey: fileKeys.list(orgId, workspaceId, params),
    queryFn: ({ signal }) => {
      const query = new URLSearchParams({
        limit: String(params.limit),
        offset: String(params.offset),
      });
      if (params.contentType) query.set('content_type', params.contentType);
      if (params.q) query.set('q', params.q);
      if (params.folder) query.set('folder', params.folder);
      if (params.under) query.set('path', params.under);
      return api.get<FileList>(`${filesPath(workspaceId)}?${query.toString()}`, { orgId, signal });
    },
    // Paging and filtering keep the previous page on screen until the next one is there.
    placeholderData: keepPreviousData,
  });
