import { queryOptions } from '@tanstack/react-query';
import type { WorkspaceResponse } from '../../../../contract/workspaces';
import { api, segment } from '../../../lib/api-client';
import { workspaceKeys } from './keys';

export const workspaceQueryOptions = (orgId: string, workspaceId: string) =>
  queryOptions({
    queryKey: workspaceKeys.detail(orgId, workspaceId),
    queryFn: async ({ signal }) =>
      (await api.get<WorkspaceResponse>(`/workspaces/${segment(workspaceId)}`, { orgId, signal }))
        .workspace,
  });
