import { queryOptions } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { readTokenList } from './answers';
import { tokenKeys } from './keys';

export const tokenListQueryOptions = () =>
  queryOptions({
    queryKey: tokenKeys.list(),
    queryFn: async ({ signal }) =>
      readTokenList(await api.get<unknown>('/users/me/tokens', { signal })),
  });
