import { describe, expect, it, vi } from 'vitest';
import { FakeXhr } from '../test/fake-xhr';
import { apiError, json, mockApi } from '../test/fetch-mock';
import { me } from '../test/fixtures';
import { api, ApiError, apiRequest, requestTarget } from './api-client';
import { apiWaits } from './api-retry';
import { getToken, setApiBaseUrl, signIn } from './sign-in-state';

/** The ApiError a request is expected to fail with. */
async function rejection(request: Promise<unknown>): Promise<ApiError> {
  try {
    await request;
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('expected the request to fail');
}

describe('api client', () => {
  it('sends the bearer token, the organization header and JSON', async () => {
    signIn('secret-token');
    const { requests } = mockApi({ 'POST /workspaces': () => json(201, { ok: true }) });

    await api.post('/workspaces', { id: 'ws', name: 'WS' }, { orgId: 'acme' });

    const [request] = requests;
    expect(request?.url).toBe('/api/workspaces');
    expect(request?.headers.get('Authorization')).toBe('Bearer secret-token');
    expect(request?.headers.get('X-Activeloop-Org-Id')).toBe('acme');
    expect(request?.headers.get('Content-Type')).toBe('application/json');
    expect(request?.body).toEqual({ id: 'ws', name: 'WS' });
  });

  it('sends no organization header when none is given, and no token to health checks', async () => {
    signIn('secret-token');
    const { requests } = mockApi({
      'GET /organizations': () => json(200, { organizations: [] }),
      'GET /health': () => json(200, { status: 'ok' }),
    });

    await api.get('/organizations');
    await api.get('/health', { authenticated: false });

    expect(requests[0]?.headers.has('X-Activeloop-Org-Id')).toBe(false);
    expect(requests[1]?.headers.has('Authorization')).toBe(false);
  });

  it('uses the API base URL setting', async () => {
    setApiBaseUrl('https://deeplake.example.com/api/');
    const { requests } = mockApi(
      { 'GET /me': () => json(200, me) },
      { baseUrl: 'https://deeplake.example.com/api' },
    );

    await api.get('/me');

    expect(requests[0]?.url).toBe('https://deeplake.example.com/api/me');
  });

  it('turns the error envelope into an ApiError with status, code, sqlstate and position', async () => {
    signIn('t');
    mockApi({
      'POST /workspaces/ws/tables/query': () =>
        json(400, {
          error: {
            code: 'bad_request',
            message: 'syntax error at or near "SELEC"',
            sqlstate: '42601',
            position: 1,
          },
        }),
    });

    const error = await rejection(api.post('/workspaces/ws/tables/query', { query: 'SELEC 1' }));

    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 400,
      code: 'bad_request',
      message: 'syntax error at or near "SELEC"',
      sqlstate: '42601',
      position: 1,
    });
  });

  it('explains errors that do not use the envelope, such as a proxy page', async () => {
    signIn('t');
    mockApi({
      'GET /me': () =>
        new Response('<html>Bad gateway</html>', { status: 502, statusText: 'Bad Gateway' }),
    });

    const error = await rejection(api.get('/me'));

    expect(error).toMatchObject({
      status: 502,
      code: 'bad_gateway',
      message:
        "Bad Gateway (HTTP 502): the answer was a web page, not the API's. A proxy or gateway may be in the way.",
    });
  });

  it('sends a request again after 429 or 503, as the server asks, and says it is waiting', async () => {
    signIn('t');
    const answers = [
      new Response('{"error":"slow down"}', { status: 429, headers: { 'Retry-After': '0' } }),
      apiError(503, 'server_busy', 'Busy'),
      json(200, { ok: true }),
    ];
    const waits: number[] = [];
    const stop = apiWaits.subscribe(() => waits.push(apiWaits.snapshot().length));
    const { requests } = mockApi({ 'POST /workspaces': () => answers.shift()! });

    await expect(api.post('/workspaces', { id: 'ws' })).resolves.toEqual({ ok: true });
    stop();
    expect(requests).toHaveLength(3);
    expect(requests.every((r) => JSON.stringify(r.body) === '{"id":"ws"}')).toBe(true);
    // Shown while each wait lasted, gone after.
    expect(waits).toEqual([1, 0, 1, 0]);
  });

  it('gives up after a few tries with the last answer, and never retries a probe', async () => {
    vi.useFakeTimers();
    try {
      signIn('t');
      const { requests } = mockApi({
        'GET /busy': () => apiError(503, 'server_busy', 'All sessions are in use'),
        'GET /ready': () => json(503, { status: 'not_ready', reason: 'starting' }),
      });
      const busy = rejection(api.get('/busy'));
      await vi.runAllTimersAsync();
      expect(await busy).toMatchObject({ status: 503, message: 'All sessions are in use' });
      expect(requests).toHaveLength(5);

      await rejection(apiRequest('/ready', { retry: false }));
      expect(requests).toHaveLength(6);
    } finally {
      vi.useRealTimers();
    }
  });

  it('stops waiting to retry when the request is cancelled', async () => {
    signIn('t');
    mockApi({
      'GET /busy': () => new Response('{}', { status: 429, headers: { 'Retry-After': '30' } }),
    });
    const controller = new AbortController();
    const request = api.get('/busy', { signal: controller.signal });
    await vi.waitFor(() => expect(apiWaits.snapshot()).toHaveLength(1));
    controller.abort();
    await expect(request).rejects.toMatchObject({ name: 'AbortError' });
    expect(apiWaits.snapshot()).toHaveLength(0);
  });

  it('reports an unreachable API as status 0 with a readable message', async () => {
    signIn('t');
    mockApi({ 'GET /me': () => Promise.reject(new TypeError('Failed to fetch')) });

    const error = await rejection(api.get('/me'));

    expect(error.status).toBe(0);
    expect(error.message).toMatch(/Could not reach the API at \/api/);
  });

  it('resolves 204 No Content to undefined', async () => {
    signIn('t');
    mockApi({ 'DELETE /organizations/acme': () => json(204) });

    await expect(api.delete('/organizations/acme')).resolves.toBeUndefined();
  });

  it('signs the user out on 401', async () => {
    signIn('expired-token', { remember: true });
    mockApi({ 'GET /me': () => apiError(401, 'unauthorized', 'invalid token') });

    await expect(api.get('/me')).rejects.toMatchObject({ status: 401 });

    expect(getToken()).toBeNull();
    expect(localStorage.length).toBe(0);
  });

  it('keeps the session when a token being tried out is refused', async () => {
    signIn('good-token');
    mockApi({ 'GET /me': () => apiError(401, 'unauthorized', 'invalid token') });

    await expect(api.get('/me', { token: 'typo' })).rejects.toMatchObject({ status: 401 });

    expect(getToken()).toBe('good-token');
  });

  it('returns the JSON answer as it came, fields it does not know included', async () => {
    signIn('t');
    mockApi({ 'GET /me': () => json(200, { ...me, plan: 'pro' }) });

    expect(await apiRequest('/me')).toEqual({ ...me, plan: 'pro' });
  });
});

