import type { Ready } from '../../../contract/health';

export type ApiStatusKind = 'checking' | 'ready' | 'not-ready' | 'unreachable';

export interface ApiStatus {
  kind: ApiStatusKind;
  label: string;
  detail: string;
}

interface CheckResult<T> {
  data: T | undefined;
  error: Error | null;
}

/** Sums up GET /health and GET /ready in one line for the status indicator. */
export function apiStatus(health: CheckResult<unknown>, ready: CheckResult<Ready>): ApiStatus {
  if (health.error) {
    return { kind: 'unreachable', label: 'API unreachable', detail: health.error.message };
  }
  if (ready.error) {
    return { kind: 'unreachable', label: 'API unreachable', detail: ready.error.message };
  }
  if (ready.data?.status === 'not_ready') {
    return { kind: 'not-ready', label: 'Database not ready', detail: ready.data.reason };
  }
  if (health.data !== undefined && ready.data?.status === 'ready') {
    return { kind: 'ready', label: 'API ready', detail: 'The API and its database answer.' };
  }
  return { kind: 'checking', label: 'Checking API', detail: 'Asking the API for its status.' };
}
