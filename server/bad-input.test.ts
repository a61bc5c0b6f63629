import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from './app';
import { createLogger } from './logger';
import { createTestServer, type TestServer } from './test/harness';

/**
 * Input no client should send: each is a 4xx in the one error envelope, never a 500 and never
 * Fastify's own error format.
 */
let server: TestServer;
let spaDir: string;
let withSpa: FastifyInstance;
beforeAll(async () => {
  server = await createTestServer();
  spaDir = await fs.mkdtemp(path.join(os.tmpdir(), 'deeplake-bad-input-spa-'));
  await fs.mkdir(path.join(spaDir, 'assets'));
  await fs.writeFile(path.join(spaDir, 'index.html'), '<!doctype html><title>console</title>');
  // As the server runs: the API on Postgres and the built SPA beside it.
  withSpa = await buildApp({ db: server.db, logger: createLogger('silent'), staticDir: spaDir });
});
afterAll(async () => {
  await withSpa.close();
  await server.close();
  await fs.rm(spaDir, { recursive: true, force: true });
});

const envelope = (code = 'bad_request') => ({ error: { code, message: expect.any(String) } });

async function get(app: FastifyInstance, url: string) {
  const res = await app.inject({ url, headers: { authorization: `Bearer ${server.adminToken}` } });
  const json = String(res.headers['content-type']).includes('json');
  return { status: res.statusCode, body: json ? res.json() : res.body };
}

const json = (body: string) => ({ body, headers: { 'content-type': 'application/json' } });

describe('NUL bytes', () => {
  it.each(['/%00', '/api/%00', '/assets/%00.js', '/a%00b.html', '/api/workspaces/%00'])(
    'in the path %s',
    async (url) => {
      const res = await get(withSpa, url);
      expect(res.status).toBe(400);
      expect(res.body).toEqual(envelope());
      expect(res.body.error.message).toMatch(/NUL/);
    },
  );

  it.each([
    '/api/workspaces/default/tables/a%00b',
    '/api/workspaces/default/files/a%00b',
    '/api/organizations/de%00fault',
    '/api/workspaces/default/files?q=a%00b',
    '/api/workspaces/default/files?content_type=image%00',
  ])('in ids, names and the query string: %s', async (url) => {
    const res = await server.call(server.adminToken, 'GET', url);
    expect(res.status).toBe(400);
    expect(res.body).toEqual(envelope());
    expect(res.body.error.message).toMatch(/NUL/);
  });

  it('in organization and workspace names, on create and rename, writing nothing', async () => {
    const token = server.adminToken;
    const attempts = [
      server.call(token, 'POST', '/api/organizations', { body: { id: 'nul', name: 'A\u0000' } }),
      server.call(token, 'PATCH', '/api/organizations/default', { body: { name: 'A\u0000B' } }),
      server.call(token, 'POST', '/api/workspaces', { body: { id: 'nul', name: '\u0000' } }),
      server.call(token, 'PATCH', '/api/workspaces/default', { body: { name: 'A\u0000B' } }),
    ];
    for (const res of await Promise.all(attempts)) {
      expect(res.status).toBe(400);
      expect(res.body).toEqual(envelope());
      expect(res.body.error.message).toMatch(/NUL/);
    }
    expect(
      await server.db.query(
        `SELECT id FROM deeplake_console.organizations WHERE id = 'nul' OR name LIKE 'A%B'
          UNION ALL
         SELECT id FROM deeplake_console.workspaces WHERE id = 'nul' OR name LIKE 'A%B'`,
      ),
    ).toEqual([]);
  });

  it('in any JSON string or key, however it is escaped', async () => {
    const token = server.adminToken;
    const query = '/api/workspaces/default/tables/query';
    for (const body of [
      '{"query": "SELECT $1::text", "params": ["a\\u0000b"]}',
      '{"query": "SELECT 1 -- \\u0000"}',
      '{"query": "SELECT 1", "\\u0000": 1}',
      '{"query": "SELECT $1::jsonb", "params": [{"a": ["\\\\\\u0000"]}]}',
    ]) {
      const res = await server.call(token, 'POST', query, json(body));
      expect(res.status, body).toBe(400);
      expect(res.body, body).toEqual(envelope());
      expect(res.body.error.message).toMatch(/NUL/);
    }
    // An escaped backslash before "u0000" is text, not a NUL.
    const text = await server.call(
      token,
      'POST',
      query,
      json('{"query": "SELECT $1::text AS t", "params": ["\\\\u0000"]}'),
    );
    expect(text.status, JSON.stringify(text.body)).toBe(200);
    expect(text.body.rows).toEqual([['\\u0000']]);
  });
});

