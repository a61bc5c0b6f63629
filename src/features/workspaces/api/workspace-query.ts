import { queryOptions } from '@tanstack/react-query';
import { api, segment } from '../../../lib/api-client';
import { readWorkspaceAnswer } from './answers';
import { workspaceKeys } from './keys';

export const workspaceQueryOptions = (orgId: string, workspaceId: string) =>
  queryOptions({
    queryKey: workspaceKeys.detail(orgId, workspaceId),
    queryFn: async ({ signal }) =>
      readWorkspaceAnswer(
        await api.get<unknown>(`/workspaces/${segment(workspaceId)}`, { orgId, signal }),
      ),
  });
