import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from './app';
import { createLogger } from './logger';

/** The built SPA served beside the API, with client-side routes falling back to index.html. */
let dir: string;
let app: FastifyInstance;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'deeplake-spa-'));
  await fs.mkdir(path.join(dir, 'assets'));
  await fs.writeFile(path.join(dir, 'index.html'), '<!doctype html><title>console</title>');
  await fs.writeFile(path.join(dir, 'assets', 'index-abc123.js'), 'console.log(1)');
  await fs.writeFile(path.join(dir, 'favicon.svg'), '<svg/>');
  await fs.writeFile(path.join(os.tmpdir(), 'secret.txt'), 'not for you');
  app = await buildApp({
    logger: createLogger('silent'),
    proxyTarget: 'http://127.0.0.1:1/api',
    staticDir: dir,
  });
});
afterAll(async () => {
  await app.close();
  await fs.rm(dir, { recursive: true, force: true });
});

describe('serving the SPA', () => {
  it('serves index.html for client-side routes, never cached', async () => {
    for (const url of ['/', '/index.html', '/organizations', '/organizations/acme/members']) {
      const res = await app.inject({ url });
      expect(res.statusCode, url).toBe(200);
      expect(res.body).toContain('<title>console</title>');
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.headers['content-security-policy']).toMatch(/script-src 'self';/);
      expect(res.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
    }
  });

  it('serves fingerprinted assets as immutable, and other files unfingerprinted', async () => {
    const asset = await app.inject({ url: '/assets/index-abc123.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toContain('immutable');
    const icon = await app.inject({ url: '/favicon.svg' });
    expect(icon.statusCode).toBe(200);
    expect(icon.headers['cache-control']).toBe('no-cache');
  });

  it('answers 404 for a missing file rather than the page, and never leaves its folder', async () => {
    expect((await app.inject({ url: '/assets/missing.js' })).statusCode).toBe(404);
    for (const url of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt']) {
      const res = await app.inject({ url });
      expect(res.body, url).not.toContain('not for you');
    }
    expect((await app.inject({ url: '/%E0%A4%A' })).statusCode).toBe(400);
  });

  it('never answers an /engine path (the older File API) with the page: a JSON 404', async () => {
    for (const url of ['/engine', '/engine/', '/engine/default/api/v1/file/', '/engine/x?y=1']) {
      const res = await app.inject({ url });
      expect(res.statusCode, url).toBe(404);
      expect(res.json().error.code, url).toBe('not_found');
    }
    // Client routes that merely start with the word are still the page.
    expect((await app.inject({ url: '/engines' })).statusCode).toBe(200);
  });
});
