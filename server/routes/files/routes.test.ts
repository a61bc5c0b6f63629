import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, type TestServer } from '../../test/harness';
import { encodeForm } from '../../test/multipart';
import { content, filesUnder, multipart, png, upload, uploadedFile } from './test-helpers';

let server: TestServer;
beforeAll(async () => {
  server = await createTestServer();
});
afterAll(() => server.close());

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const uploaded = (bytes: Buffer | string, filename: string, type = '') =>
  uploadedFile(server, bytes, filename, type);

describe('upload and download', () => {
  it('streams a multi-megabyte file to disk and back, with its size and SHA-256', async () => {
    const bytes = randomBytes(6 * 1024 * 1024 + 123);
    const file = await uploaded(bytes, 'blob.bin', 'application/octet-stream');
    expect(file).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      filename: 'blob.bin',
      path: 'drive/others/blob.bin',
      content_type: 'application/octet-stream',
      size: bytes.length,
      sha256: sha256(bytes),
      created_at: expect.any(String),
    });

    const info = await server.call(
      server.adminToken,
      'GET',
      `/api/workspaces/default/files/${file.id}`,
    );
    expect(info.status).toBe(200);
    expect(info.body).toEqual(file);

    const res = await content(server, file.id);
    expect(res.status).toBe(200);
    expect(res.headers['content-length']).toBe(String(bytes.length));
    expect(res.headers.etag).toBe(`"${sha256(bytes)}"`);
    expect(res.headers['accept-ranges']).toBe('bytes');
    expect(res.headers['last-modified']).toBe(new Date(info.body.created_at).toUTCString());
    expect(sha256(res.bytes)).toBe(sha256(bytes));

    // Stored under its id alone, and nothing is left in the temporary folder.
    const stored = await filesUnder(server.filesDir);
    expect(stored).toContain(path.join('default', file.id));
    expect(stored.filter((name) => name.startsWith('.tmp'))).toEqual([]);
  });

  it('keeps an empty file', async () => {
    const file = await uploaded('', 'empty.txt', 'text/plain');
    expect(file.size).toBe(0);
    const res = await content(server, file.id);
    expect(res.status).toBe(200);
    expect(res.headers['content-length']).toBe('0');
    expect(res.bytes.length).toBe(0);
  });

  it('answers HEAD with the headers of GET and no body', async () => {
    const file = await uploaded(randomBytes(5000), 'head.bin');
    const res = await content(server, file.id, { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(res.headers['content-length']).toBe('5000');
    expect(res.headers.etag).toBe(`"${file.sha256}"`);
    expect(res.bytes.length).toBe(0);
  });

  it('refuses a body that is not multipart, or has no file field', async () => {
    const json = await server.call(server.adminToken, 'POST', '/api/workspaces/default/files', {
      body: { file: 'x' },
    });
    expect(json.status).toBe(400);
    expect(json.body.error.message).toMatch(/multipart/);
    const { payload, contentType } = await multipart('hello', 'a.txt', 'text/plain', 'other');
    const noFile = await server.call(server.adminToken, 'POST', '/api/workspaces/default/files', {
      body: payload,
      headers: { 'content-type': contentType },
    });
    expect(noFile.status).toBe(400);
    expect(noFile.body.error.message).toMatch(/"file"/);

    const twoFiles = await encodeForm([
      ['file', { content: 'one', filename: 'one.txt' }],
      ['file', { content: 'two', filename: 'two.txt' }],
    ]);
    const two = await server.call(server.adminToken, 'POST', '/api/workspaces/default/files', {
      body: twoFiles.payload,
      headers: { 'content-type': twoFiles.contentType },
    });
    expect(two.status).toBe(400);
    expect(two.body.error.message).toMatch(/one file per request/);
    const listed = await server.call(
      server.adminToken,
      'GET',
      '/api/workspaces/default/files?q=one.txt',
    );
    expect(listed.body.total).toBe(0);
  });

  it('answers 404 for an unknown or malformed file id', async () => {
    for (const id of ['0b6a5a4e-9a8f-4a43-9d35-6a3ad2a1f000', 'not-a-uuid']) {
      for (const suffix of ['', '/content']) {
        const res = await server.call(
          server.adminToken,
          'GET',
          `/api/workspaces/default/files/${id}${suffix}`,
        );
        expect(res.status, `${id}${suffix}`).toBe(404);
        expect(res.body.error.code).toBe('not_found');
      }
    }
  });
});