describe('JSON nesting', () => {
  const deep = (levels: number) => `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;

  it('refuses query params nested 10,000 levels deep, saying the limit', async () => {
    const nested = `${'['.repeat(10_000)}1${']'.repeat(10_000)}`;
    for (const [url, body] of [
      ['query', `{"query": "SELECT $1::jsonb", "params": [${nested}]}`],
      ['query/batch', `{"query": "SELECT $1::jsonb", "params_batch": [[${nested}]]}`],
      ['query', `{"query": "SELECT $1::jsonb", "params": [${deep(10_000)}]}`],
    ]) {
      const res = await server.call(
        server.adminToken,
        'POST',
        `/api/workspaces/default/tables/${url}`,
        json(body!),
      );
      expect(res.status).toBe(400);
      expect(res.body).toEqual(envelope());
      expect(res.body.error.message).toMatch(/64 levels/);
    }
  });

  it('refuses any body nested past 64 levels, and takes one at 64', async () => {
    const past = await server.call(
      server.adminToken,
      'POST',
      '/api/organizations',
      json(`{"id": "deep", "name": "x", "extra": ${deep(64)}}`),
    );
    expect(past.status).toBe(400);
    expect(past.body.error.message).toMatch(/64 levels/);
    // The body is one level, "params" a second: a value 62 deep makes 64 in all.
    const at = await server.call(
      server.adminToken,
      'POST',
      '/api/workspaces/default/tables/query',
      json(`{"query": "SELECT $1::jsonb #>> '{a,a,a}' AS v", "params": [${deep(62)}]}`),
    );
    expect(at.status, JSON.stringify(at.body)).toBe(200);
  });

  it('does not count brackets inside strings', async () => {
    const res = await server.call(
      server.adminToken,
      'POST',
      '/api/workspaces/default/tables/query',
      json(`{"query": "SELECT length($1::text) AS n", "params": ["${'[{'.repeat(500)}\\""]}`),
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.rows).toEqual([[1001]]);
  });
});

describe('malformed URLs', () => {
  it.each(['/api/x/%c0%ae', '/api/workspaces/%c0', '/api/workspaces/default/tables/%E0%A4%A'])(
    '%s is a 400 in the envelope',
    async (url) => {
      for (const app of [server.app, withSpa]) {
        const res = await get(app, url);
        expect(res.status).toBe(400);
        expect(res.body).toEqual(envelope());
      }
    },
  );

  it('is a 400 in the envelope in proxy mode too', async () => {
    const proxy = await buildApp({
      logger: createLogger('silent'),
      proxyTarget: 'http://127.0.0.1:1/api',
    });
    try {
      for (const url of ['/api/x/%c0%ae', '/api/workspaces/default/files?q=%c0', '/api/%00']) {
        const res = await get(proxy, url);
        expect(res.status, url).toBe(400);
        expect(res.body, url).toEqual(envelope());
      }
    } finally {
      await proxy.close();
    }
  });

  it('answers an unknown API path with the 404 envelope, not the SPA', async () => {
    for (const url of ['/api/nope', '/api', '/api/workspaces/default/nope/x']) {
      const res = await get(withSpa, url);
      expect(res.status, url).toBe(404);
      expect(res.body, url).toEqual(envelope('not_found'));
    }
    expect((await get(withSpa, '/organizations')).status).toBe(200);
  });
});

describe('multipart bodies', () => {
  const urls = ['/api/workspaces/default/files', '/api/workspaces/default/tables'];
  const body = (boundary: string) =>
    `--${boundary}\r\nContent-Disposition: form-data; name="table_name"\r\n\r\nt\r\n` +
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\n` +
    `a\n1\n\r\n--${boundary}--\r\n`;

  it.each([
    ['no boundary', 'multipart/form-data'],
    ['no boundary, another parameter', 'multipart/form-data; charset=utf-8'],
    ['an empty boundary', 'multipart/form-data; boundary='],
    ['a boundary over 200 characters', `multipart/form-data; boundary=${'b'.repeat(300)}`],
    ['a quoted boundary over 200 characters', `multipart/form-data; boundary="${'b'.repeat(201)}"`],
  ])('with %s is a 400', async (_, contentType) => {
    for (const url of urls) {
      const res = await server.call(server.adminToken, 'POST', url, {
        body: body('b'.repeat(300)),
        headers: { 'content-type': contentType },
      });
      expect(res.status, url).toBe(400);
      expect(res.body).toEqual(envelope());
      expect(res.body.error.message).toMatch(/boundary/);
    }
  });

  it('with a boundary of 200 characters is read', async () => {
    const boundary = 'b'.repeat(200);
    const res = await server.call(server.adminToken, 'POST', urls[0]!, {
      body: body(boundary),
      headers: { 'content-type': `multipart/form-data; boundary="${boundary}"` },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.filename).toBe('a.csv');
  });
});

describe('what already holds', () => {
  it('answers 431 to headers too large', async () => {
    await server.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = server.app.server.address() as net.AddressInfo;
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = net.connect(port, '127.0.0.1');
      let text = '';
      socket.on('data', (chunk) => (text += chunk.toString('latin1')));
      socket.on('end', () => resolve(text));
      socket.on('error', reject);
      socket.end(`GET /api/health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(64 * 1024)}\r\n\r\n`);
    });
    expect(answer).toMatch(/^HTTP\/1\.1 431 /);
  });
});
