import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../logger';
import { findColumn, profileColumn, type ProfiledColumn } from '../../sql/column-profile';
import { createWorkspaceSandbox, type WorkspaceSandbox } from '../../sql/sandbox';
import { createTestServer, type TestServer } from '../../test/harness';

/**
 * `GET /workspaces/{ws}/tables/{table}/columns/{column}/profile`, and the indexes the table's
 * details list, on the real PostgreSQL.
 */

let server: TestServer;
let sandbox: WorkspaceSandbox;
beforeAll(async () => {
  server = await createTestServer();
  sandbox = createWorkspaceSandbox({ db: server.db, logger: createLogger('silent') });
  await server.sql(
    `CREATE TABLE people (id int, name varchar(20), born date, score float8, meta json, "Odd ""Name""" text)`,
  );
  await server.sql(
    `INSERT INTO people
     SELECT i, CASE WHEN i % 10 = 0 THEN NULL ELSE 'name ' || (i % 3) END,
            date '2020-01-01' + i, i / 4.0, '{}', 'x'
       FROM generate_series(1, 100) AS i`,
  );
  await server.sql('CREATE TABLE vectors (v float4[], e EMBEDDING, title text)');
  await server.sql(
    `INSERT INTO vectors VALUES
       ('{3,4}', '{1,0}', 'a'), ('{0,0}', '{0,1}', 'b'), ('{1,0,0}', NULL, 'c'), (NULL, NULL, 'a')`,
  );
});
afterAll(async () => {
  await sandbox.close();
  await server.close();
});

const profile = (table: string, column: string, token = server.adminToken) =>
  server.call(
    token,
    'GET',
    `/api/workspaces/default/tables/${encodeURIComponent(table)}/columns/${encodeURIComponent(column)}/profile`,
  );

describe('column profile', () => {
  it('counts, ranges, common values and a histogram of a number column', async () => {
    const res = await profile('people', 'score');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({
      table: 'people',
      column: 'score',
      type: 'float8',
      rows: 100,
      sampled: false,
      sample_rows: 100,
      nulls: 0,
      distinct: 100,
      min: '0.25',
      max: '25',
      vector: null,
    });
    expect(res.body.histogram).toHaveLength(20);
    expect(res.body.histogram[0]).toMatchObject({ from: '0.25', count: 5 });
    expect(res.body.histogram.at(-1).to).toBe('25');
    expect(res.body.histogram.reduce((n: number, b: { count: number }) => n + b.count, 0)).toBe(
      100,
    );
  });

  it('text: nulls, distinct values and the most common ones', async () => {
    const res = await profile('people', 'name');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ nulls: 10, distinct: 3, min: 'name 0', max: 'name 2' });
    expect(res.body.top_values).toHaveLength(3);
    expect(res.body.top_values[0].count).toBeGreaterThanOrEqual(30);
    expect(res.body.histogram).toEqual([]);
  });

  it('dates get a histogram by date; a type without ordering or equality gets counts only', async () => {
    const born = await profile('people', 'born');
    expect(born.body).toMatchObject({ min: '2020-01-02', max: '2020-04-10' });
    expect(born.body.histogram[0].from).toBe('2020-01-02');
    const meta = await profile('people', 'meta');
    expect(meta.status).toBe(200);
    expect(meta.body).toMatchObject({ rows: 100, nulls: 0, distinct: null, min: null });
  });

  it('float4[]: the common dimension, the rows that differ, zero vectors and norms', async () => {
    const res = await profile('vectors', 'v');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ rows: 4, nulls: 1, distinct: null, min: null });
    expect(res.body.vector).toEqual({
      dimensions: 2,
      other_dimensions: 1,
      zero_vectors: 1,
      norm_rows: 3,
      norm_min: 0,
      norm_max: 5,
      norm_mean: 2,
    });
    // A domain over float4[] (EMBEDDING) profiles as a vector too.
    const e = await profile('vectors', 'e');
    expect(e.body.type).toBe('embedding');
    expect(e.body.vector).toMatchObject({ dimensions: 2, other_dimensions: 0, norm_mean: 1 });
  });

  it('quotes names as they are', async () => {
    const res = await profile('people', 'Odd "Name"');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ distinct: 1, top_values: [{ value: 'x', count: 100 }] });
  });

  it('is 404 for a missing table or column, and for names no table can have', async () => {
    for (const [table, column, message] of [
      ['nope', 'a', 'No table "nope"'],
      ['people', 'nope', 'No column "nope"'],
      ['people', 'name; DROP TABLE people', 'No column'],
      ['people"; --', 'name', 'No table'],
      ['people', 'x'.repeat(64), 'No column'],
      ['pg_class', 'relname', 'No table "pg_class"'],
    ] as const) {
      const res = await profile(table, column);
      expect(res.status, `${table}.${column}`).toBe(404);
      expect(res.body.error.message).toContain(message);
    }
    expect((await server.sql('SELECT count(*)::int FROM people'))[0]).toEqual([100]);
  });

  it('is the same 404 for another tenant, and open to viewers', async () => {
    const stranger = await server.user('stranger@example.com');
    expect((await profile('people', 'name', stranger.token)).status).toBe(404);
    const viewer = await server.member('viewer@example.com', { role: 'viewer' });
    expect((await profile('people', 'name', viewer.token)).status).toBe(200);
  });

  it('profiles a TABLESAMPLE of a big table and says so', async () => {
    await server.sql('CREATE TABLE big (n int, v float4[])');
    await server.sql(
      `INSERT INTO big SELECT i % 50, CASE WHEN i % 7 = 0 THEN '{1,2,3}' ELSE '{3,4}' END::float4[]
         FROM generate_series(1, 40000) AS i`,
    );
    const run = (column: string) =>
      sandbox.run('default', { tenant: { orgId: 'default', userId: 'test' } }, async (session) => {
        const found = (await findColumn(session, 'default', 'big', column)) as ProfiledColumn;
        return profileColumn(
          session,
          { schema: 'default', table: 'big', column: { ...found, name: column } },
          { sampleAbove: 5000 },
        );
      });
    const n = await run('n');
    expect(n).toMatchObject({ rows: 40000, sampled: true, nulls: 0, distinct: 50 });
    expect(n.sample_rows).toBeGreaterThan(1000);
    expect(n.sample_rows).toBeLessThan(15000);
    expect(n.top_values).toHaveLength(10);
    expect(n.top_values[0]!.count).toBeGreaterThan(400);
    const again = await run('n');
    expect(again.sample_rows).toBe(n.sample_rows);
    const v = await run('v');
    expect(v.sampled).toBe(true);
    expect(v.vector).toMatchObject({ dimensions: 2, norm_max: 5, zero_vectors: 0 });
    // Norms read every element: they are measured on a smaller sample of their own.
    expect(v.vector!.norm_rows).toBeGreaterThan(5000);
    expect(v.vector!.norm_rows).toBeLessThan(15000);
    expect(v.vector!.other_dimensions).toBeGreaterThan(2000);
    expect(v.vector!.other_dimensions).toBeLessThan(10000);
  });
});

