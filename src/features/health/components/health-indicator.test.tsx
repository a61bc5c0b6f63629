import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { json, mockApi } from '../../../test/fetch-mock';
import { renderScreen } from '../../../test/render';
import { HealthIndicator } from './health-indicator';

describe('HealthIndicator', () => {
  it('says the API is ready', async () => {
    mockApi({
      'GET /health': () => json(200, { status: 'ok' }),
      'GET /ready': () => json(200, { status: 'ready' }),
    });
    renderScreen(<HealthIndicator />);

    expect(await screen.findByRole('status', { name: 'API ready' })).toBeInTheDocument();
  });

  it('says the database is not ready, with the reason', async () => {
    mockApi({
      'GET /health': () => json(200, { status: 'ok' }),
      'GET /ready': () => json(503, { status: 'not_ready', reason: 'postgres is starting' }),
    });
    renderScreen(<HealthIndicator />);

    const status = await screen.findByRole('status', { name: 'Database not ready' });
    expect(status).toHaveTextContent('postgres is starting');
  });

  it('says the API is unreachable', async () => {
    mockApi({
      'GET /health': () => Promise.reject(new TypeError('Failed to fetch')),
      'GET /ready': () => Promise.reject(new TypeError('Failed to fetch')),
    });
    renderScreen(<HealthIndicator />);

    expect(await screen.findByRole('status', { name: 'API unreachable' })).toBeInTheDocument();
  });
});