describe('binary downloads', () => {
  it('returns the bytes with the same headers as every request', async () => {
    signIn('secret-token');
    const { requests } = mockApi({
      'GET /workspaces/ws/files/f1/content?w=256': () =>
        new Response(new Uint8Array([1, 2, 3]), { headers: { 'Content-Type': 'image/webp' } }),
    });

    const blob = await api.blob('/workspaces/ws/files/f1/content?w=256', { orgId: 'acme' });

    expect(new Uint8Array(await blob.arrayBuffer())).toEqual(new Uint8Array([1, 2, 3]));
    expect(requests[0]?.headers.get('Authorization')).toBe('Bearer secret-token');
    expect(requests[0]?.headers.get('X-Activeloop-Org-Id')).toBe('acme');
  });

  it('turns an error answer into an ApiError, and a 401 signs out', async () => {
    signIn('secret-token');
    mockApi({
      'GET /files/missing': () => apiError(404, 'not_found', 'File missing not found'),
      'GET /files/any': () => apiError(401, 'unauthorized', 'Token expired'),
    });

    const error = await rejection(api.blob('/files/missing'));
    expect(error.status).toBe(404);
    expect(error.message).toBe('File missing not found');

    await rejection(api.blob('/files/any'));
    expect(getToken()).toBeNull();
  });
});

