import { queryOptions } from '@tanstack/react-query';
import { workspaceListSchema } from '../../../../contract/workspaces';
import { api } from '../../../lib/api-client';
import { workspaceKeys } from './keys';

export const workspaceListQueryOptions = (orgId: string) =>
  queryOptions({
    queryKey: workspaceKeys.list(orgId),
    queryFn: async ({ signal }) =>
      (await api.get('/workspaces', { schema: workspaceListSchema, orgId, signal })).workspaces,
  });
