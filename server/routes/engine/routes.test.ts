import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, type TestServer } from '../../test/harness';
import { multipart, upload } from '../files/test-helpers';

/**
 * The older File API (seed 003) at /engine/<workspace>/api/v1/file/: listing folders and
 * matching paths, uploading (into a folder with ?dir), deleting by path; the same access rules
 * as /api/workspaces/:ws; db_commit=True writing and deleting table rows with the file; one store with
 * the workspace's files API.
 */

let server: TestServer;
let viewer: { id: string; token: string };
let stranger: { id: string; token: string };

beforeAll(async () => {
  server = await createTestServer();
  viewer = await server.member('engine-viewer@example.com', { role: 'viewer' });
  stranger = await server.user('engine-stranger@example.com');
  const org = await server.call(stranger.token, 'POST', '/api/organizations', {
    body: { id: 'elsewhere', name: 'Elsewhere' },
  });
  expect(org.status).toBe(201);
  const ws = await server.call(stranger.token, 'POST', '/api/workspaces', {
    org: 'elsewhere',
    body: { id: 'theirs', name: 'Theirs' },
  });
  expect(ws.status).toBe(201);
});
afterAll(() => server.close());

/** A statement in the default workspace, as the admin; its rows. */
const sql = (query: string) => server.sql(query);

/** A File API call; `query` is the query string as sent, without its `?`. */
function engine(
  method: 'GET' | 'POST' | 'DELETE',
  query = '',
  {
    token = server.adminToken,
    ws = 'default',
    headers = {},
    body,
  }: {
    token?: string | null;
    ws?: string;
    headers?: Record<string, string>;
    body?: unknown;
  } = {},
) {
  const url = `/engine/${ws}/api/v1/file/${query ? `?${query}` : ''}`;
  return server.call(token, method, url, { headers, ...(body === undefined ? {} : { body }) });
}

async function engineUpload(
  content: Buffer | string,
  filename: string,
  query = '',
  options: { token?: string; ws?: string } = {},
) {
  const { payload, contentType } = await multipart(content, filename);
  return engine('POST', query, {
    ...options,
    body: payload,
    headers: { 'content-type': contentType },
  });
}

async function stored(content: string, filename: string, query = '') {
  const res = await engineUpload(content, filename, query);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; path: string; name: string };
}

const allFiles = async () =>
  (await server.call(server.adminToken, 'GET', '/api/workspaces/default/files?limit=1000')).body
    .files as { id: string; path: string; filename: string }[];

const tempFiles = async () =>
  (await fs.readdir(path.join(server.filesDir, '.tmp'), { recursive: true })).filter(
    (name) => !/^[^/]+$/.test(String(name)),
  );