describe('small binary answers as data URLs', () => {
  it('returns the bytes as a data URL of their type, with the same headers as every request', async () => {
    signIn('secret-token');
    const bytes = new Uint8Array(70_000).map((_, i) => (i * 7) % 256);
    const { requests } = mockApi({
      'GET /workspaces/ws/files/f1/content?w=256': () =>
        new Response(bytes, { headers: { 'Content-Type': 'image/jpeg' } }),
    });

    const url = await api.dataUrl('/workspaces/ws/files/f1/content?w=256', { orgId: 'acme' });

    expect(url.startsWith('data:image/jpeg;base64,')).toBe(true);
    const decoded = Uint8Array.from(atob(url.slice(url.indexOf(',') + 1)), (c) => c.charCodeAt(0));
    expect(decoded).toEqual(bytes);
    expect(requests[0]?.headers.get('Authorization')).toBe('Bearer secret-token');
    expect(requests[0]?.headers.get('X-Activeloop-Org-Id')).toBe('acme');
  });

  it('fails like every other request: ApiError, sign-out on 401, status 0 when unreachable', async () => {
    signIn('secret-token');
    mockApi({
      'GET /files/missing': () => apiError(404, 'not_found', 'File missing not found'),
      'GET /files/any': () => apiError(401, 'unauthorized', 'Token expired'),
    });

    const error = await rejection(api.dataUrl('/files/missing'));
    expect(error.status).toBe(404);
    expect(error.message).toBe('File missing not found');
    await rejection(api.dataUrl('/files/any'));
    expect(getToken()).toBeNull();

    vi.stubGlobal(
      'fetch',
      vi.fn(() => Promise.reject(new TypeError('Failed to fetch'))),
    );
    expect((await rejection(api.dataUrl('/files/any'))).status).toBe(0);
  });

  it('refuses an answer past its size limit without reading it all', async () => {
    signIn('secret-token');
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(new Uint8Array(1024));
      },
    });
    mockApi({
      'GET /files/big/content?w=64': () => new Response(endless),
      'GET /files/declared/content?w=64': () =>
        new Response('x'.repeat(5000), { headers: { 'Content-Length': '5000' } }),
    });

    const streamed = await rejection(api.dataUrl('/files/big/content?w=64', { maxBytes: 4096 }));
    expect(streamed.status).toBe(413);
    expect(streamed.message).toMatch(/larger than 4096 bytes/);
    expect(pulled).toBeLessThan(10);
    const declared = await rejection(
      api.dataUrl('/files/declared/content?w=64', { maxBytes: 4096 }),
    );
    expect(declared.status).toBe(413);
    await expect(api.dataUrl('/files/declared/content?w=64', { maxBytes: 5000 })).resolves.toMatch(
      /^data:/,
    );
  });

  it('stays an abort when aborted', async () => {
    signIn('secret-token');
    // A fetch that, like the browser's, rejects when its signal aborts.
    vi.stubGlobal(
      'fetch',
      vi.fn(
        (_input: RequestInfo | URL, init: RequestInit = {}) =>
          new Promise<Response>((_resolve, reject) =>
            init.signal?.addEventListener('abort', () =>
              reject(new DOMException('Aborted', 'AbortError')),
            ),
          ),
      ),
    );
    const controller = new AbortController();
    const request = api.dataUrl('/files/slow', { signal: controller.signal });
    controller.abort();
    await expect(request).rejects.toMatchObject({ name: 'AbortError' });
  });
});

describe('uploads', () => {
  function startUpload(signal?: AbortSignal) {
    FakeXhr.install();
    const progress: [number, number | null][] = [];
    const form = new FormData();
    form.append('file', new Blob(['hello']), 'hello.txt');
    const result = api.upload<{ id: string }>('/workspaces/ws/files', form, {
      orgId: 'acme',
      signal,
      onProgress: (loaded, total) => progress.push([loaded, total]),
    });
    const xhr = FakeXhr.last!;
    return { result, xhr, progress, form };
  }

  it('posts the form with the token and organization, reports progress, and resolves the answer', async () => {
    signIn('secret-token');
    const { result, xhr, progress, form } = startUpload();

    expect(xhr.method).toBe('POST');
    expect(xhr.url).toBe('/api/workspaces/ws/files');
    expect(xhr.headers.get('authorization')).toBe('Bearer secret-token');
    expect(xhr.headers.get('x-activeloop-org-id')).toBe('acme');
    // The browser sets the multipart boundary itself.
    expect(xhr.headers.has('content-type')).toBe(false);
    expect(xhr.body).toBe(form);

    xhr.progress(2, 5);
    xhr.progress(5, 5);
    xhr.answer(201, { id: 'f1' });

    await expect(result).resolves.toEqual({ id: 'f1' });
    expect(progress).toEqual([
      [2, 5],
      [5, 5],
    ]);
  });

  it('rejects with the envelope as an ApiError', async () => {
    signIn('secret-token');
    const { result, xhr } = startUpload();
    xhr.answer(413, { error: { code: 'too_large', message: 'The file is over 5 GiB.' } });

    const error = await rejection(result);
    expect(error.status).toBe(413);
    expect(error.code).toBe('too_large');
    expect(error.message).toBe('The file is over 5 GiB.');
  });

  it('cancels through the abort signal', async () => {
    signIn('secret-token');
    const controller = new AbortController();
    const { result } = startUpload(controller.signal);
    controller.abort();

    await expect(result).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('reports an unreachable API like every other request', async () => {
    signIn('secret-token');
    const { result, xhr } = startUpload();
    xhr.onerror?.();

    const error = await rejection(result);
    expect(error.code).toBe('network_error');
  });

  it('describes a request for another sender: absolute URL, token and organization headers', () => {
    signIn('secret-token');
    setApiBaseUrl('https://api.example.com/v1/');

    expect(requestTarget('/workspaces/ws/files/f/content', { orgId: 'acme' })).toEqual({
      url: 'https://api.example.com/v1/workspaces/ws/files/f/content',
      headers: {
        accept: '*/*',
        authorization: 'Bearer secret-token',
        'x-activeloop-org-id': 'acme',
      },
    });
  });
});
