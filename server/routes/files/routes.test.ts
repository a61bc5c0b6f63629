import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import zlib from 'node:zlib';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, type TestServer } from '../../test/harness';
import { encodeForm } from '../../test/multipart';
import { content, filesUnder, multipart, upload } from './test-helpers';

let server: TestServer;
beforeAll(async () => {
  server = await createTestServer();
});
afterAll(() => server.close());

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const png = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: { r: 200, g: 40, b: 40 } } })
    .png()
    .toBuffer();

async function uploaded(bytes: Buffer | string, filename: string, type = '') {
  const res = await upload(server, bytes, filename, { type });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as {
    id: string;
    filename: string;
    content_type: string;
    size: number;
    sha256: string;
  };
}

describe('upload and download', () => {
  it('streams a multi-megabyte file to disk and back, with its size and SHA-256', async () => {
    const bytes = randomBytes(6 * 1024 * 1024 + 123);
    const file = await uploaded(bytes, 'blob.bin', 'application/octet-stream');
    expect(file).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      filename: 'blob.bin',
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

describe('content types from the bytes', () => {
  it('records a PNG sent as application/octet-stream as image/png, served inline', async () => {
    const file = await uploaded(await png(20, 10), 'photo', 'application/octet-stream');
    expect(file.content_type).toBe('image/png');
    const res = await content(server, file.id);
    expect(res.headers['content-type']).toBe('image/png');
    expect(res.headers['content-disposition']).toMatch(/^inline; filename="photo"/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('records HTML that claims to be image/png as HTML, and serves it as a sandboxed attachment', async () => {
    const html = '\uFEFF  <!DOCTYPE html><html><script>alert(document.cookie)</script></html>';
    const file = await uploaded(html, 'cat.png', 'image/png');
    expect(file.content_type).toBe('text/html');
    const res = await content(server, file.id);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="cat.png"/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toMatch(/sandbox/);
    expect(res.headers['content-security-policy']).toMatch(/default-src 'none'/);
  });

  it('serves SVG, XML and script-capable claims as sandboxed attachments', async () => {
    const svg = await uploaded(
      '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
      'logo.svg',
      'image/svg+xml',
    );
    expect(svg.content_type).toBe('image/svg+xml');
    const res = await content(server, svg.id);
    expect(res.headers['content-disposition']).toMatch(/^attachment;/);
    expect(res.headers['content-security-policy']).toMatch(/sandbox/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');

    // Bytes that say nothing do not get a script-capable type on the client's word.
    const claimed = await uploaded('just words', 'page.html', 'text/html');
    expect(claimed.content_type).toBe('text/plain; charset=utf-8');
    const binary = await uploaded(Buffer.from([0, 1, 2, 3, 250]), 'x.js', 'text/javascript');
    expect(binary.content_type).toBe('application/octet-stream');
  });

  it("keeps the client's type when the bytes say nothing and it is harmless", async () => {
    const csv = await uploaded('a,b\n1,2\n', 'data.csv', 'text/csv');
    expect(csv.content_type).toBe('text/csv; charset=utf-8');
    const res = await content(server, csv.id);
    // Not on the inline list: offered as a download.
    expect(res.headers['content-disposition']).toMatch(/^attachment;/);
    // A claim of a type whose bytes we know is not believed when they are missing.
    const fake = await uploaded(randomBytes(64).fill(7), 'fake.png', 'image/png');
    expect(fake.content_type).toBe('application/octet-stream');
  });

  it('forces a download with ?download=1', async () => {
    const file = await uploaded(await png(4, 4), 'small.png', 'image/png');
    const res = await content(server, file.id, { query: '?download=1' });
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="small.png"/);
  });
});

describe('file names in Content-Disposition', () => {
  it('sends a safe ASCII fallback and the exact UTF-8 name', async () => {
    const name = 'Résumé "final" — 東京 v2.pdf';
    const file = await uploaded('%PDF-1.4\n%%EOF\n', name, 'application/pdf');
    expect(file.filename).toBe(name);
    expect(file.content_type).toBe('application/pdf');
    const res = await content(server, file.id);
    const header = String(res.headers['content-disposition']);
    expect(header).toBe(
      `inline; filename="Resume 'final' _ __ v2.pdf"; ` +
        `filename*=UTF-8''R%C3%A9sum%C3%A9%20%22final%22%20%E2%80%94%20%E6%9D%B1%E4%BA%AC%20v2.pdf`,
    );
    // PDF viewers do not run in a sandboxed document, so a PDF shown inline has no CSP.
    expect(res.headers['content-security-policy']).toBeUndefined();
    const fallback = /filename="([^"]*)"/.exec(header)![1]!;
    expect(fallback).toMatch(/^[\x20-\x7e]*$/);
    expect(decodeURIComponent(/filename\*=UTF-8''(.*)$/.exec(header)![1]!)).toBe(name);
  });

  it('drops bidi controls and zero-width characters, and keeps the rest NFC', async () => {
    const spoofed = await uploaded('x', 'invoice\u202etxt.exe', 'text/plain');
    expect(spoofed.filename).toBe('invoicetxt.exe');
    const hidden = await uploaded(
      'x',
      '\ufeffre\u200bport\u200c\u200d\u2060\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u2066\u2067\u2068\u2069 2024.txt',
      'text/plain',
    );
    expect(hidden.filename).toBe('report 2024.txt');
    // Decomposed as macOS sends it, stored composed; emoji joined by ZWJ lose only the joiner.
    const decomposed = await uploaded('x', 'Cafe\u0301 \u{1F469}\u200d\u{1F4BB}.txt', 'text/plain');
    expect(decomposed.filename).toBe('Caf\u00e9 \u{1F469}\u{1F4BB}.txt');
    const onlyHidden = await uploaded('x', '\u202e\u200b', 'text/plain');
    expect(onlyHidden.filename).toBe('file');

    const listed = await server.call(
      server.adminToken,
      'GET',
      '/api/workspaces/default/files?limit=1000',
    );
    const names = listed.body.files.map((file: any) => file.filename).join('');
    expect(names).not.toMatch(/[\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\u061c\ufeff]/);
    const res = await content(server, spoofed.id);
    expect(decodeURIComponent(String(res.headers['content-disposition']).split("''")[1]!)).toBe(
      'invoicetxt.exe',
    );
  });

  it('shows names stored before the rule without them too', async () => {
    const id = '00000000-0000-4000-8000-00000000b1d1';
    await server.db.query(
      `INSERT INTO deeplake_console.files (id, workspace_id, filename, content_type, size, sha256)
       VALUES ($1, 'default', $2, 'text/plain', 1, $3)`,
      [id, 'old\u202egpj.exe', '0'.repeat(64)],
    );
    const res = await server.call(server.adminToken, 'GET', `/api/workspaces/default/files/${id}`);
    expect(res.body.filename).toBe('oldgpj.exe');
    const listed = await server.call(
      server.adminToken,
      'GET',
      '/api/workspaces/default/files?q=gpj',
    );
    expect(listed.body.files.map((file: any) => file.filename)).toEqual(['oldgpj.exe']);
    await server.db.query('DELETE FROM deeplake_console.files WHERE id = $1', [id]);
  });

  it('never stores the name as a path', async () => {
    const file = await uploaded('x', '../../etc/passwd', 'text/plain');
    expect(file.filename).toBe('passwd');
    const windows = await uploaded('x', 'C:\\Users\\me\\notes.txt', 'text/plain');
    expect(windows.filename).toBe('notes.txt');
    expect(await filesUnder(server.filesDir)).toContain(path.join('default', file.id));
  });
});

describe('ranges and validators', () => {
  let bytes: Buffer;
  let id: string;
  beforeAll(async () => {
    bytes = randomBytes(1000);
    id = (await uploaded(bytes, 'range.bin')).id;
  });

  it.each([
    ['bytes=0-99', 0, 99],
    ['bytes=100-', 100, 999],
    ['bytes=-100', 900, 999],
    ['bytes=990-5000', 990, 999],
  ])('answers %s with 206 and those bytes', async (range, start, end) => {
    const res = await content(server, id, { headers: { range } });
    expect(res.status).toBe(206);
    expect(res.headers['content-range']).toBe(`bytes ${start}-${end}/1000`);
    expect(res.headers['content-length']).toBe(String(end - start + 1));
    expect(res.bytes.equals(bytes.subarray(start, end + 1))).toBe(true);
  });

  it('answers a range past the end with 416 and the size', async () => {
    const res = await content(server, id, { headers: { range: 'bytes=1000-' } });
    expect(res.status).toBe(416);
    expect(res.headers['content-range']).toBe('bytes */1000');
    expect(JSON.parse(res.bytes.toString()).error.code).toBe('range_not_satisfiable');
  });

  it('answers several ranges, or a malformed one, with the whole file', async () => {
    for (const range of ['bytes=0-1,5-6', 'lines=1-2', 'bytes=abc']) {
      const res = await content(server, id, { headers: { range } });
      expect(res.status, range).toBe(200);
      expect(res.bytes.equals(bytes)).toBe(true);
    }
  });

  it('answers 304 to a matching If-None-Match, and honours If-Range', async () => {
    const etag = `"${sha256(bytes)}"`;
    const same = await content(server, id, { headers: { 'if-none-match': `"other", ${etag}` } });
    expect(same.status).toBe(304);
    expect(same.headers.etag).toBe(etag);
    expect(same.bytes.length).toBe(0);
    const changed = await content(server, id, { headers: { 'if-none-match': '"other"' } });
    expect(changed.status).toBe(200);

    const stale = await content(server, id, {
      headers: { range: 'bytes=0-9', 'if-range': '"other"' },
    });
    expect(stale.status).toBe(200);
    expect(stale.bytes.length).toBe(1000);
    const current = await content(server, id, {
      headers: { range: 'bytes=0-9', 'if-range': etag },
    });
    expect(current.status).toBe(206);
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
      ['content_type', 'created_at', 'filename', 'id', 'sha256', 'size'].sort(),
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

describe('thumbnails', () => {
  it('makes a JPEG at most w wide, caches it on disk, and revalidates with its own ETag', async () => {
    const file = await uploaded(await png(300, 200), 'big.png', 'image/png');
    const first = await content(server, file.id, { query: '?w=64' });
    expect(first.status).toBe(200);
    expect(first.headers['content-type']).toBe('image/jpeg');
    expect(first.headers.vary).toMatch(/Accept/);
    // Never rewritten: kept by the browser, per token and organization.
    expect(first.headers['cache-control']).toBe('private, max-age=2592000, immutable');
    expect(first.headers.vary).toBe('Accept, Authorization, x-activeloop-org-id');
    const meta = await sharp(first.bytes).metadata();
    expect(meta.format).toBe('jpeg');
    expect(meta.width).toBeLessThanOrEqual(64);
    expect(meta.height).toBe(Math.round((64 * 200) / 300));
    expect(first.headers.etag).toBe(`"${file.sha256}-w64.jpeg"`);

    const cached = path.join(server.filesDir, 'default', `${file.id}.thumbs`, '64.jpeg');
    const { mtimeMs } = await fs.stat(cached);
    const second = await content(server, file.id, { query: '?w=64' });
    expect(second.bytes.equals(first.bytes)).toBe(true);
    expect((await fs.stat(cached)).mtimeMs).toBe(mtimeMs);

    const notModified = await content(server, file.id, {
      query: '?w=64',
      headers: { 'if-none-match': first.headers.etag as string },
    });
    expect(notModified.status).toBe(304);
    // The original's ETag does not validate the thumbnail.
    const original = await content(server, file.id, {
      query: '?w=64',
      headers: { 'if-none-match': `"${file.sha256}"` },
    });
    expect(original.status).toBe(200);
  });

  it('makes a thumbnail once for many requests at once', async () => {
    const file = await uploaded(await png(600, 400), 'popular.png', 'image/png');
    const answers = await Promise.all(
      Array.from({ length: 6 }, () => content(server, file.id, { query: '?w=100' })),
    );
    expect(answers.map((answer) => answer.status)).toEqual(Array(6).fill(200));
    expect(answers.every((answer) => answer.bytes.equals(answers[0]!.bytes))).toBe(true);
    const thumbs = await fs.readdir(path.join(server.filesDir, 'default', `${file.id}.thumbs`));
    expect(thumbs).toContain('100.jpeg');
    expect(thumbs.filter((name) => !/^(256|512)\.jpeg$/.test(name))).toEqual(['100.jpeg']);
  });

  it("makes the gallery's thumbnails right after an upload, without being asked", async () => {
    const file = await uploaded(await png(1200, 900), 'ahead.png', 'image/png');
    const dir = path.join(server.filesDir, 'default', `${file.id}.thumbs`);
    let thumbs: string[] = [];
    for (let i = 0; i < 100 && thumbs.length < 2; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      thumbs = (await fs.readdir(dir).catch(() => [])).sort();
    }
    expect(thumbs).toEqual(['256.jpeg', '512.jpeg']);
    const res = await content(server, file.id, { query: '?w=512' });
    expect(res.headers['content-type']).toBe('image/jpeg');
    expect(await sharp(res.bytes).metadata()).toMatchObject({ width: 512, height: 384 });
  });

  it('makes WebP for clients that accept it, and never enlarges', async () => {
    const file = await uploaded(await png(40, 30), 'tiny.png', 'image/png');
    const res = await content(server, file.id, {
      query: '?w=512',
      headers: { accept: 'image/avif,image/webp,*/*' },
    });
    expect(res.headers['content-type']).toBe('image/webp');
    const meta = await sharp(res.bytes).metadata();
    expect(meta).toMatchObject({ format: 'webp', width: 40, height: 30 });
  });

  it('takes the first frame of an animated GIF', async () => {
    const frame = (r: number) =>
      sharp({ create: { width: 50, height: 40, channels: 3, background: { r, g: 0, b: 0 } } })
        .png()
        .toBuffer();
    const gif = await sharp([await frame(255), await frame(0)], { join: { animated: true } })
      .gif()
      .toBuffer();
    expect((await sharp(gif).metadata()).pages).toBe(2);
    const file = await uploaded(gif, 'anim.gif', 'image/gif');
    expect(file.content_type).toBe('image/gif');
    const res = await content(server, file.id, { query: '?w=32' });
    const meta = await sharp(res.bytes).metadata();
    expect(meta).toMatchObject({ format: 'jpeg', width: 32, height: Math.round((32 * 40) / 50) });
  });

  it('sends the file itself for non-images and for images it cannot read', async () => {
    const text = await uploaded('not an image', 'a.txt', 'text/plain');
    const res = await content(server, text.id, { query: '?w=64' });
    expect(res.status).toBe(200);
    expect(res.bytes.toString()).toBe('not an image');
    expect(res.headers.etag).toBe(`"${text.sha256}"`);
    // The original is revalidated each time, thumbnail request or not.
    expect(res.headers['cache-control']).toBe('private, no-cache');

    const broken = Buffer.concat([(await png(10, 10)).subarray(0, 40), randomBytes(50)]);
    const bad = await uploaded(broken, 'broken.png', 'image/png');
    expect(bad.content_type).toBe('image/png');
    for (let i = 0; i < 2; i++) {
      const fallback = await content(server, bad.id, { query: '?w=64' });
      expect(fallback.status).toBe(200);
      expect(fallback.bytes.equals(broken)).toBe(true);
    }
  });

  it('refuses a decompression bomb without decoding it', async () => {
    // A tiny PNG whose header claims 200000 x 200000 pixels.
    const bomb = Buffer.from(await png(1, 1));
    bomb.writeUInt32BE(200_000, 16);
    bomb.writeUInt32BE(200_000, 20);
    bomb.writeUInt32BE(zlib.crc32(bomb.subarray(12, 29)), 29);
    const file = await uploaded(bomb, 'bomb.png', 'image/png');
    const res = await content(server, file.id, { query: '?w=64' });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('image/png');
    expect(res.bytes.length).toBe(bomb.length);
  });

  it.each(['?w=8', '?w=2000', '?w=abc'])('answers %s with 400', async (query) => {
    const file = await uploaded(await png(10, 10), 'w.png', 'image/png');
    const res = await content(server, file.id, { query });
    expect(res.status).toBe(400);
    expect(JSON.parse(res.bytes.toString()).error.message).toMatch(
      /w must be a whole number from 16 to 1024/,
    );
  });
});
