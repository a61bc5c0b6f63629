import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, type TestServer } from '../../test/harness';

let server: TestServer;
let sql: (query: string, params?: unknown[]) => Promise<{ status: number; body: any }>;
let batch: (query: string, params_batch: unknown[][]) => Promise<{ status: number; body: any }>;

beforeAll(async () => {
  server = await createTestServer({ sqlLimits: { maxRows: 1_000, maxBatchRows: 5_000 } });
  sql = (query, params) =>
    server.call(server.adminToken, 'POST', '/api/workspaces/default/tables/query', {
      body: params ? { query, params } : { query },
    });
  batch = (query, params_batch) =>
    server.call(server.adminToken, 'POST', '/api/workspaces/default/tables/query/batch', {
      body: { query, params_batch },
    });
});
afterAll(() => server.close());

describe('the docs’ examples, unchanged', () => {
  const W = 'default';
  it('creates a USING deeplake table and a deeplake_index, writes and reads it', async () => {
    const create = await sql(
      `CREATE TABLE IF NOT EXISTS "${W}"."documents" (id SERIAL PRIMARY KEY, title TEXT, content TEXT, metadata JSONB, embedding FLOAT4[], created_at TIMESTAMPTZ DEFAULT NOW()) USING deeplake`,
    );
    expect(create.status).toBe(200);
    expect(create.body).toMatchObject({ columns: [], rows: [], command: 'CREATE TABLE' });

    const index = await sql(
      `CREATE INDEX IF NOT EXISTS idx_vec ON "${W}"."documents" USING deeplake_index (embedding DESC)`,
    );
    expect(index.status).toBe(200);
    const bm25 = await sql(
      `CREATE INDEX idx_content ON "${W}"."documents" USING deeplake_index (content) WITH (index_type = 'bm25')`,
    );
    expect(bm25.status).toBe(200);

    const insert = await sql(
      `INSERT INTO "${W}"."documents" (title, content, metadata) VALUES ($1, $2, $3::jsonb)`,
      ['First doc', 'Hello world', '{"source": "manual"}'],
    );
    expect(insert.status).toBe(200);
    expect(insert.body).toMatchObject({ row_count: 1, command: 'INSERT' });

    const more = await batch(`INSERT INTO "${W}"."documents" (title, content) VALUES ($1, $2)`, [
      ['Doc A', 'Content A'],
      ['Doc B', 'Content B'],
      ['Doc C', 'Content C'],
    ]);
    expect(more.status).toBe(200);
    expect(more.body).toMatchObject({
      row_count: 3,
      results: [{ row_count: 1 }, { row_count: 1 }, { row_count: 1 }],
    });

    const tag = await batch(`UPDATE "${W}"."documents" SET metadata = $1::jsonb WHERE title = $2`, [
      ['{"reviewed": true}', 'Doc A'],
      ['{"reviewed": true}', 'Doc B'],
      ['{"reviewed": false}', 'Doc C'],
      ['{"reviewed": false}', 'No such doc'],
    ]);
    expect(tag.body).toMatchObject({
      row_count: 3,
      results: [{ row_count: 1 }, { row_count: 1 }, { row_count: 1 }, { row_count: 0 }],
    });

    const filter = await sql(
      `SELECT id, title, content FROM "${W}"."documents" WHERE metadata->>$1 = $2 ORDER BY created_at DESC LIMIT 20`,
      ['source', 'manual'],
    );
    expect(filter.body).toMatchObject({
      columns: ['id', 'title', 'content'],
      types: ['int4', 'text', 'text'],
      rows: [[1, 'First doc', 'Hello world']],
      row_count: 1,
      truncated: false,
    });

    const grouped = await sql(
      `SELECT metadata->>$1 AS source, COUNT(*) AS doc_count FROM "${W}"."documents" GROUP BY metadata->>$1 ORDER BY doc_count DESC`,
      ['source'],
    );
    expect(grouped.body.columns).toEqual(['source', 'doc_count']);
    expect(grouped.body.types).toEqual(['text', 'int8']);
    expect(grouped.body.rows).toEqual([
      [null, 3],
      ['manual', 1],
    ]);

    const update = await sql(`UPDATE "${W}"."documents" SET content = $1 WHERE title = $2`, [
      'Updated content',
      'First doc',
    ]);
    expect(update.body).toMatchObject({ row_count: 1, command: 'UPDATE' });

    await sql(`UPDATE "${W}"."documents" SET embedding = $1 WHERE title = $2`, [
      [0.1, 0.2, 0.3],
      'Doc A',
    ]);
    await sql(`UPDATE "${W}"."documents" SET embedding = $1 WHERE title = $2`, [
      [0.3, 0.2, 0.1],
      'Doc B',
    ]);
    await sql(`UPDATE "${W}"."documents" SET embedding = '{0,0,0}' WHERE title = 'Doc C'`);
    const similar = await sql(
      `SELECT id, title, embedding <#> ARRAY[0.1, 0.2, 0.3]::float4[] AS score FROM "${W}"."documents" WHERE embedding IS NOT NULL ORDER BY score DESC NULLS LAST LIMIT 5`,
    );
    expect(similar.status).toBe(200);
    const scores = similar.body.rows.map((row: unknown[]) => [row[1], row[2]]);
    expect(scores[0][0]).toBe('Doc A');
    expect(scores[0][1]).toBeCloseTo(1, 6);
    expect(scores[1][0]).toBe('Doc B');
    expect(scores[1][1]).toBeCloseTo(10 / 14, 6);
    // A zero vector has no direction: NULL, never NaN.
    expect(scores[2]).toEqual(['Doc C', null]);

    const remove = await batch(`DELETE FROM "${W}"."documents" WHERE title = $1`, [
      ['Doc A'],
      ['Doc B'],
    ]);
    expect(remove.body).toMatchObject({ row_count: 2 });
    const deleteOne = await sql(`DELETE FROM "${W}"."documents" WHERE title = $1`, ['First doc']);
    expect(deleteOne.body).toMatchObject({ row_count: 1, command: 'DELETE' });

    const details = await server.call(
      server.adminToken,
      'GET',
      `/api/workspaces/${W}/tables/documents`,
    );
    expect(details.status).toBe(200);
    expect(details.body).toMatchObject({ table_name: 'documents', row_count: 1 });
    expect(details.body.columns).toEqual([
      {
        name: 'id',
        type: 'int4',
        nullable: false,
        default: "nextval('documents_id_seq'::regclass)",
      },
      { name: 'title', type: 'text', nullable: true, default: null },
      { name: 'content', type: 'text', nullable: true, default: null },
      { name: 'metadata', type: 'jsonb', nullable: true, default: null },
      { name: 'embedding', type: '_float4', nullable: true, default: null },
      { name: 'created_at', type: 'timestamptz', nullable: true, default: 'now()' },
    ]);
  });
});