describe('uploading', () => {
  it('puts the seed’s types in drive and the rest in drive/others, numbering a taken name', async () => {
    const png = await stored('png bytes', 'Sunset.PNG');
    expect(png).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      path: 'drive/Sunset.PNG',
      name: 'Sunset.PNG',
      content_type: expect.any(String),
      size: 9,
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      created_at: expect.any(String),
    });
    expect((await stored('again', 'Sunset.PNG')).path).toBe('drive/Sunset (2).PNG');
    expect((await stored('a note', 'notes.txt')).path).toBe('drive/others/notes.txt');
    // The bytes are the file's, under its id, as the workspace API stores them.
    const bytes = await fs.readFile(path.join(server.filesDir, 'default', png.id), 'utf8');
    expect(bytes).toBe('png bytes');
  });

  it('puts any type in the ?dir folder, made as needed', async () => {
    const note = await stored('in a folder', 'notes.txt', 'dir=photos/2024');
    expect(note.path).toBe('drive/photos/2024/notes.txt');
    expect((await stored('slashes', 'clip.mp4', 'dir=/photos/')).path).toBe(
      'drive/photos/clip.mp4',
    );
    // A name that is a folder's is taken too.
    expect((await stored('root', 'photos', 'dir=')).path).toBe('drive/photos (2)');
  });

  it('refuses a bad ?dir, or one that is a file, before reading the upload', async () => {
    const bad = await engineUpload('x', 'x.txt', 'dir=a/../b');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toBe(
      'dir "a/../b" (the folder drive/a/../b) has ".." as segment 3',
    );
    expect(bad.headers.connection).toBe('close');
    const file = await engineUpload('x', 'x.txt', 'dir=Sunset.PNG/inner');
    expect(file.status).toBe(409);
    expect(file.body.error.message).toBe(
      'dir: drive/Sunset.PNG is a file, so it cannot be a folder',
    );
    const back = await engineUpload('x', 'x.txt', 'dir=a%5Cb');
    expect(back.status).toBe(400);
    expect(back.body.error.message).toMatch(/backslash/);
  });

  it('with db_commit=True, records the path in the table, in the same transaction', async () => {
    const before = await allFiles();
    const refusals: [string, string][] = [
      ['db_commit=True', 'db_commit=True needs table_name and column_name'],
      ['db_commit=True&table_name=items', 'db_commit=True needs table_name and column_name'],
      [
        'db_commit=True&table_name=missing&column_name=image',
        'table: the workspace has no table "missing" to record the file in',
      ],
      ['db_commit=yes', 'db_commit must be True or False, not "yes"'],
    ];
    for (const [query, message] of refusals) {
      const res = await engineUpload('would go in a table', 'row.jpg', query);
      expect(res.status, query).toBe(400);
      expect(res.body.error.code).toBe('bad_request');
      expect(res.body.error.message).toContain(message);
      expect(res.headers.connection).toBe('close');
    }
    expect(await allFiles()).toEqual(before);
    expect(await tempFiles()).toEqual([]);

    await sql('CREATE TABLE items (id serial, image text, label text NOT NULL DEFAULT $$x$$)');
    for (const value of ['True', 'true']) {
      const res = await engineUpload(
        `row ${value}`,
        `row-${value}.jpg`,
        `db_commit=${value}&table_name=items&column_name=image`,
      );
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(res.body.path).toBe(`drive/row-${value}.jpg`);
      expect(res.body.recorded).toEqual({
        table: 'items',
        column: 'image',
        match: 'path',
        value: `drive/row-${value}.jpg`,
      });
    }
    expect(await sql('SELECT image FROM items ORDER BY id')).toEqual([
      ['drive/row-True.jpg'],
      ['drive/row-true.jpg'],
    ]);
    // False, with a table: stored, and the table left alone.
    const off = await engineUpload(
      'kept',
      'kept.jpg',
      'db_commit=False&table_name=t&column_name=c',
    );
    expect(off.status).toBe(201);
    expect(off.body.path).toBe('drive/kept.jpg');
    expect(off.body.recorded).toBeUndefined();
  });

  it('checks the multipart body as the API does', async () => {
    const noBoundary = await engine('POST', '', {
      body: 'x',
      headers: { 'content-type': 'multipart/form-data' },
    });
    expect(noBoundary.status).toBe(400);
    expect(noBoundary.body.error.message).toMatch(/boundary/);
    const json = await engine('POST', '', { body: { file: 'x' } });
    expect(json.status).toBe(400);
    expect(json.body.error.message).toMatch(/multipart/);
    const nul = await engine('GET', 'file_path=drive%00');
    expect(nul.status).toBe(400);
    expect(nul.body.error.message).toMatch(/NUL/);
    const nulJson = await engine('DELETE', 'file_path=drive/x', {
      body: '{"a":"\\u0000"}',
      headers: { 'content-type': 'application/json' },
    });
    expect(nulJson.status).toBe(400);
    expect(nulJson.body.error.message).toMatch(/NUL/);
  });
});

describe('uploads at once, and the size limit', () => {
  it('gives uploads of one name at the same time distinct paths', async () => {
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) => engineUpload(`copy ${i}`, 'same.jpg', 'dir=race')),
    );
    expect(results.map((res) => res.status)).toEqual(Array(6).fill(201));
    expect(results.map((res) => res.body.path).sort()).toEqual([
      'drive/race/same (2).jpg',
      'drive/race/same (3).jpg',
      'drive/race/same (4).jpg',
      'drive/race/same (5).jpg',
      'drive/race/same (6).jpg',
      'drive/race/same.jpg',
    ]);
    for (const res of results) {
      expect(
        (await engine('DELETE', `file_path=${encodeURIComponent(res.body.path)}`)).status,
      ).toBe(200);
    }
    expect((await engine('DELETE', 'file_path=drive/race')).status).toBe(200);
  });

  it('refuses a file over the upload limit with 413, as the workspace API does', async () => {
    const limited = await createTestServer({ fileUploadLimitBytes: 1024 });
    try {
      const { payload, contentType } = await multipart(Buffer.alloc(4096, 1), 'big.jpg');
      const res = await limited.call(limited.adminToken, 'POST', '/engine/default/api/v1/file/', {
        body: payload,
        headers: { 'content-type': contentType },
      });
      expect(res.status).toBe(413);
      expect(res.body.error.message).toBe('The file is larger than the upload limit (1024 bytes)');
      const listed = await limited.call(limited.adminToken, 'GET', '/engine/default/api/v1/file/');
      expect(listed.body.files).toEqual([]);
    } finally {
      await limited.close();
    }
  });
});