describe('listing', () => {
  let ids: string[];
  beforeAll(async () => {
    await server.call(server.adminToken, 'POST', '/api/workspaces', {
      body: { id: 'gallery', name: 'Gallery' },
    });
    ids = [];
    const image = await png(8, 8);
    for (const [name, bytes, type] of [
      ['Beach.png', image, 'image/png'],
      ['beach-notes.txt', 'notes', 'text/plain'],
      ['forest.png', image, 'image/png'],
      ['100%_done.txt', 'done', 'text/plain'],
      ['clip.bin', randomBytes(100), 'application/octet-stream'],
    ] as const) {
      const res = await upload(server, bytes, name, { type, ws: 'gallery' });
      expect(res.status).toBe(201);
      ids.push(res.body.id);
    }
  });

  const list = (query: string) =>
    server.call(server.adminToken, 'GET', `/api/workspaces/gallery/files${query}`);

  it('pages newest first, with the total', async () => {
    const all = await list('');
    expect(all.status).toBe(200);
    expect(all.body).toMatchObject({ total: 5, limit: 20, offset: 0 });
    expect(all.body.files.map((file: any) => file.id)).toEqual([...ids].reverse());
    expect(Object.keys(all.body.files[0]).sort()).toEqual(
      ['content_type', 'created_at', 'filename', 'id', 'path', 'sha256', 'size'].sort(),
    );

    const page = await list('?limit=2&offset=2');
    expect(page.body).toMatchObject({ total: 5, limit: 2, offset: 2 });
    expect(page.body.files.map((file: any) => file.id)).toEqual([ids[2], ids[1]]);
    const past = await list('?limit=2&offset=10');
    expect(past.body).toMatchObject({ files: [], total: 5 });
  });

  it('filters by content type prefix and by name, ignoring case', async () => {
    const images = await list('?content_type=image/');
    expect(images.body.total).toBe(2);
    expect(images.body.files.map((file: any) => file.filename)).toEqual([
      'forest.png',
      'Beach.png',
    ]);
    const beach = await list('?q=BEACH');
    expect(beach.body.files.map((file: any) => file.filename)).toEqual([
      'beach-notes.txt',
      'Beach.png',
    ]);
    const both = await list('?q=beach&content_type=image/png');
    expect(both.body.total).toBe(1);
    // LIKE wildcards in the search are plain characters.
    const percent = await list('?q=%25_');
    expect(percent.body.files.map((file: any) => file.filename)).toEqual(['100%_done.txt']);
  });

  it.each([
    ['?limit=0', /limit must be a whole number from 1 to 1000/],
    ['?limit=1001', /limit/],
    ['?limit=abc', /limit/],
    ['?limit=2.5', /limit/],
    ['?offset=-1', /offset must be a whole number 0 or more/],
    ['?limit=1&limit=2', /limit: give it once/],
  ])('answers %s with 400', async (query, message) => {
    const res = await list(query);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('bad_request');
    expect(res.body.error.message).toMatch(message);
  });
});

