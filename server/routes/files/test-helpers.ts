import fs from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { expect } from 'vitest';
import type { TestServer } from '../../test/harness';
import { encodeForm } from '../../test/multipart';

/** A multipart body as browsers, curl and requests send it, with `file` as the file field. */
export async function multipart(
  content: Buffer | string,
  filename: string,
  type = '',
  field = 'file',
): Promise<{ payload: Buffer; contentType: string }> {
  return encodeForm([[field, { content, filename, type }]]);
}

export async function upload(
  server: TestServer,
  content: Buffer | string,
  filename: string,
  { type = '', token = server.adminToken, ws = 'default' } = {},
) {
  const { payload, contentType } = await multipart(content, filename, type);
  return server.call(token, 'POST', `/api/workspaces/${ws}/files`, {
    body: payload,
    headers: { 'content-type': contentType },
  });
}

/** The content endpoint's answer with its bytes as they are. */
export async function content(
  server: TestServer,
  id: string,
  { query = '', headers = {}, method = 'GET' as 'GET' | 'HEAD', ws = 'default' } = {},
) {
  const res = await server.app.inject({
    method,
    url: `/api/workspaces/${ws}/files/${id}/content${query}`,
    headers: { authorization: `Bearer ${server.adminToken}`, ...headers },
  });
  return { status: res.statusCode, headers: res.headers, bytes: res.rawPayload };
}

/** Every file under `dir`, as paths relative to it. */
export async function filesUnder(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
    .sort();
}

/** A PNG of one colour, `width` × `height`. */
export const png = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: { r: 200, g: 40, b: 40 } } })
    .png()
    .toBuffer();

/** Uploads a file to the default workspace as the admin, expecting it stored. */
export async function uploadedFile(
  server: TestServer,
  bytes: Buffer | string,
  filename: string,
  type = '',
) {
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
