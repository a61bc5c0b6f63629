import { createHash, randomBytes } from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, type TestServer } from '../../test/harness';
import { content, filesUnder, png, uploadedFile } from './test-helpers';

/**
 * Serving a file: the content type judged from its bytes (and sandboxed when it could run
 * script), its name in Content-Disposition, ranges and conditional requests.
 */

let server: TestServer;
beforeAll(async () => {
  server = await createTestServer();
});
afterAll(() => server.close());

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const uploaded = (bytes: Buffer | string, filename: string, type = '') =>
  uploadedFile(server, bytes, filename, type);

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
      `INSERT INTO deeplake_console.files
         (id, workspace_id, filename, path, content_type, size, sha256)
       VALUES ($1, 'default', $2, 'drive/others/oldgpj.exe', 'text/plain', 1, $3)`,
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
