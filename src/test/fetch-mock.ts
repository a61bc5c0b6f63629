import { vi } from 'vitest';

export interface RecordedRequest {
  method: string;
  /** Path after the API base URL, e.g. "/organizations". */
  path: string;
  url: string;
  headers: Headers;
  body: unknown;
}

type Handler = (request: RecordedRequest) => Response | Promise<Response>;

export function json(status: number, body?: unknown): Response {
  if (body === undefined) return new Response(null, { status });
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });
}

export function apiError(status: number, code: string, message: string): Response {
  return json(status, { error: { code, message } });
}

/**
 * Stubs the global fetch with a tiny fake API: handlers keyed "METHOD /path" (path without
 * the base URL). Unknown routes answer 404 in the contract's envelope, so a missing handler
 * shows up as a visible error instead of a hang.
 */
export function mockApi(handlers: Record<string, Handler>, { baseUrl = '/api' } = {}) {
  const requests: RecordedRequest[] = [];
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = String(input);
    const method = (init.method ?? 'GET').toUpperCase();
    const path = url.startsWith(baseUrl) ? url.slice(baseUrl.length) : url;
    const body = typeof init.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined;
    const request: RecordedRequest = {
      method,
      path,
      url,
      headers: new Headers(init.headers),
      body,
    };
    requests.push(request);
    const handler = handlers[`${method} ${path}`];
    return handler
      ? handler(request)
      : apiError(404, 'not_found', `No handler for ${method} ${path}`);
  });
  vi.stubGlobal('fetch', fetchMock);
  return {
    fetchMock,
    requests,
    /** Requests to one route, in order. */
    calls: (route: string) => requests.filter((r) => `${r.method} ${r.path}` === route),
  };
}
