import { queryOptions } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { readMe } from './answers';
import { authKeys } from './keys';

export async function fetchMe(
  options: { token?: string; baseUrl?: string; signal?: AbortSignal } = {},
) {
  return readMe(await api.get<unknown>('/me', options));
}

export const meQueryOptions = () =>
  queryOptions({
    queryKey: authKeys.me(),
    queryFn: ({ signal }) => fetchMe({ signal }),
    staleTime: 5 * 60_000,
  });