describe('indexes in the table details', () => {
  it('lists each index with its kind, columns and definition', async () => {
    for (const statement of [
      'CREATE INDEX vec ON vectors USING deeplake_index (e)',
      `CREATE INDEX bm25 ON vectors USING deeplake_index (title) WITH (index_type = 'bm25')`,
      'CREATE INDEX raw ON vectors USING deeplake_index (v)',
      'CREATE UNIQUE INDEX by_id ON people (id)',
      'CREATE INDEX by_born ON people USING deeplake_index (born)',
      'CREATE INDEX two ON people (name, born)',
      'CREATE INDEX hashed ON people USING hash (name)',
    ]) {
      await server.sql(statement);
    }
    const vectors = await server.call(
      server.adminToken,
      'GET',
      '/api/workspaces/default/tables/vectors',
    );
    expect(vectors.body.indexes).toEqual([
      {
        name: 'bm25',
        columns: ['title'],
        kind: 'text',
        unique: false,
        definition: 'CREATE INDEX bm25 ON "default".vectors USING deeplake_index (title)',
      },
      expect.objectContaining({ name: 'raw', columns: ['v'], kind: 'vector' }),
      expect.objectContaining({ name: 'vec', columns: ['e'], kind: 'vector' }),
    ]);
    const people = await server.call(
      server.adminToken,
      'GET',
      '/api/workspaces/default/tables/people',
    );
    expect(
      people.body.indexes.map(
        (i: { name: string; kind: string; unique: boolean; columns: string[] }) => [
          i.name,
          i.kind,
          i.unique,
          i.columns,
        ],
      ),
    ).toEqual([
      ['by_born', 'exact', false, ['born']],
      ['by_id', 'btree', true, ['id']],
      ['hashed', 'hash', false, ['name']],
      ['two', 'btree', false, ['name', 'born']],
    ]);
  });
});
