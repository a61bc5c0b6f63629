import { queryOptions } from '@tanstack/react-query';
import { workspaceResponseSchema } from '../../../../contract/workspaces';
import { api, segment } from '../../../lib/api-client';
import { workspaceKeys } from './keys';

export const workspaceQueryOptions = (orgId: string, workspaceId: string) =>
  queryOptions({
    queryKey: workspaceKeys.detail(orgId, workspaceId),
    queryFn: async ({ signal }) =>
      (
        await api.get(`/workspaces/${segment(workspaceId)}`, {
          schema: workspaceResponseSchema,
          orgId,
          signal,
        })
      ).workspace,
  });
