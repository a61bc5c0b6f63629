import { queryOptions } from '@tanstack/react-query';
import type { MemberList } from '../../../../contract/organizations';
import { api, segment } from '../../../lib/api-client';
import { memberKeys } from './keys';

export const memberListQueryOptions = (orgId: string) =>
  queryOptions({
    queryKey: memberKeys.list(orgId),
    queryFn: async ({ signal }) =>
      (await api.get<MemberList>(`/organizations/${segment(orgId)}/members`, { signal })).members,
  });
