import { queryOptions } from '@tanstack/react-query';
import { api, segment } from '../../../lib/api-client';
import { readOrganizationAnswer } from './answers';
import { organizationKeys } from './keys';

export const organizationQueryOptions = (orgId: string) =>
  queryOptions({
    queryKey: organizationKeys.detail(orgId),
    queryFn: async ({ signal }) =>
      readOrganizationAnswer(
        await api.get<unknown>(`/organizations/${segment(orgId)}`, { orgId, signal }),
      ),
  });
