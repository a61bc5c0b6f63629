import { queryOptions } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { organizationKeys } from './keys';

// Loaded on demand: the shell's switcher needs this list on first paint (see SchemaSource).
const organizationListSchema = () =>
  import('../../../../contract/organizations').then((module) => module.organizationListSchema);

/** The caller's organizations, each with the caller's role in it. */
export const organizationListQueryOptions = () =>
  queryOptions({
    queryKey: organizationKeys.list(),
    queryFn: async ({ signal }) =>
      (await api.get('/organizations', { schema: organizationListSchema, signal })).organizations,
  });
