import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, type TestServer } from '../../test/harness';
import { filesUnder, multipart } from './test-helpers';

/**
 * Files and the table rows that name them (`POST …/files?table=&column=`,
 * `GET …/files/:id/references`, `DELETE …/files/:id?with_rows=true`): the rows change in the
 * same transaction as the file's record, so a failure of either leaves both as they were.
 */

let server: TestServer;
let viewer: { token: string };

const sql = async (query: string, params?: unknown[]) => ({
  rows: await server.sql(query, params),
});

async function uploadTo(query: string, bytes = 'pixels', filename = 'cat.jpg', token?: string) {
  const { payload, contentType } = await multipart(bytes, filename, 'image/jpeg');
  return server.call(token ?? server.adminToken, 'POST', `/api/workspaces/default/files${query}`, {
    body: payload,
    headers: { 'content-type': contentType },
  });
}

const listed = async () =>
  (await server.call(server.adminToken, 'GET', '/api/workspaces/default/files?limit=1000')).body
    .files as { id: string; path: string }[];

beforeAll(async () => {
  server = await createTestServer();
  viewer = await server.member('rows-viewer@example.com', { role: 'viewer' });
  await sql(
    `CREATE TABLE photos (id serial PRIMARY KEY, file uuid, path text, note varchar(8), n int)`,
  );
  await sql(`CREATE TABLE strict_photos (file uuid, label text NOT NULL)`);
});
afterAll(() => server.close());

describe('an upload recorded in a table', () => {
  it('inserts the file id into a uuid column, in the same answer', async () => {
    const res = await uploadTo('?table=photos&column=file');
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.recorded).toEqual({
      table: 'photos',
      column: 'file',
      match: 'id',
      value: res.body.id,
    });
    const { rows } = await sql('SELECT file::text FROM photos WHERE file = $1', [res.body.id]);
    expect(rows).toEqual([[res.body.id]]);
  });

  it('inserts the path into a text column, and the upload lands in the folder asked for', async () => {
    const res = await uploadTo('?folder=drive/shoots&table=photos&column=path', 'x', 'dog.png');
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.path).toBe('drive/shoots/dog.png');
    expect(res.body.recorded).toMatchObject({ match: 'path', value: 'drive/shoots/dog.png' });
    const { rows } = await sql('SELECT count(*)::int FROM photos WHERE path = $1', [
      'drive/shoots/dog.png',
    ]);
    expect(rows).toEqual([[1]]);
  });

  it.each([
    ['?table=nope&column=file', 'table: the workspace has no table "nope" to record the file in'],
    ['?table=photos&column=nope', 'column: the table "photos" has no column "nope"'],
    [
      '?table=photos&column=n',
      'column: "n" of "photos" is integer, which holds neither a file\'s id (a uuid column) nor its path (a text column)',
    ],
    [
      '?table=photos',
      'table and column: give both, to record the upload in that column of that table, or neither',
    ],
  ])('refuses %s before storing anything', async (query, message) => {
    const before = await listed();
    const res = await uploadTo(query);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe(message);
    expect(await listed()).toEqual(before);
  });

  it('stores nothing when the insert fails: no record, no bytes', async () => {
    const before = await listed();
    const bytesBefore = await filesUnder(server.filesDir);
    const res = await uploadTo('?table=strict_photos&column=file');
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'sql_error', sqlstate: '23502' });
    expect(res.body.error.message).toMatch(
      /^Recording the file in column "file" of "strict_photos" failed, so the file was not stored: null value in column "label"/,
    );
    expect(await listed()).toEqual(before);
    expect(await filesUnder(server.filesDir)).toEqual(bytesBefore);
    expect((await sql('SELECT count(*)::int FROM strict_photos')).rows).toEqual([[0]]);
  });

  it('stores nothing when the path is too long for the column', async () => {
    const before = await listed();
    const res = await uploadTo('?table=photos&column=note', 'y', 'longer-than-eight.jpg');
    expect(res.status).toBe(400);
    expect(res.body.error.sqlstate).toBe('22001');
    expect(await listed()).toEqual(before);
  });

  it('is refused to a viewer (403), as any upload', async () => {
    const res = await uploadTo('?table=photos&column=file', 'v', 'v.jpg', viewer.token);
    expect(res.status).toBe(403);
  });
});

