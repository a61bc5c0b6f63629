import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, type TestServer } from '../../test/harness';
import { upload } from './test-helpers';

/**
 * The workspace's files API and paths: each upload gets a path in the drive (`drive/<name>` for
 * the older File API's image, audio and video types, `drive/others/<name>` for the rest, a taken
 * name numbered), shown in every answer; the list takes a folder, `?path=`, and shows the
 * files anywhere under it.
 */

let server: TestServer;
beforeAll(async () => {
  server = await createTestServer();
});
afterAll(() => server.close());

async function pathOf(content: string, filename: string) {
  const res = await upload(server, content, filename);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.path as string;
}

const list = (query: string) =>
  server.call(server.adminToken, 'GET', `/api/workspaces/default/files${query}`);

describe('paths of uploaded files', () => {
  it('follow the type and number a taken name before its extension', async () => {
    expect(await pathOf('1', 'holiday.jpg')).toBe('drive/holiday.jpg');
    expect(await pathOf('2', 'holiday.jpg')).toBe('drive/holiday (2).jpg');
    expect(await pathOf('3', 'holiday.jpg')).toBe('drive/holiday (3).jpg');
    expect(await pathOf('4', 'Song.MP3')).toBe('drive/Song.MP3');
    expect(await pathOf('5', 'report.pdf')).toBe('drive/others/report.pdf');
    expect(await pathOf('6', 'report.pdf')).toBe('drive/others/report (2).pdf');
    expect(await pathOf('7', 'Makefile')).toBe('drive/others/Makefile');
    // The name itself is kept as uploaded.
    const res = await upload(server, '8', 'holiday.jpg');
    expect(res.body).toMatchObject({ filename: 'holiday.jpg', path: 'drive/holiday (4).jpg' });
    const info = await server.call(
      server.adminToken,
      'GET',
      `/api/workspaces/default/files/${res.body.id}`,
    );
    expect(info.body.path).toBe('drive/holiday (4).jpg');
  });

  it('are listed, and a folder narrows the list to what is under it', async () => {
    const all = await list('?limit=100');
    expect(all.status).toBe(200);
    expect(all.body.files.every((file: any) => file.path.startsWith('drive/'))).toBe(true);
    for (const folder of ['drive/others', 'drive/others/']) {
      const others = await list(`?path=${folder}`);
      expect(others.status).toBe(200);
      expect(others.body.total).toBe(3);
      expect(others.body.files.map((file: any) => file.path).sort()).toEqual([
        'drive/others/Makefile',
        'drive/others/report (2).pdf',
        'drive/others/report.pdf',
      ]);
    }
    expect((await list('?path=drive')).body.total).toBe(all.body.total);
    const none = await list('?path=drive/nothing');
    expect(none.body).toMatchObject({ files: [], total: 0 });
    // Combined with the other filters.
    expect((await list('?path=drive/others&q=make')).body.total).toBe(1);
  });

  it('refuses a bad folder, saying which rule it breaks', async () => {
    const dots = await list('?path=drive/../x');
    expect(dots.status).toBe(400);
    expect(dots.body.error.message).toBe('path "drive/../x" has ".." as segment 2');
    const outside = await list('?path=photos');
    expect(outside.status).toBe(400);
    expect(outside.body.error.message).toBe(
      'path "photos" must start with drive/ (the root folder)',
    );
    const twice = await list('?path=drive&path=drive');
    expect(twice.status).toBe(400);
    expect(twice.body.error.message).toBe('path: give it once');
  });
});