describe('listing', () => {
  it('lists what is directly in drive for no file_path, an empty one, drive or drive/', async () => {
    for (const query of ['', 'file_path=', 'file_path=drive', 'file_path=drive/']) {
      const res = await engine('GET', query);
      expect(res.status, query).toBe(200);
      expect(res.body.path).toBe('drive');
      expect(res.body.folders).toEqual([
        { path: 'drive/others', name: 'others' },
        { path: 'drive/photos', name: 'photos' },
      ]);
      const paths = res.body.files.map((file: any) => file.path);
      expect(paths).toContain('drive/Sunset.PNG');
      expect(paths).toContain('drive/photos (2)');
      expect(paths.every((p: string) => p.split('/').length === 2)).toBe(true);
      expect(res.body.truncated).toBe(false);
    }
  });

  it('lists a folder', async () => {
    const res = await engine('GET', 'file_path=drive/photos');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      path: 'drive/photos',
      folders: [{ path: 'drive/photos/2024', name: '2024' }],
      files: [expect.objectContaining({ path: 'drive/photos/clip.mp4', name: 'clip.mp4' })],
      truncated: false,
    });
  });

  it('matches whole paths to a regular expression, + as typed', async () => {
    const txt = await engine('GET', 'file_path=drive/.+%5C.txt');
    expect(txt.status).toBe(200);
    expect(txt.body.pattern).toBe(String.raw`drive/.+\.txt`);
    expect(txt.body.files.map((file: any) => file.path)).toEqual([
      'drive/others/notes.txt',
      'drive/photos/2024/notes.txt',
    ]);
    // The whole path: "notes" alone matches none.
    expect((await engine('GET', 'file_path=notes')).body.files).toEqual([]);
    const folders = await engine('GET', 'file_path=(?i)drive/PHOTOS.*');
    expect(folders.body.folders.map((f: any) => f.path)).toEqual([
      'drive/photos',
      'drive/photos/2024',
    ]);
    expect(folders.body.files.map((f: any) => f.path)).toEqual([
      'drive/photos (2)',
      'drive/photos/2024/notes.txt',
      'drive/photos/clip.mp4',
    ]);
    const exact = await engine('GET', 'file_path=drive/Sunset.PNG');
    expect(exact.body.files.map((f: any) => f.path)).toEqual(['drive/Sunset.PNG']);
  });

  it('says why a regular expression was not run: too long, invalid or too slow', async () => {
    const long = await engine('GET', `file_path=${'a'.repeat(1001)}`);
    expect(long.status).toBe(400);
    expect(long.body.error.message).toMatch(/^file_path is longer than 1000 characters/);
    const invalid = await engine('GET', 'file_path=drive/(unclosed');
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.message).toMatch(
      /^file_path names no folder, and is not a valid regular expression: invalid regular expression/,
    );
    await stored('a', `${'a'.repeat(200)}.txt`, `dir=${'a'.repeat(60)}`);
    const started = Date.now();
    const slow = await engine('GET', `file_path=${encodeURIComponent(SLOW_PATTERN)}`);
    expect(slow.status, JSON.stringify(slow.body)).toBe(400);
    expect(slow.body.error.message).toMatch(/took longer than 2000 ms to match, so it was stopped/);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it("shares the patterns' connections: one person's third slow pattern is told to wait", async () => {
    const slow = `file_path=${encodeURIComponent(SLOW_PATTERN)}`;
    // One at a time per person: the admin's second waits for the first (2 s), the third gives
    // up after 3 s of waiting; the viewer, another person, runs beside them.
    const answers = await Promise.all([
      engine('GET', slow),
      engine('GET', slow),
      engine('GET', slow),
      engine('GET', slow, { token: viewer.token }),
    ]);
    const statuses = answers.map((answer) => answer.status);
    expect(statuses.filter((status) => status === 400)).toHaveLength(3);
    const busy = answers.find((answer) => answer.status === 503)!;
    expect(busy.body.error).toMatchObject({ code: 'server_busy' });
    expect(busy.headers['retry-after']).toMatch(/^\d+$/);
    expect(statuses[3]).toBe(400);
  });
});

