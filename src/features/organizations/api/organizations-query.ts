import { queryOptions } from '@tanstack/react-query';
import type { OrganizationList } from '../../../../contract/organizations';
import { api } from '../../../lib/api-client';
import { organizationKeys } from './keys';

/** The caller's organizations, each with the caller's role in it. */
export const organizationListQueryOptions = () =>
  queryOptions({
    queryKey: organizationKeys.list(),
    queryFn: async ({ signal }) =>
      (await api.get<OrganizationList>('/organizations', { signal })).organizations,
  });
