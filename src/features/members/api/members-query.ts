import { queryOptions } from '@tanstack/react-query';
import { api, segment } from '../../../lib/api-client';
import { readMemberList } from './answers';
import { memberKeys } from './keys';

export const memberListQueryOptions = (orgId: string) =>
  queryOptions({
    queryKey: memberKeys.list(orgId),
    queryFn: async ({ signal }) =>
      readMemberList(
        await api.get<unknown>(`/organizations/${segment(orgId)}/members`, { orgId, signal }),
      ),
  });