describe('deleting', () => {
  it('removes the record and the bytes', async () => {
    const file = await uploaded(await png(64, 64), 'gone.png', 'image/png');
    await content(server, file.id, { query: '?w=32' });
    const res = await server.call(
      server.adminToken,
      'DELETE',
      `/api/workspaces/default/files/${file.id}`,
    );
    expect(res.status).toBe(204);
    const again = await server.call(
      server.adminToken,
      'DELETE',
      `/api/workspaces/default/files/${file.id}`,
    );
    expect(again.status).toBe(404);
    expect((await content(server, file.id)).status).toBe(404);
    expect((await filesUnder(server.filesDir)).filter((name) => name.includes(file.id))).toEqual(
      [],
    );
  });

  it('removes the files of a deleted workspace, and of a deleted organization', async () => {
    await server.call(server.adminToken, 'POST', '/api/workspaces', {
      body: { id: 'doomed', name: 'Doomed' },
    });
    const inWorkspace = await upload(server, 'bye', 'a.txt', { ws: 'doomed' });
    expect(inWorkspace.status).toBe(201);
    expect(await filesUnder(path.join(server.filesDir, 'doomed'))).toEqual([inWorkspace.body.id]);
    const res = await server.call(server.adminToken, 'DELETE', '/api/workspaces/doomed');
    expect(res.status).toBe(204);
    await expect(fs.stat(path.join(server.filesDir, 'doomed'))).rejects.toThrow(/ENOENT/);
    const [row] = await server.db.query(
      'SELECT count(*)::int AS n FROM deeplake_console.files WHERE workspace_id = $1',
      ['doomed'],
    );
    expect(row).toEqual({ n: 0 });

    const owner = await server.user('org-owner@example.com');
    await server.call(owner.token, 'POST', '/api/organizations', {
      body: { id: 'shortlived', name: 'Short-lived' },
    });
    await server.call(owner.token, 'POST', '/api/workspaces', {
      body: { id: 'shortlived-ws', name: 'W' },
      org: 'shortlived',
    });
    const inOrg = await upload(server, 'bye', 'b.txt', { ws: 'shortlived-ws', token: owner.token });
    expect(inOrg.status).toBe(201);
    expect((await server.call(owner.token, 'DELETE', '/api/organizations/shortlived')).status).toBe(
      204,
    );
    await expect(fs.stat(path.join(server.filesDir, 'shortlived-ws'))).rejects.toThrow(/ENOENT/);
  });
});

describe('who may use files', () => {
  it('lets members upload and read, and hides everything from non-members', async () => {
    const owner = await server.user('files-owner@example.com');
    const member = await server.user('files-member@example.com');
    const stranger = await server.user('files-stranger@example.com');
    await server.call(owner.token, 'POST', '/api/organizations', {
      body: { id: 'files-org', name: 'Files' },
    });
    await server.call(owner.token, 'POST', '/api/workspaces', {
      body: { id: 'files-ws', name: 'Files' },
      org: 'files-org',
    });
    const invited = await server.call(owner.token, 'POST', '/api/organizations/files-org/members', {
      body: { email: 'files-member@example.com', role: 'member' },
    });
    expect(invited.status).toBe(201);

    const mine = await upload(server, 'member bytes', 'm.txt', {
      token: member.token,
      ws: 'files-ws',
    });
    expect(mine.status).toBe(201);
    const base = '/api/workspaces/files-ws/files';
    expect((await server.call(member.token, 'GET', base)).body.total).toBe(1);
    expect((await server.call(member.token, 'GET', `${base}/${mine.body.id}/content`)).body).toBe(
      'member bytes',
    );

    const theirs = await upload(server, 'x', 'x.txt', { token: stranger.token, ws: 'files-ws' });
    expect(theirs.status).toBe(404);
    for (const [method, url] of [
      ['GET', base],
      ['GET', `${base}/${mine.body.id}`],
      ['GET', `${base}/${mine.body.id}/content`],
      ['DELETE', `${base}/${mine.body.id}`],
    ] as const) {
      const res = await server.call(stranger.token, method, url);
      expect(res.status, `${method} ${url}`).toBe(404);
      expect(res.body.error.message).toMatch(/Workspace "files-ws" not found/);
    }
    // Files of one workspace are not reachable through another.
    const elsewhere = await server.call(
      server.adminToken,
      'GET',
      `/api/workspaces/default/files/${mine.body.id}`,
    );
    expect(elsewhere.status).toBe(404);

    expect((await server.call(member.token, 'DELETE', `${base}/${mine.body.id}`)).status).toBe(204);
  });
});