describe('values', () => {
  it('returns JSON values of every common type, losslessly', async () => {
    const res = await sql(
      `SELECT 1::int2 AS a, 2147483647::int4 AS b, 9007199254740993::int8 AS c, 42::int8 AS d,
              1.5::numeric AS e, 12345678901234567890.123::numeric AS f, 0.25::float8 AS g,
              'NaN'::float8 AS h, true AS i, '{"a": [1, 2]}'::jsonb AS j,
              '2024-01-02 03:04:05.123456+00'::timestamptz AS k, '2024-01-02'::date AS l,
              '\\x48656c6c6f'::bytea AS m, ARRAY[1.5, 2.5]::float4[] AS n,
              ARRAY['a', NULL, 'c"d']::text[] AS o, NULL::text AS p,
              'e2bd9a1c-3f4e-4c6b-9d7a-0b1c2d3e4f50'::uuid AS q`,
    );
    expect(res.status).toBe(200);
    expect(res.body.types).toEqual([
      'int2',
      'int4',
      'int8',
      'int8',
      'numeric',
      'numeric',
      'float8',
      'float8',
      'bool',
      'jsonb',
      'timestamptz',
      'date',
      'bytea',
      '_float4',
      '_text',
      'text',
      'uuid',
    ]);
    expect(res.body.rows[0]).toEqual([
      1,
      2147483647,
      '9007199254740993',
      42,
      1.5,
      '12345678901234567890.123',
      0.25,
      'NaN',
      true,
      { a: [1, 2] },
      '2024-01-02T03:04:05.123456Z',
      '2024-01-02',
      Buffer.from('Hello').toString('base64'),
      [1.5, 2.5],
      ['a', null, 'c"d'],
      null,
      'e2bd9a1c-3f4e-4c6b-9d7a-0b1c2d3e4f50',
    ]);
  });

  it('binds params as values, never as SQL text', async () => {
    await sql('CREATE TABLE notes (body text, tags text[], meta jsonb, n int8)');
    const evil = "x'); DROP TABLE notes; --";
    const res = await sql('INSERT INTO notes VALUES ($1, $2, $3, $4) RETURNING *', [
      evil,
      ['a', 'b,c', '{d}'],
      { nested: { ok: true } },
      '9007199254740993',
    ]);
    expect(res.status).toBe(200);
    expect(res.body.row_count).toBe(1);
    expect(res.body.rows).toEqual([
      [evil, ['a', 'b,c', '{d}'], { nested: { ok: true } }, '9007199254740993'],
    ]);
    const count = await sql('SELECT count(*) FROM notes');
    expect(count.body.rows).toEqual([[1]]);
  });

  it('says how many params the statement takes when the count is wrong', async () => {
    const res = await sql('SELECT $1::int + $2::int', [1]);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/takes 2 parameters.*has 1/);
  });

  it('stops at the row cap and says so', async () => {
    const res = await sql('SELECT g FROM generate_series(1, 5000) g');
    expect(res.status).toBe(200);
    expect(res.body.rows).toHaveLength(1_000);
    expect(res.body).toMatchObject({ truncated: true, row_count: 1_000 });
    const exact = await sql('SELECT g FROM generate_series(1, 1000) g');
    expect(exact.body).toMatchObject({ truncated: false, row_count: 1_000 });
  });
});

