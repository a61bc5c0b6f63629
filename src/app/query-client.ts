import { QueryClient } from '@tanstack/react-query';
import { isApiError } from '../lib/api-client';

/** Retrying helps when the API was briefly unreachable or busy, never for 4xx answers. */
function shouldRetry(failureCount: number, error: unknown): boolean {
  const transient = isApiError(error) && (error.status === 0 || error.status >= 500);
  return transient && failureCount < 2;
}

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { staleTime: 30_000, retry: shouldRetry },
      mutations: { retry: false },
    },
  });
}
