import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, type TestServer } from './test/harness';

let server: TestServer;
beforeAll(async () => {
  server = await createTestServer();
});
afterAll(() => server.close());

describe('the API as a whole', () => {
  it('answers /health and /ready without a token', async () => {
    expect(await server.call(null, 'GET', '/api/health')).toMatchObject({
      status: 200,
      body: { status: 'ok' },
    });
    expect(await server.call(null, 'GET', '/api/ready')).toMatchObject({
      status: 200,
      body: { status: 'ready' },
    });
  });

  it.each([
    [null, 'Sign in'],
    ['not-a-real-token', 'not valid'],
  ])('refuses token %s with 401 in the error envelope', async (token, message) => {
    const res = await server.call(token, 'GET', '/api/me');
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('unauthorized');
    expect(res.body.error.message).toContain(message);
  });

  it('refuses a malformed Authorization header', async () => {
    const res = await server.call(null, 'GET', '/api/organizations', {
      headers: { authorization: 'Basic abc' },
    });
    expect(res.status).toBe(401);
  });

  it('returns /me in the contract’s shape', async () => {
    const res = await server.call(server.adminToken, 'GET', '/api/me');
    expect(res.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      email: 'admin@example.com',
      name: 'admin',
      display_name: 'admin',
      verified: true,
      organizations: ['default'],
      date_joined: expect.any(Number),
    });
    // Epoch seconds, as the hosted service sends it: a whole number, and about now.
    expect(Number.isInteger(res.body.date_joined)).toBe(true);
    expect(Math.abs(res.body.date_joined - Date.now() / 1000)).toBeLessThan(600);
  });

  it('answers /me/notifications in the hosted shape, empty, as the hosted clients read it', async () => {
    const res = await server.call(server.adminToken, 'GET', '/api/me/notifications', {
      headers: { 'content-type': 'application/json' },
    });
    expect(res).toMatchObject({ status: 200, body: { notifications: [] } });
    expect((await server.call(null, 'GET', '/api/me/notifications')).status).toBe(401);
  });

  it('answers malformed JSON with 400, never 500', async () => {
    const res = await server.call(server.adminToken, 'POST', '/api/organizations', {
      body: '{"id": "x",',
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(400);
    expect(res.body.error).toEqual({
      code: 'bad_request',
      message: expect.stringContaining('JSON'),
    });
  });

  it('answers a body of the wrong type with 400', async () => {
    for (const body of ['[]', '"text"', 'null', '42']) {
      const res = await server.call(server.adminToken, 'POST', '/api/workspaces', {
        body,
        headers: { 'content-type': 'application/json' },
      });
      expect(res.status, body).toBe(400);
      expect(res.body.error.code).toBe('bad_request');
    }
  });

  it('answers a body that is not JSON at all with 400', async () => {
    const res = await server.call(server.adminToken, 'POST', '/api/organizations', {
      body: 'id=x',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('application/json');
  });

  it('answers an oversized body with 413 and writes nothing', async () => {
    const res = await server.call(server.adminToken, 'POST', '/api/organizations', {
      body: JSON.stringify({ id: 'huge', name: 'x'.repeat(2 * 1024 * 1024) }),
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('payload_too_large');
    expect(
      await server.db.query(`SELECT 1 FROM deeplake_console.organizations WHERE id = 'huge'`),
    ).toHaveLength(0);
  });

  it('answers unknown API paths with a 404 envelope', async () => {
    const res = await server.call(server.adminToken, 'GET', '/api/nope');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('not_found');
  });
});