/**
 * A pattern PostgreSQL's matcher (backtracking over back-references) takes far longer than the
 * timeout for on a path of a few hundred characters.
 */
const SLOW_PATTERN = String.raw`(.*)(.*)(.*)(.*)(.*)(.*)\6\5\4\3\2\1.*`;

describe('deleting', () => {
  it('deletes a file by path: its row and its bytes', async () => {
    const file = await stored('bye', 'bye.txt', 'dir=trash');
    const res = await engine('DELETE', 'file_path=drive/trash/bye.txt');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      deleted: 'file',
      file: expect.objectContaining({ id: file.id, path: 'drive/trash/bye.txt' }),
    });
    const gone = await server.call(
      server.adminToken,
      'GET',
      `/api/workspaces/default/files/${file.id}`,
    );
    expect(gone.status).toBe(404);
    await expect(fs.stat(path.join(server.filesDir, 'default', file.id))).rejects.toThrow();
    // The folder stays, empty, until deleted itself.
    const folder = await engine('GET', 'file_path=drive/trash');
    expect(folder.body).toMatchObject({ path: 'drive/trash', folders: [], files: [] });
    const removed = await engine('DELETE', 'file_path=drive/trash/');
    expect(removed.status).toBe(200);
    expect(removed.body).toEqual({
      deleted: 'folder',
      folder: { path: 'drive/trash', name: 'trash' },
    });
    const after = await engine('GET', 'file_path=drive/trash');
    expect(after.body.pattern).toBe('drive/trash');
    expect((await engine('DELETE', 'file_path=drive/trash')).status).toBe(404);
  });

  it('refuses a folder that is not empty (409), an unknown path (404) and bad ones (400)', async () => {
    const full = await engine('DELETE', 'file_path=drive/photos');
    expect(full.status).toBe(409);
    expect(full.body.error).toEqual({
      code: 'conflict',
      message:
        'The folder drive/photos is not empty (2 file(s) and 1 folder(s) under it): delete what is in it first',
    });
    const unknown = await engine('DELETE', 'file_path=drive/nothing.jpg');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toEqual({
      code: 'not_found',
      message: 'Nothing at drive/nothing.jpg in workspace "default"',
    });
    const none = await engine('DELETE');
    expect(none.status).toBe(400);
    expect(none.body.error.message).toMatch(/^file_path: give the path/);
    const root = await engine('DELETE', 'file_path=drive');
    expect(root.status).toBe(400);
    expect(root.body.error.message).toBe('drive is the root folder: it cannot be deleted');
    const dots = await engine('DELETE', 'file_path=drive/photos/../x');
    expect(dots.status).toBe(400);
    expect(dots.body.error.message).toBe('file_path "drive/photos/../x" has ".." as segment 3');
    const outside = await engine('DELETE', 'file_path=etc/passwd');
    expect(outside.status).toBe(400);
    expect(outside.body.error.message).toMatch(/must start with drive\//);
  });

  it('with db_commit=True, deletes the rows that hold the path too, and says how many', async () => {
    const up = await engineUpload(
      'with rows',
      'with-rows.jpg',
      'db_commit=True&table_name=items&column_name=image',
    );
    expect(up.status).toBe(201);
    await sql(`INSERT INTO items (image) VALUES ('drive/with-rows.jpg'), ('drive/other.jpg')`);
    const missing = await engine(
      'DELETE',
      'db_commit=True&file_path=drive/with-rows.jpg&table_name=nope&column_name=image',
    );
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toBe(
      'table: the workspace has no table "nope" to record the file in',
    );
    const res = await engine(
      'DELETE',
      'db_commit=True&file_path=drive/with-rows.jpg&table_name=items&column_name=image',
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({
      deleted: 'file',
      file: { path: 'drive/with-rows.jpg' },
      rows_deleted: 2,
      deleted_rows: [{ table: 'items', column: 'image', match: 'path', rows: 2 }],
    });
    expect(
      await sql(`SELECT count(*)::int FROM items WHERE image = 'drive/with-rows.jpg'`),
    ).toEqual([[0]]);
    expect(await sql(`SELECT count(*)::int FROM items WHERE image = 'drive/other.jpg'`)).toEqual([
      [1],
    ]);
    expect((await allFiles()).map((file) => file.path)).not.toContain('drive/with-rows.jpg');
    // A file no row names: deleted, and the answer says none went with it.
    await engineUpload('alone', 'alone.jpg');
    const alone = await engine(
      'DELETE',
      'db_commit=True&file_path=drive/alone.jpg&table_name=items&column_name=image',
    );
    expect(alone.body).toMatchObject({ rows_deleted: 0, deleted_rows: [{ rows: 0 }] });
  });
});

