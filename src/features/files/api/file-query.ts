import { queryOptions } from '@tanstack/react-query';
import type { FileInfo } from '../../../../contract/files';
import { api } from '../../../lib/api-client';
import { fileKeys } from './keys';
import { filePath } from './paths';

/** One file's metadata (endpoint 26), e.g. for a file id found in a table cell. */
export const fileQueryOptions = (orgId: string, workspaceId: string, fileId: string) =>
  queryOptions({
    queryKey: fileKeys.detail(orgId, workspaceId, fileId),
    queryFn: ({ signal }) => api.get<FileInfo>(filePath(workspaceId, fileId), { orgId, signal }),
    // A file never changes once stored; it can only go away.
    staleTime: Infinity,
  });
