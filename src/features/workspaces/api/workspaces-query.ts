import { queryOptions } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { readWorkspaceList } from './answers';
import { workspaceKeys } from './keys';

export const workspaceListQueryOptions = (orgId: string) =>
  queryOptions({
    queryKey: workspaceKeys.list(orgId),
    queryFn: async ({ signal }) =>
      readWorkspaceList(await api.get<unknown>('/workspaces', { orgId, signal })),
  });
