import { queryOptions } from '@tanstack/react-query';
import type { Me } from '../../../../contract/me';
import { api } from '../../../lib/api-client';
import { authKeys } from './keys';

// Loaded on demand: the shell needs /me on first paint, zod can follow (see SchemaSource).
const meSchema = () => import('../../../../contract/me').then((module) => module.meSchema);

export function fetchMe(options: { token?: string; baseUrl?: string; signal?: AbortSignal } = {}) {
  return api.get<Me>('/me', { ...options, schema: meSchema });
}

export const meQueryOptions = () =>
  queryOptions({
    queryKey: authKeys.me(),
    queryFn: ({ signal }) => fetchMe({ signal }),
    staleTime: 5 * 60_000,
  });
