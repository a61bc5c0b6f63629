import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, type TestServer } from '../../test/harness';
import { encodeForm } from '../../test/multipart';

/**
 * Folders of the drive on `/api`: listing the folders in one, making one, deleting an empty one,
 * moving a file into one, and listing the files directly in one; the older File API sees what
 * these did.
 */

let server: TestServer;
beforeAll(async () => {
  server = await createTestServer();
});
afterAll(() => server.close());

const WS = '/api/workspaces/default';

const call = (method: 'GET' | 'POST' | 'DELETE' | 'PATCH', url: string, body?: unknown) =>
  server.call(server.adminToken, method, `${WS}${url}`, body === undefined ? {} : { body });

/** Uploads `name` into `folder` (by default where its type goes). */
async function uploadInto(name: string, folder?: string, content = name) {
  const { payload, contentType } = await encodeForm([['file', { content, filename: name }]]);
  const query = folder === undefined ? '' : `?folder=${encodeURIComponent(folder)}`;
  const res = await server.call(server.adminToken, 'POST', `${WS}/files${query}`, {
    body: payload,
    headers: { 'content-type': contentType },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; path: string; filename: string };
}

const folderNames = async (path: string) => {
  const res = await call('GET', `/folders?path=${encodeURIComponent(path)}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return (res.body.folders as { name: string }[]).map((folder) => folder.name);
};

describe('folders', () => {
  it('are made with those above them, listed sorted, and made twice answer 200', async () => {
    const made = await call('POST', '/folders', { path: 'drive/trips/2024/' });
    expect(made.status).toBe(201);
    expect(made.body).toEqual({ path: 'drive/trips/2024', name: '2024' });
    expect((await call('POST', '/folders', { path: 'drive/trips/2024' })).status).toBe(200);
    expect((await call('POST', '/folders', { path: 'drive/trips/Berlin' })).status).toBe(201);
    expect((await call('POST', '/folders', { path: 'drive' })).status).toBe(200);

    const root = await call('GET', '/folders');
    expect(root.body).toMatchObject({ path: 'drive', truncated: false });
    expect(root.body.folders).toContainEqual({ path: 'drive/trips', name: 'trips' });
    // Byte order: digits and capitals before lower case.
    expect(await folderNames('drive/trips')).toEqual(['2024', 'Berlin']);
    expect(await folderNames('drive/trips/2024')).toEqual([]);
  });

  it('include folders that only have files under them', async () => {
    await uploadInto('a.txt', 'drive/implicit/deeper');
    // As files stored before folders were kept for themselves: no row of their own.
    await server.db.query(
      `DELETE FROM deeplake_console.file_folders
        WHERE workspace_id = 'default' AND path LIKE 'drive/implicit%'`,
    );
    expect(await folderNames('drive')).toContain('implicit');
    expect(await folderNames('drive/implicit')).toEqual(['deeper']);
    expect((await call('POST', '/folders', { path: 'drive/implicit' })).status).toBe(200);
  });

  it('refuse bad paths, a path that is a file, and a folder that is missing', async () => {
    const dots = await call('POST', '/folders', { path: 'drive/../x' });
    expect(dots.status).toBe(400);
    expect(dots.body.error.message).toBe('path "drive/../x" has ".." as segment 2');
    const outside = await call('POST', '/folders', { path: 'photos' });
    expect(outside.status).toBe(400);
    expect(outside.body.error.message).toMatch(/must start with drive\//);
    expect((await call('POST', '/folders', {})).status).toBe(400);
    expect((await call('POST', '/folders', { path: 7 })).status).toBe(400);

    const file = await uploadInto('taken.txt', 'drive/files');
    const onFile = await call('POST', '/folders', { path: `${file.path}/inside` });
    expect(onFile.status).toBe(409);
    expect(onFile.body.error.message).toBe(`${file.path} is a file, so it cannot be a folder`);

    const missing = await call('GET', '/folders?path=drive/nowhere');
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toBe('No folder drive/nowhere in workspace "default"');
    expect((await call('GET', `/folders?path=${encodeURIComponent(file.path)}`)).status).toBe(404);
    expect((await call('GET', '/folders?path=nowhere')).status).toBe(400);
  });

  it('are deleted when empty, and refused with what is in them otherwise', async () => {
    await call('POST', '/folders', { path: 'drive/bin/inner' });
    await uploadInto('one.txt', 'drive/bin');
    const full = await call('DELETE', '/folders?path=drive/bin');
    expect(full.status).toBe(409);
    expect(full.body.error.message).toBe(
      'The folder drive/bin is not empty (1 file and 1 folder in it): move or delete what is in it first',
    );
    expect((await call('DELETE', '/folders?path=drive/bin/inner')).status).toBe(204);
    expect((await call('DELETE', '/folders?path=drive/bin/inner')).status).toBe(404);
    expect(await folderNames('drive/bin')).toEqual([]);

    const root = await call('DELETE', '/folders?path=drive');
    expect(root.status).toBe(400);
    expect(root.body.error.message).toBe('drive is the root folder: it cannot be deleted');
    expect((await call('DELETE', '/folders')).status).toBe(400);
    expect((await call('DELETE', '/folders?path=drive/a/../b')).status).toBe(400);
  });
});

describe('moving a file', () => {
  it('puts it in the folder, made when missing, and keeps the folder it left', async () => {
    const file = await uploadInto('cat.jpg', 'drive/inbox');
    const moved = await call('PATCH', `/files/${file.id}`, { folder: 'drive/pets/cats' });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({
      id: file.id,
      filename: 'cat.jpg',
      path: 'drive/pets/cats/cat.jpg',
    });
    expect((await call('GET', `/files/${file.id}`)).body.path).toBe('drive/pets/cats/cat.jpg');
    expect(await folderNames('drive/pets')).toEqual(['cats']);
    expect(await folderNames('drive')).toContain('inbox');
    // Moving it where it is changes nothing.
    const again = await call('PATCH', `/files/${file.id}`, { folder: 'drive/pets/cats/' });
    expect(again.body.path).toBe('drive/pets/cats/cat.jpg');
  });

  it('numbers a name taken in the folder, and two moves to one name get two paths', async () => {
    await uploadInto('dup.png', 'drive/target');
    const [a, b] = [
      await uploadInto('dup.png', 'drive/src1'),
      await uploadInto('dup.png', 'drive/src2'),
    ];
    const answers = await Promise.all(
      [a, b].map((file) => call('PATCH', `/files/${file.id}`, { folder: 'drive/target' })),
    );
    expect(answers.map((res) => res.status)).toEqual([200, 200]);
    expect(answers.map((res) => res.body.path).sort()).toEqual([
      'drive/target/dup (2).png',
      'drive/target/dup (3).png',
    ]);
  });

  it('refuses a folder that is a file, a bad folder, and a file that is not there', async () => {
    const file = await uploadInto('stay.txt', 'drive/keep');
    const other = await uploadInto('blocker.txt', 'drive/keep');
    const onFile = await call('PATCH', `/files/${file.id}`, { folder: other.path });
    expect(onFile.status).toBe(409);
    expect(onFile.body.error.message).toBe(`${other.path} is a file, so it cannot be a folder`);
    const bad = await call('PATCH', `/files/${file.id}`, { folder: 'drive//x' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/^folder "drive\/\/x" has an empty segment 2/);
    expect((await call('PATCH', `/files/${file.id}`, {})).status).toBe(400);
    expect((await call('PATCH', `/files/${file.id}`)).status).toBe(400);
    const none = await call('PATCH', '/files/00000000-0000-4000-8000-000000000000', {
      folder: 'drive/keep',
    });
    expect(none.status).toBe(404);
    expect((await call('PATCH', '/files/not-a-uuid', { folder: 'drive/keep' })).status).toBe(404);
    // Nothing changed.
    expect((await call('GET', `/files/${file.id}`)).body.path).toBe('drive/keep/stay.txt');
  });
});

describe('listing the files of a folder', () => {
  it('shows only those directly in it with ?folder=, and everything under it with ?path=', async () => {
    const top = await uploadInto('top.txt', 'drive/album');
    await uploadInto('deep.txt', 'drive/album/inner');
    const newer = await uploadInto('newer.txt', 'drive/album');
    const direct = await call('GET', '/files?folder=drive/album');
    expect(direct.status).toBe(200);
    // Newest first, as always.
    expect(direct.body.files.map((f: { id: string }) => f.id)).toEqual([newer.id, top.id]);
    expect(direct.body.total).toBe(2);
    const paged = await call('GET', '/files?folder=drive/album&limit=1&offset=1');
    expect(paged.body).toMatchObject({ total: 2, limit: 1, offset: 1 });
    expect(paged.body.files.map((f: { id: string }) => f.id)).toEqual([top.id]);
    expect((await call('GET', '/files?path=drive/album')).body.total).toBe(3);
    expect((await call('GET', '/files?folder=drive/album&q=NEW')).body.total).toBe(1);
    // `drive` itself: only what sits at the top.
    const root = await call('GET', '/files?folder=drive&limit=1000');
    expect(root.body.files.every((f: { path: string }) => f.path.split('/').length === 2)).toBe(
      true,
    );
    const bad = await call('GET', '/files?folder=drive/../x');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toBe('folder "drive/../x" has ".." as segment 2');
  });
});

describe('who may use folders', () => {
  it('lets viewers list, refuses them changes, and hides them from strangers', async () => {
    const owner = await server.user('folders-owner@example.com');
    const stranger = await server.user('folders-stranger@example.com');
    await server.call(owner.token, 'POST', '/api/organizations', {
      body: { id: 'folders-org', name: 'Folders' },
    });
    await server.call(owner.token, 'POST', '/api/workspaces', {
      body: { id: 'folders-ws', name: 'Folders' },
      org: 'folders-org',
    });
    const viewer = await server.member('folders-viewer@example.com', {
      role: 'viewer',
      org: 'folders-org',
      by: owner.token,
    });
    const base = '/api/workspaces/folders-ws';
    const made = await server.call(owner.token, 'POST', `${base}/folders`, {
      body: { path: 'drive/shared' },
    });
    expect(made.status).toBe(201);
    const { payload, contentType } = await encodeForm([
      ['file', { content: 'x', filename: 'x.txt' }],
    ]);
    const file = await server.call(owner.token, 'POST', `${base}/files?folder=drive/shared`, {
      body: payload,
      headers: { 'content-type': contentType },
    });
    expect(file.status).toBe(201);

    const listed = await server.call(viewer.token, 'GET', `${base}/folders`);
    expect(listed.status).toBe(200);
    expect(listed.body.folders).toContainEqual({ path: 'drive/shared', name: 'shared' });
    const changes = [
      ['POST', `${base}/folders`, { path: 'drive/mine' }],
      ['DELETE', `${base}/folders?path=drive/shared`, undefined],
      ['PATCH', `${base}/files/${file.body.id}`, { folder: 'drive/elsewhere' }],
    ] as const;
    for (const [method, url, body] of changes) {
      const res = await server.call(viewer.token, method, url, body ? { body } : {});
      expect(res.status, `${method} ${url}`).toBe(403);
    }
    const all = [['GET', `${base}/folders`, undefined] as const, ...changes];
    for (const [method, url, body] of all) {
      const res = await server.call(stranger.token, method, url, body ? { body } : {});
      expect(res.status, `${method} ${url}`).toBe(404);
      expect(res.body.error.message).toBe('Workspace "folders-ws" not found');
    }
    // Another workspace's file is not found through this one.
    const elsewhere = await call('PATCH', `/files/${file.body.id}`, { folder: 'drive/stolen' });
    expect(elsewhere.status).toBe(404);
  });
});

describe('the older File API', () => {
  it('sees a folder made and a file moved through /api', async () => {
    const file = await uploadInto('legacy.txt', 'drive/old');
    await call('POST', '/folders', { path: 'drive/new' });
    await call('PATCH', `/files/${file.id}`, { folder: 'drive/new' });
    const res = await server.call(
      server.adminToken,
      'GET',
      '/engine/default/api/v1/file/?file_path=drive/new',
    );
    expect(res.status).toBe(200);
    expect(res.body.path).toBe('drive/new');
    expect(res.body.files).toEqual([
      expect.objectContaining({ id: file.id, path: 'drive/new/legacy.txt', name: 'legacy.txt' }),
    ]);
    const root = await server.call(
      server.adminToken,
      'GET',
      '/engine/default/api/v1/file/?file_path=drive',
    );
    expect(root.body.folders).toEqual(
      expect.arrayContaining([
        { path: 'drive/new', name: 'new' },
        { path: 'drive/old', name: 'old' },
      ]),
    );
  });
});
