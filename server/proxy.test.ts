import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from './app';
import { createLogger } from './logger';
import { createTestServer, type TestServer } from './test/harness';

/** Proxy mode, tested with a second instance of our own server as the hosted API. */
let upstream: TestServer;
let proxy: FastifyInstance;

beforeAll(async () => {
  upstream = await createTestServer();
  await upstream.app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = upstream.app.server.address() as { port: number };
  proxy = await buildApp({
    logger: createLogger('silent'),
    proxyTarget: `http://127.0.0.1:${port}/api/`,
  });
});
afterAll(async () => {
  await proxy.close();
  await upstream.close();
});

const viaProxy = (
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  url: string,
  {
    token = upstream.adminToken,
    body,
    headers = {},
  }: { token?: string | null; body?: string; headers?: Record<string, string> } = {},
) =>
  proxy.inject({
    method,
    url,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    ...(body !== undefined ? { payload: body } : {}),
  });

describe('proxy mode', () => {
  it('forwards requests with the Authorization header and returns the upstream answer', async () => {
    const res = await viaProxy('GET', '/api/me');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ email: 'admin@example.com' });
  });

  it('forwards bodies, query strings and the org header', async () => {
    const created = await viaProxy('POST', '/api/organizations', {
      body: JSON.stringify({ id: 'proxied', name: 'Proxied' }),
      headers: { 'content-type': 'application/json' },
    });
    expect(created.statusCode).toBe(201);
    const ws = await viaProxy('POST', '/api/workspaces?ignored=1', {
      body: JSON.stringify({ id: 'proxied-ws', name: 'Through the proxy' }),
      headers: { 'content-type': 'application/json', 'x-activeloop-org-id': 'proxied' },
    });
    expect(ws.statusCode).toBe(201);
    expect(ws.json().workspace.org_id).toBe('proxied');
    const list = await viaProxy('GET', '/api/workspaces', {
      headers: { 'x-activeloop-org-id': 'proxied' },
    });
    expect(list.json().data.map((w: { id: string }) => w.id)).toEqual(['proxied-ws']);
  });

  it('passes the upstream’s errors through unchanged', async () => {
    const res = await viaProxy('GET', '/api/me', { token: null });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('unauthorized');
    const bad = await viaProxy('POST', '/api/organizations', {
      body: '{nope',
      headers: { 'content-type': 'application/json' },
    });
    expect(bad.statusCode).toBe(400);
  });

  it('answers 502 in the error envelope when the upstream is down', async () => {
    const orphan = await buildApp({
      logger: createLogger('silent'),
      proxyTarget: 'http://127.0.0.1:1/api',
    });
    const res = await orphan.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(502);
    expect(res.json().error.code).toBe('bad_gateway');
    await orphan.close();
  });
});