describe('errors', () => {
  it('reports a SQL error with its sqlstate and 1-based position', async () => {
    const res = await sql('SELECT nope FROM generate_series(1, 2) g');
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({
      code: 'sql_error',
      sqlstate: '42703',
      position: 8,
      message: 'column "nope" does not exist',
    });
    const syntax = await sql('SELECT FROM WHERE');
    expect(syntax.status).toBe(400);
    expect(syntax.body.error).toMatchObject({ sqlstate: '42601', position: 13 });
  });

  it('survives an error while the statement is described (array params, batches)', async () => {
    // Describing the statement first must leave the connection in step: an extra Sync after
    // the error once made the next statement on that connection crash the server.
    for (let round = 0; round < 3; round++) {
      const described = await sql('SELECT nope, $1::float4[] AS v', [[0.1, 0.2]]);
      expect(described.status).toBe(400);
      expect(described.body.error).toMatchObject({ sqlstate: '42703', position: 8 });
      const batched = await batch('INSERT INTO no_such_table VALUES ($1)', [[1]]);
      expect(batched.status).toBe(400);
      expect(batched.body.error).toMatchObject({ sqlstate: '42P01' });
    }
    const after = await sql('SELECT $1::int4[] AS still', [[1, 2]]);
    expect(after.body).toMatchObject({ rows: [[[1, 2]]] });
  });

  it('answers 409 for a table that already exists', async () => {
    await sql('CREATE TABLE twice (a int)');
    const res = await sql('CREATE TABLE twice (a int)');
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'conflict', sqlstate: '42P07' });
  });

  it('answers 404 for an unknown workspace, and for one of another organization', async () => {
    const res = await server.call(server.adminToken, 'POST', '/api/workspaces/nope/tables/query', {
      body: { query: 'SELECT 1' },
    });
    expect(res.status).toBe(404);
    const stranger = await server.user('stranger@example.com');
    const theirs = await server.call(
      stranger.token,
      'POST',
      '/api/workspaces/default/tables/query',
      {
        body: { query: 'SELECT 1' },
      },
    );
    expect(theirs.status).toBe(404);
  });

  it('lets a member of the organization run SQL in its workspaces', async () => {
    const member = await server.user('member@example.com');
    await server.call(server.adminToken, 'POST', '/api/organizations/default/members', {
      body: { email: 'member@example.com', role: 'member' },
    });
    const res = await server.call(member.token, 'POST', '/api/workspaces/default/tables/query', {
      body: { query: 'SELECT 1 AS one' },
    });
    expect(res.status).toBe(200);
    expect(res.body.rows).toEqual([[1]]);
  });

  it('checks the body', async () => {
    const empty = await server.call(
      server.adminToken,
      'POST',
      '/api/workspaces/default/tables/query',
      {
        body: { query: '' },
      },
    );
    expect(empty.status).toBe(400);
    const notRows = await server.call(
      server.adminToken,
      'POST',
      '/api/workspaces/default/tables/query/batch',
      { body: { query: 'SELECT $1', params_batch: [[1], 2] } },
    );
    expect(notRows.status).toBe(400);
    expect(notRows.body.error.message).toMatch(/params_batch\[1\]/);
  });
});

