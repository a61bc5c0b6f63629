import { act, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { waitBeforeRetry } from '../lib/api-retry';
import { ApiWaitNotice } from './api-wait-notice';

describe('ApiWaitNotice', () => {
  it('says the console waits to try again, and goes when the wait ends', async () => {
    render(<ApiWaitNotice />);
    expect(screen.queryByRole('status')).not.toBeInTheDocument();

    let waiting!: Promise<void>;
    act(() => {
      waiting = waitBeforeRetry(503, 3_000);
      void waitBeforeRetry(429, 200);
    });
    expect(screen.getByRole('status')).toHaveTextContent(
      'The API asked to slow down (HTTP 429): trying again in 1 s (2 requests waiting).',
    );
    await act(() => new Promise((resolve) => setTimeout(resolve, 300)));
    expect(screen.getByRole('status')).toHaveTextContent(
      /^The API is busy \(HTTP 503\): trying again in [23] s\.$/,
    );
    await act(() => waiting);
    expect(screen.queryByRole('status')).not.toBeInTheDocument();
  }, 10_000);
});
