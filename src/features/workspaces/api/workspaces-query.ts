import { queryOptions } from '@tanstack/react-query';
import type { WorkspaceList } from '../../../../contract/workspaces';
import { api } from '../../../lib/api-client';
import { workspaceKeys } from './keys';

export const workspaceListQueryOptions = (orgId: string) =>
  queryOptions({
    queryKey: workspaceKeys.list(orgId),
    queryFn: async ({ signal }) =>
      (await api.get<WorkspaceList>('/workspaces', { orgId, signal })).workspaces,
  });
