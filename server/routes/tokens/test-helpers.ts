import type { InjectOptions } from 'fastify';
import { vi } from 'vitest';
import { clock } from '../../auth/clock';
import type { TestServer } from '../../test/harness';

/**
 * Calls as the hosted service's own client (hivemind's apiGet/apiPost/apiDelete) sends them:
 * `Content-Type: application/json` on every request, GET and DELETE included, with no body.
 */
export function hostedClient(server: TestServer) {
  return (
    token: string | null,
    method: InjectOptions['method'],
    url: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) =>
    server.call(token, method, url, {
      headers: { 'content-type': 'application/json', ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
}

/** Moves the server's clock (server/auth/clock.ts) forward from the real time. */
export function movableClock() {
  let offsetMs = 0;
  vi.spyOn(clock, 'now').mockImplementation(() => new Date(Date.now() + offsetMs));
  return {
    advance(seconds: number) {
      offsetMs += seconds * 1000;
    },
    now: () => clock.now(),
  };
}