describe('who may', () => {
  it('lets a viewer list, not upload or delete (403)', async () => {
    expect((await engine('GET', '', { token: viewer.token })).status).toBe(200);
    const up = await engineUpload('x', 'x.jpg', '', { token: viewer.token });
    expect(up.status).toBe(403);
    expect(up.body.error.message).toMatch(
      /^You are a viewer in "default".*you cannot upload files/,
    );
    expect(up.headers.connection).toBe('close');
    const del = await engine('DELETE', 'file_path=drive/kept.jpg', { token: viewer.token });
    expect(del.status).toBe(403);
    expect(del.body.error.message).toMatch(/you cannot delete files/);
  });

  it("answers the same 404 for another organization's workspace as for none", async () => {
    for (const ws of ['theirs', 'nowhere']) {
      const expected = { error: { code: 'not_found', message: `Workspace "${ws}" not found` } };
      const list = await engine('GET', 'file_path=(', { ws });
      expect(list.status).toBe(404);
      expect(list.body).toEqual(expected);
      const up = await engineUpload('x', 'x.jpg', 'db_commit=True', { ws });
      expect(up.body).toEqual(expected);
      expect(up.headers.connection).toBe('close');
      const del = await engine('DELETE', 'file_path=drive/kept.jpg', { ws });
      expect(del.body).toEqual(expected);
    }
    // Their own workspace is theirs to use.
    const own = await engineUpload('mine', 'mine.jpg', '', { token: stranger.token, ws: 'theirs' });
    expect(own.status).toBe(201);
    expect((await allFiles()).map((file) => file.id)).not.toContain(own.body.id);
  });

  it('needs a token', async () => {
    const res = await engine('GET', '', { token: null });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('unauthorized');
  });
});

describe('one store for both APIs', () => {
  it('lists and deletes through either what was uploaded through the other', async () => {
    const viaApi = await upload(server, 'from the api', 'shared.wav');
    expect(viaApi.status).toBe(201);
    expect(viaApi.body.path).toBe('drive/shared.wav');
    const listed = await engine('GET', 'file_path=drive/shared.wav');
    expect(listed.body.files).toEqual([
      expect.objectContaining({ id: viaApi.body.id, path: 'drive/shared.wav', size: 12 }),
    ]);

    const viaEngine = await stored('from the engine', 'report.pdf', 'dir=reports');
    const info = await server.call(
      server.adminToken,
      'GET',
      `/api/workspaces/default/files/${viaEngine.id}`,
    );
    expect(info.body).toMatchObject({ filename: 'report.pdf', path: 'drive/reports/report.pdf' });
    const content = await server.app.inject({
      url: `/api/workspaces/default/files/${viaEngine.id}/content`,
      headers: { authorization: `Bearer ${server.adminToken}` },
    });
    expect(content.body).toBe('from the engine');

    expect((await engine('DELETE', 'file_path=drive/shared.wav')).status).toBe(200);
    expect(
      (
        await server.call(
          server.adminToken,
          'GET',
          `/api/workspaces/default/files/${viaApi.body.id}`,
        )
      ).status,
    ).toBe(404);
    const apiDelete = await server.call(
      server.adminToken,
      'DELETE',
      `/api/workspaces/default/files/${viaEngine.id}`,
    );
    expect(apiDelete.status).toBe(204);
    expect((await engine('GET', 'file_path=drive/reports')).body.files).toEqual([]);
    await expect(fs.stat(path.join(server.filesDir, 'default', viaEngine.id))).rejects.toThrow();
  });
});

describe('paths that are not the File API', () => {
  it('answers JSON 404s under /engine', async () => {
    for (const [method, url] of [
      ['GET', '/engine/default/api/v1/other'],
      ['POST', '/engine/default'],
      ['GET', '/engine'],
    ] as const) {
      const res = await server.call(server.adminToken, method, url);
      expect(res.status, url).toBe(404);
      expect(res.body.error.code).toBe('not_found');
    }
  });

  it('serves the File API without the trailing slash too', async () => {
    const res = await server.call(server.adminToken, 'GET', '/engine/default/api/v1/file');
    expect(res.status).toBe(200);
    expect(res.body.path).toBe('drive');
  });
});
