import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app';
import { createLogger } from '../../logger';

/** The SPA's fallback to index.html never answers an /engine path: those are JSON 404s. */
let dir: string;
let app: FastifyInstance;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'deeplake-spa-engine-'));
  await fs.writeFile(path.join(dir, 'index.html'), '<!doctype html><title>console</title>');
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

describe('/engine beside the SPA', () => {
  it('is a JSON 404 where nothing serves it, never the page', async () => {
    for (const url of ['/engine', '/engine/', '/engine/default/api/v1/file/', '/engine/x?y=1']) {
      const res = await app.inject({ url });
      expect(res.statusCode, url).toBe(404);
      expect(res.json().error.code, url).toBe('not_found');
    }
    // Client routes that merely start with the word are still the page.
    expect((await app.inject({ url: '/engines' })).statusCode).toBe(200);
  });
});
