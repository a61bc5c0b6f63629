import { describe, expect, it } from 'vitest';
import { retryDelayMs } from './api-retry';

describe('retryDelayMs', () => {
  const now = Date.parse('2026-12-03T10:00:00Z');

  it('waits as Retry-After says, in seconds or as a date, at most 30 s', () => {
    expect(retryDelayMs(0, '2', now)).toBe(2000);
    expect(retryDelayMs(0, 'Thu, 03 Dec 2026 10:00:05 GMT', now)).toBe(5000);
    expect(retryDelayMs(0, '3600', now)).toBe(30_000);
    expect(retryDelayMs(0, 'Thu, 03 Dec 2026 09:00:00 GMT', now)).toBe(0);
  });

  it('backs off exponentially, with jitter, without a usable Retry-After', () => {
    for (const [retry, base] of [
      [0, 500],
      [1, 1000],
      [3, 4000],
    ] as const) {
      const delay = retryDelayMs(retry, 'soon', now);
      expect(delay).toBeGreaterThanOrEqual(base * 0.8);
      expect(delay).toBeLessThanOrEqual(base * 1.2);
    }
  });
});
