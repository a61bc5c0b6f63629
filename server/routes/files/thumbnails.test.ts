import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import zlib from 'node:zlib';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, type TestServer } from '../../test/harness';
import { content, png, uploadedFile } from './test-helpers';

/** Thumbnails of uploaded images: made on request or right after the upload, cached, bounded. */

let server: TestServer;
beforeAll(async () => {
  server = await createTestServer();
});
afterAll(() => server.close());

const uploaded = (bytes: Buffer | string, filename: string, type = '') =>
  uploadedFile(server, bytes, filename, type);

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
