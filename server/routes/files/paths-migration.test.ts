import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanFilename } from '../../../contract/filename';
import { isPostgresError } from '../../db/index';
import { migrate } from '../../db/migrate';
import { defaultFolder, nameSegment, numberedName } from '../../files/paths';
import { createTestServer, type TestServer } from '../../test/harness';

/**
 * Migration 010_file_paths on a database that has files: each gets the path an upload would
 * give it now (server/files/paths.ts), oldest first, a taken name numbered; then every file
 * has a path, unique in its workspace.
 */

let server: TestServer;
beforeAll(async () => {
  server = await createTestServer();
  const made = await server.call(server.adminToken, 'POST', '/api/workspaces', {
    body: { id: 'second', name: 'Second' },
  });
  expect(made.status, JSON.stringify(made.body)).toBe(201);
});
afterAll(() => server.close());

/** The paths the rule in paths.ts gives these names, in this order, in one workspace. */
function expectedPaths(names: readonly string[]): string[] {
  const taken = new Set<string>();
  return names.map((stored) => {
    const name = nameSegment(cleanFilename(stored));
    const folder = defaultFolder(name);
    for (let n = 1; ; n++) {
      const path = `${folder}/${numberedName(name, n)}`;
      if (!taken.has(path)) {
        taken.add(path);
        return path;
      }
    }
  });
}

const DEFAULT_NAMES = [
  'cat.jpg',
  'cat.jpg',
  'CAT.JPG',
  'cat.jpg',
  'notes.txt',
  'notes.txt',
  'README',
  'old\u202egpj.exe',
  'a/b.png',
  'cafe\u0301.png',
  `${'é'.repeat(300)}.mp4`,
  `${'日'.repeat(84)}.mp4`,
  `${'日'.repeat(84)}.mp4`,
  '  spaced.wav  ',
  '.',
  'x.tar.gz',
  'x.tar.gz',
];

async function insertOld(workspaceId: string, names: readonly string[]) {
  const ids: string[] = [];
  for (const [i, filename] of names.entries()) {
    const [row] = await server.db.query<{ id: string }>(
      `INSERT INTO deeplake_console.files
         (id, workspace_id, filename, content_type, size, sha256, created_at)
       VALUES (gen_random_uuid(), $1, $2, 'application/octet-stream', 1, $3,
               '2024-01-01'::timestamptz + make_interval(secs => $4))
       RETURNING id`,
      [workspaceId, filename, 'a'.repeat(64), i],
    );
    ids.push(row!.id);
  }
  return ids;
}

const pathsOf = async (ids: string[]) => {
  const rows = await server.db.query<{ id: string; path: string }>(
    'SELECT id, path FROM deeplake_console.files WHERE id = ANY($1::uuid[])',
    [ids],
  );
  const byId = new Map(rows.map((row) => [row.id, row.path]));
  return ids.map((id) => byId.get(id));
};

describe('migration 010_file_paths', () => {
  it('gives existing files the paths uploads would, numbering taken names, then requires them', async () => {
    // The database as it was before the migration.
    await server.db.transaction(async (tx) => {
      await tx.query('ALTER TABLE deeplake_console.files DROP COLUMN path');
      await tx.query('DROP TABLE deeplake_console.file_folders');
      await tx.query(
        `DELETE FROM deeplake_console.schema_migrations WHERE name = '010_file_paths.sql'`,
      );
    });
    const defaultIds = await insertOld('default', DEFAULT_NAMES);
    const secondIds = await insertOld('second', ['cat.jpg', 'notes.txt']);

    expect(await migrate(server.db)).toEqual(['010_file_paths.sql']);

    const paths = await pathsOf(defaultIds);
    expect(paths).toEqual(expectedPaths(DEFAULT_NAMES));
    expect(paths.slice(0, 10)).toEqual([
      'drive/cat.jpg',
      'drive/cat (2).jpg',
      'drive/CAT.JPG',
      'drive/cat (3).jpg',
      'drive/others/notes.txt',
      'drive/others/notes (2).txt',
      'drive/others/README',
      'drive/others/oldgpj.exe',
      'drive/a_b.png',
      'drive/caf\u00e9.png',
    ]);
    // Cut to 255 characters by the name rule, the extension went: not a video any more.
    expect(paths[10]).toBe(`drive/others/${'é'.repeat(127)}`);
    // 256 bytes: shortened to 255 with its extension, and numbered within them.
    expect(paths[11]).toBe(`drive/${'日'.repeat(83)}.mp4`);
    expect(paths[12]).toBe(`drive/${'日'.repeat(82)} (2).mp4`);
    expect(paths.slice(13)).toEqual([
      'drive/spaced.wav',
      'drive/others/_',
      'drive/others/x.tar.gz',
      'drive/others/x.tar (2).gz',
    ]);
    // Per workspace: the same names are free in another one.
    expect(await pathsOf(secondIds)).toEqual(['drive/cat.jpg', 'drive/others/notes.txt']);

    // drive/others is kept for itself, so it stays when its files are deleted.
    const folders = await server.db.query<{ workspace_id: string; path: string }>(
      'SELECT workspace_id, path FROM deeplake_console.file_folders ORDER BY 1, 2',
    );
    expect(folders).toEqual([
      { workspace_id: 'default', path: 'drive/others' },
      { workspace_id: 'second', path: 'drive/others' },
    ]);

    const insert = (path: string | null) =>
      server.db
        .query(
          `INSERT INTO deeplake_console.files
             (id, workspace_id, filename, path, content_type, size, sha256)
           VALUES (gen_random_uuid(), 'default', 'n', $1, 'text/plain', 1, $2)`,
          [path, 'a'.repeat(64)],
        )
        .catch((error: unknown) => (isPostgresError(error) ? error.code : error));
    expect(await insert(null)).toBe('23502');
    expect(await insert('drive/cat.jpg')).toBe('23505');
    expect(await insert('elsewhere/cat.jpg')).toBe('23514');

    // The API shows them.
    const listed = await server.call(
      server.adminToken,
      'GET',
      '/api/workspaces/second/files?path=drive/others',
    );
    expect(listed.status).toBe(200);
    expect(listed.body.files.map((file: any) => file.path)).toEqual(['drive/others/notes.txt']);
  });
});
