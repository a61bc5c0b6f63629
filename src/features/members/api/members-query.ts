import { queryOptions } from '@tanstack/react-query';
import { memberListSchema } from '../../../../contract/organizations';
import { api, segment } from '../../../lib/api-client';
import { memberKeys } from './keys';

export const memberListQueryOptions = (orgId: string) =>
  queryOptions({
    queryKey: memberKeys.list(orgId),
    queryFn: async ({ signal }) =>
      (
        await api.get(`/organizations/${segment(orgId)}/members`, {
          schema: memberListSchema,
          signal,
        })
      ).members,
  });