describe('the rows that use a file', () => {
  it('are counted per table and column, by id and by path, for readers too', async () => {
    const up = await uploadTo('?table=photos&column=file', 'z', 'zebra.jpg');
    const { id, path } = up.body;
    await sql('INSERT INTO photos (file, path) VALUES ($1, $2), ($1, NULL)', [id, path]);
    await sql(`CREATE TABLE captions (about text, other uuid)`);
    await sql('INSERT INTO captions (about) VALUES ($1), ($1), ($1)', [path]);
    const res = await server.call(
      viewer.token,
      'GET',
      `/api/workspaces/default/files/${id}/references`,
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.references).toEqual([
      { table: 'captions', column: 'about', match: 'path', rows: 3 },
      { table: 'photos', column: 'file', match: 'id', rows: 3 },
      { table: 'photos', column: 'path', match: 'path', rows: 1 },
    ]);
  });

  it('go with the file when asked, atomically, and the answer says how many', async () => {
    const up = await uploadTo('?table=photos&column=file', 'g', 'gone.jpg');
    const { id, path } = up.body;
    await sql('INSERT INTO photos (file, path) VALUES ($1, $2)', [id, path]);
    const res = await server.call(
      server.adminToken,
      'DELETE',
      `/api/workspaces/default/files/${id}?with_rows=true`,
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.file.id).toBe(id);
    expect(res.body.deleted_rows).toEqual([
      { table: 'photos', column: 'file', match: 'id', rows: 2 },
      { table: 'photos', column: 'path', match: 'path', rows: 1 },
    ]);
    expect((await sql('SELECT count(*)::int FROM photos WHERE file = $1', [id])).rows).toEqual([
      [0],
    ]);
    expect((await listed()).some((file) => file.id === id)).toBe(false);
  });

  it('stay when the file cannot be deleted: a failure in the delete changes nothing', async () => {
    const up = await uploadTo('?table=photos&column=file', 'k', 'kept.jpg');
    const { id } = up.body;
    // The console's delete of this one file fails, as a broken disk or a bug would make it.
    await server.db.query(`
      CREATE FUNCTION deeplake_console.refuse_delete() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.filename = 'kept.jpg' THEN RAISE EXCEPTION 'the delete broke'; END IF;
        RETURN OLD;
      END $$;
      CREATE TRIGGER refuse_delete BEFORE DELETE ON deeplake_console.files
        FOR EACH ROW EXECUTE FUNCTION deeplake_console.refuse_delete();`);
    try {
      const res = await server.call(
        server.adminToken,
        'DELETE',
        `/api/workspaces/default/files/${id}?with_rows=true`,
      );
      expect(res.status).toBe(500);
    } finally {
      await server.db.query(`DROP TRIGGER refuse_delete ON deeplake_console.files;
        DROP FUNCTION deeplake_console.refuse_delete();`);
    }
    expect((await sql('SELECT count(*)::int FROM photos WHERE file = $1', [id])).rows).toEqual([
      [1],
    ]);
    expect((await listed()).some((file) => file.id === id)).toBe(true);
    const again = await server.call(
      server.adminToken,
      'DELETE',
      `/api/workspaces/default/files/${id}?with_rows=true`,
    );
    expect(again.status).toBe(200);
    expect(again.body.deleted_rows).toEqual([
      { table: 'photos', column: 'file', match: 'id', rows: 1 },
    ]);
  });

  it('stay, and so does the file, when deleting the rows fails', async () => {
    const up = await uploadTo('?table=photos&column=file', 'f', 'fk.jpg');
    const { id } = up.body;
    await sql(`CREATE TABLE pinned (file uuid PRIMARY KEY)`);
    await sql(`CREATE TABLE pins (file uuid REFERENCES pinned (file))`);
    await sql('INSERT INTO pinned VALUES ($1)', [id]);
    await sql('INSERT INTO pins VALUES ($1)', [id]);
    // pins comes after pinned: deleting pinned's row fails on the reference (23503).
    const res = await server.call(
      server.adminToken,
      'DELETE',
      `/api/workspaces/default/files/${id}?with_rows=true`,
    );
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(
      /^Deleting the rows that use the file failed, so nothing was deleted: /,
    );
    expect((await sql('SELECT count(*)::int FROM photos WHERE file = $1', [id])).rows).toEqual([
      [1],
    ]);
    expect((await listed()).some((file) => file.id === id)).toBe(true);
  });

  it('without with_rows, the rows stay (204 as before)', async () => {
    const up = await uploadTo('?table=photos&column=file', 'w', 'without.jpg');
    const res = await server.call(
      server.adminToken,
      'DELETE',
      `/api/workspaces/default/files/${up.body.id}`,
    );
    expect(res.status).toBe(204);
    expect(
      (await sql('SELECT count(*)::int FROM photos WHERE file = $1', [up.body.id])).rows,
    ).toEqual([[1]]);
  });

  it('leaves no prepared transaction behind', async () => {
    const { name } = await server.workspaceDatabase('default');
    const left = await server.db.query(
      `SELECT gid FROM pg_catalog.pg_prepared_xacts WHERE database = $1`,
      [name],
    );
    expect(left).toEqual([]);
    expect(await server.db.query('SELECT gid FROM deeplake_console.prepared_decisions')).toEqual(
      [],
    );
  });
});
