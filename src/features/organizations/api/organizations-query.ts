import { queryOptions } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { readOrganizationList } from './answers';
import { organizationKeys } from './keys';

/** The caller's organizations (with the caller's role in each, when the server says). */
export const organizationListQueryOptions = () =>
  queryOptions({
    queryKey: organizationKeys.list(),
    queryFn: async ({ signal }) =>
      readOrganizationList(await api.get<unknown>('/organizations', { signal })),
  });
