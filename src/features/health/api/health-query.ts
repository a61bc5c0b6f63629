import { queryOptions } from '@tanstack/react-query';
import type { Health, Ready } from '../../../../contract/health';
import { api, isApiError } from '../../../lib/api-client';
import { healthKeys } from './keys';

export const HEALTH_POLL_MS = 10_000;

export const healthQueryOptions = () =>
  queryOptions({
    queryKey: healthKeys.live(),
    queryFn: ({ signal }) => api.get<Health>('/health', { signal, authenticated: false }),
    refetchInterval: HEALTH_POLL_MS,
    // The indicator should change on the first failed check, not after a back-off.
    retry: false,
  });

/** 503 from /ready is an answer ("Postgres is down"), not a failure to reach the API. */
export async function fetchReady(signal?: AbortSignal): Promise<Ready> {
  try {
    return await api.get<Ready>('/ready', { signal, authenticated: false, retry: false });
  } catch (error) {
    if (isApiError(error) && error.status === 503) {
      const body = error.body;
      const reason =
        typeof body === 'object' &&
        body !== null &&
        'reason' in body &&
        typeof body.reason === 'string'
          ? body.reason
          : error.message;
      return { status: 'not_ready', reason };
    }
    throw error;
  }
}

export const readyQueryOptions = () =>
  queryOptions({
    queryKey: healthKeys.ready(),
    queryFn: ({ signal }) => fetchReady(signal),
    refetchInterval: HEALTH_POLL_MS,
    retry: false,
  });
