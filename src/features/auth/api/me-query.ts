import { queryOptions } from '@tanstack/react-query';
import type { Me } from '../../../../contract/me';
import { api } from '../../../lib/api-client';
import { authKeys } from './keys';

export function fetchMe(options: { token?: string; baseUrl?: string; signal?: AbortSignal } = {}) {
  return api.get<Me>('/me', options);
}

export const meQueryOptions = () =>
  queryOptions({
    queryKey: authKeys.me(),
    queryFn: ({ signal }) => fetchMe({ signal }),
    staleTime: 5 * 60_000,
  });
