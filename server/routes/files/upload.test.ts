import fs from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app';
import { createLogger } from '../../logger';
import { createTestServer, type TestServer } from '../../test/harness';
import { filesUnder, multipart, upload } from './test-helpers';

/** Uploads over a real socket: limits as the bytes arrive, and clients that go away. */
const LIMIT = 64 * 1024;
let server: TestServer;
let port: number;
beforeAll(async () => {
  server = await createTestServer({ fileUploadLimitBytes: LIMIT });
  await server.app.listen({ port: 0, host: '127.0.0.1' });
  port = (server.app.server.address() as AddressInfo).port;
});
afterAll(() => server.close());

const listed = async () =>
  (await server.call(server.adminToken, 'GET', '/api/workspaces/default/files')).body.total;
const tempFiles = async () => filesUnder(path.join(server.filesDir, '.tmp'));

async function until(condition: () => Promise<boolean>, what: string, ms = 10_000) {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Starts a multipart upload of `size` bytes and sends only the first `sent` bytes of the body. */
async function partialUpload(size: number, sent: number) {
  const { payload, contentType } = await multipart(Buffer.alloc(size, 7), 'big.bin');
  const request = http.request({
    port,
    host: '127.0.0.1',
    method: 'POST',
    path: '/api/workspaces/default/files',
    headers: {
      authorization: `Bearer ${server.adminToken}`,
      'content-type': contentType,
      'content-length': payload.length,
    },
  });
  const response = new Promise<{
    status: number;
    body: string;
    headers: http.IncomingHttpHeaders;
  }>((resolve, reject) => {
    request.on('response', (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode!, body, headers: res.headers }));
    });
    request.on('error', reject);
  });
  // A destroyed request rejects it; the tests that look at it await it.
  response.catch(() => {});
  request.on('error', () => {});
  request.write(payload.subarray(0, sent));
  return { request, response: () => response };
}

describe('the upload limit', () => {
  it('answers 413 in the one error envelope, lists nothing and leaves no temporary file', async () => {
    const res = await upload(server, Buffer.alloc(LIMIT + 1, 1), 'over.bin');
    expect(res.status).toBe(413);
    expect(res.body.error).toEqual({
      code: 'payload_too_large',
      message: `The file is larger than the upload limit (${LIMIT} bytes)`,
    });
    expect(res.headers.connection).toBe('close');
    expect(await listed()).toBe(0);
    expect(await tempFiles()).toEqual([]);
  });

  it('takes a file of exactly the limit', async () => {
    const res = await upload(server, Buffer.alloc(LIMIT, 2), 'exact.bin');
    expect(res.status).toBe(201);
    expect(res.body.size).toBe(LIMIT);
    await server.call(server.adminToken, 'DELETE', `/api/workspaces/default/files/${res.body.id}`);
  });

  it('stops an oversized upload while it streams, before the client has sent it all', async () => {
    const upload = await partialUpload(8 * 1024 * 1024, 256 * 1024);
    // The body is far from complete, yet the answer comes.
    const res = await upload.response();
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body).error.code).toBe('payload_too_large');
    upload.request.destroy();
    await until(async () => (await tempFiles()).length === 0, 'the temporary file is gone');
    expect(await listed()).toBe(0);
  });

  it('refuses at once a body whose declared length is far over the limit', async () => {
    const res = await upload(server, Buffer.alloc(2 * 1024 * 1024), 'huge.bin');
    expect(res.status).toBe(413);
    expect(await tempFiles()).toEqual([]);
  });
});

describe('a client that goes away halfway', () => {
  it('leaves nothing listed and no temporary file', async () => {
    const upload = await partialUpload(LIMIT - 1024, 32 * 1024);
    // The server has started writing the file when the client disappears.
    await until(
      async () => (await tempFiles()).some((name) => name.endsWith('.part')),
      'the upload is being written',
    );
    upload.request.destroy();
    await until(async () => (await tempFiles()).length === 0, 'the temporary file is gone');
    expect(await listed()).toBe(0);
    expect(await filesUnder(server.filesDir)).toEqual([]);
  });
});

describe('long uploads', () => {
  it('are not cut off by a request or socket timeout', () => {
    expect(server.app.server.requestTimeout).toBe(0);
    expect(server.app.server.timeout).toBe(0);
  });
});

describe('leftovers of a crash', () => {
  it('are removed when an app opens the store', async () => {
    // A temporary folder of a process that no longer exists, with half an upload in it.
    const dead = path.join(server.filesDir, '.tmp', `999999999-abcdef-${os.hostname()}`);
    await fs.mkdir(dead, { recursive: true });
    await fs.writeFile(path.join(dead, 'half.part'), 'half');
    const other = await buildApp({
      db: server.db,
      logger: createLogger('silent'),
      filesDir: server.filesDir,
    });
    await expect(fs.stat(dead)).rejects.toThrow(/ENOENT/);
    // The running app's own temporary folder is left alone.
    expect((await fs.readdir(path.join(server.filesDir, '.tmp'))).length).toBe(2);
    await other.close();
    expect((await fs.readdir(path.join(server.filesDir, '.tmp'))).length).toBe(1);
  });
});
