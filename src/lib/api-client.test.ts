import { describe, expect, it } from 'vitest';
import { apiError, json, mockApi } from '../test/fetch-mock';
import { me } from '../test/fixtures';
import { api, ApiError, apiRequest } from './api-client';
import { getToken, setApiBaseUrl, signIn } from './session';

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
      message: 'Bad Gateway (HTTP 502).',
    });
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