describe('batch', () => {
  it('is all or nothing, and names the failing row', async () => {
    await sql('CREATE TABLE strict_rows (id int PRIMARY KEY, label text NOT NULL)');
    const res = await batch('INSERT INTO strict_rows (id, label) VALUES ($1, $2)', [
      [1, 'one'],
      [2, 'two'],
      [3, null],
      [4, 'four'],
    ]);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ sqlstate: '23502', batch_index: 2 });
    expect(res.body.error.message).toMatch(/^params_batch\[2\]: /);
    const count = await sql('SELECT count(*) FROM strict_rows');
    expect(count.body.rows).toEqual([[0]]);

    const update = await batch('UPDATE strict_rows SET label = $2 WHERE id = $1', [[1, 'x']]);
    expect(update.body).toMatchObject({ row_count: 0, results: [{ row_count: 0 }] });
  });

  it('names the failing row of a pipelined batch too', async () => {
    await sql('CREATE TABLE counted (id int PRIMARY KEY, n int)');
    await batch('INSERT INTO counted VALUES ($1, 0)', [[1], [2], [3]]);
    const res = await batch('UPDATE counted SET n = n + $2::int WHERE id = $1', [
      [1, 1],
      [2, 'not a number'],
      [3, 1],
    ]);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ sqlstate: '22P02', batch_index: 1 });
    const rows = await sql('SELECT n FROM counted ORDER BY id');
    expect(rows.body.rows).toEqual([[0], [0], [0]]);
  });

  it('inserts many rows quickly and in order', async () => {
    await sql('CREATE TABLE bulk (id serial, a int, b text, c jsonb, d float4[])');
    const rows = Array.from({ length: 5_000 }, (_, i) => [i, `row ${i}`, { i }, [i, i + 0.5]]);
    const res = await batch('INSERT INTO bulk (a, b, c, d) VALUES ($1, $2, $3, $4)', rows);
    expect(res.status).toBe(200);
    expect(res.body.row_count).toBe(5_000);
    const check = await sql('SELECT a, b, c, d FROM bulk ORDER BY id LIMIT 2 OFFSET 4998');
    expect(check.body.rows).toEqual([
      [4998, 'row 4998', { i: 4998 }, [4998, 4998.5]],
      [4999, 'row 4999', { i: 4999 }, [4999, 4999.5]],
    ]);
    const set = await batch(
      'INSERT INTO bulk (a, b) VALUES ($1, $2)',
      rows.map((row) => row.slice(0, 2)),
    );
    expect(set.body.row_count).toBe(5_000);
    // Expressions over the params: one INSERT … SELECT FROM unnest(…) rather than COPY.
    const computed = await batch('INSERT INTO bulk (a, b) VALUES ($1::int * 2, upper($2))', [
      [1, 'x'],
      [2, 'y'],
    ]);
    expect(computed.body).toMatchObject({
      row_count: 2,
      results: [{ row_count: 1 }, { row_count: 1 }],
    });
    const last = await sql('SELECT a, b FROM bulk ORDER BY id DESC LIMIT 2');
    expect(last.body.rows).toEqual([
      [4, 'Y'],
      [2, 'X'],
    ]);
  });

  it('loads plain INSERT batches with COPY, with escapes and NULLs intact, naming a failing row', async () => {
    await sql('CREATE TABLE copied (id int NOT NULL, body text, meta jsonb)');
    const tricky = ['tab\there', 'new\nline', 'back\\slash', '\\N', 'crlf\r\n'];
    const res = await batch(
      'INSERT INTO copied (id, body, meta) VALUES ($1, $2, $3::jsonb)',
      tricky.map((body, i) => [i, body, i % 2 ? null : { i, body }]),
    );
    expect(res.status).toBe(200);
    const back = await sql('SELECT body, meta FROM copied ORDER BY id');
    expect(back.body.rows).toEqual(tricky.map((body, i) => [body, i % 2 ? null : { i, body }]));
    const failing = await batch('INSERT INTO copied (id, body) VALUES ($1, $2)', [
      [10, 'a'],
      [null, 'b'],
    ]);
    expect(failing.status).toBe(400);
    expect(failing.body.error).toMatchObject({ sqlstate: '23502', batch_index: 1 });
  });

  it('refuses a batch over the row limit with 413', async () => {
    const res = await batch(
      'SELECT $1',
      Array.from({ length: 5_001 }, () => [1]),
    );
    expect(res.status).toBe(413);
  });
});

describe('tables', () => {
  it('lists tables with counts and sizes, describes and drops them', async () => {
    await sql('CREATE TABLE listed (id int)');
    await batch(
      'INSERT INTO listed VALUES ($1)',
      Array.from({ length: 50 }, (_, i) => [i]),
    );
    const list = await server.call(server.adminToken, 'GET', '/api/workspaces/default/tables');
    expect(list.status).toBe(200);
    const listed = list.body.tables.find((t: any) => t.table_name === 'listed');
    expect(listed).toEqual({ table_name: 'listed', row_count: 50, size_mb: expect.any(Number) });

    const missing = await server.call(
      server.adminToken,
      'GET',
      '/api/workspaces/default/tables/no_such_table',
    );
    expect(missing.status).toBe(404);

    const drop = await server.call(
      server.adminToken,
      'DELETE',
      '/api/workspaces/default/tables/listed',
    );
    expect(drop.status).toBe(204);
    const again = await server.call(
      server.adminToken,
      'DELETE',
      '/api/workspaces/default/tables/listed',
    );
    expect(again.status).toBe(404);
  });
});
