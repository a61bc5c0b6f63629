import { describe, expect, it } from 'vitest';
import { ApiError } from '../../lib/api-client';
import { apiStatus } from './api-status';

const ok = { data: { status: 'ok' }, error: null };
const unreachable = new ApiError({
  status: 0,
  code: 'network_error',
  message: 'Could not reach the API',
});

describe('apiStatus', () => {
  it('is ready when /health and /ready both answer', () => {
    expect(apiStatus(ok, { data: { status: 'ready' }, error: null }).label).toBe('API ready');
  });

  it('reports the database when /ready answers 503', () => {
    const status = apiStatus(ok, {
      data: { status: 'not_ready', reason: 'database unavailable' },
      error: null,
    });
    expect(status).toMatchObject({ label: 'Database not ready', detail: 'database unavailable' });
  });

  it('reports an unreachable API, even with an older successful answer cached', () => {
    const status = apiStatus(
      { data: { status: 'ok' }, error: unreachable },
      { data: { status: 'ready' }, error: null },
    );
    expect(status.label).toBe('API unreachable');
  });

  it('is still checking before the first answers', () => {
    expect(apiStatus({ data: undefined, error: null }, { data: undefined, error: null }).kind).toBe(
      'checking',
    );
  });
});
