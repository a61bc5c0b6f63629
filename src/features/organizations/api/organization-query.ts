import { queryOptions } from '@tanstack/react-query';
import type { OrganizationResponse } from '../../../../contract/organizations';
import { api, segment } from '../../../lib/api-client';
import { organizationKeys } from './keys';

export const organizationQueryOptions = (orgId: string) =>
  queryOptions({
    queryKey: organizationKeys.detail(orgId),
    queryFn: async ({ signal }) =>
      (await api.get<OrganizationResponse>(`/organizations/${segment(orgId)}`, { signal }))
        .organization,
  });
