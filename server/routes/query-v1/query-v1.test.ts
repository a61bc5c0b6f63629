import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, type TestServer } from '../../test/harness';

/**
 * `POST /api/query/v1`, Deeplake's query API: hub paths resolved to the caller's workspace,
 * both answer shapes, its errors, and the query endpoint's rules (roles, guard, encoding).
 */

let server: TestServer;
let viewer: { id: string; token: string };
let rival: { id: string; token: string };

type Answer = { status: number; body: any; headers: Record<string, unknown> };

const v1 = (token: string | null, body: unknown, org?: string): Promise<Answer> =>
  server.call(token, 'POST', '/api/query/v1', { body, ...(org ? { org } : {}) });
const admin = (body: unknown) => v1(server.adminToken, body);
const sqlIn = (token: string, workspace: string, query: string, params?: unknown[]) =>
  server.call(token, 'POST', `/api/workspaces/${workspace}/tables/query`, {
    body: params ? { query, params } : { query },
  });

/** Vectors of the docs table, and the query vector of the seed's example. */
const DOCS: [string, number[]][] = [
  ['alpha', [1, 0, 0, 0]],
  ['beta', [0.6, 0.8, 0, 0]],
  ['gamma', [0, 0, 1, 0]],
  ['delta', [-1, 0, 0, 0]],
  ['epsilon', [0.5, 0.5, 0.5, 0.5]],
  ['zeta', [0.1, 0.2, 0.3, 0.4]],
];
const QUERY_VECTOR = [0.9, 0.1, 0.2, 0.0];

/** The cosine similarity PostgreSQL computes: the stored values are float4, the query's double. */
function cosine(stored: number[], query: number[]) {
  const a = stored.map((x) => Math.fround(x));
  let dot = 0;
  let na = 0;
  let nb = 0;
  a.forEach((x, i) => {
    dot += x * query[i]!;
    na += x * x;
    nb += query[i]! * query[i]!;
  });
  return dot / (Math.sqrt(na) * Math.sqrt(nb));
}

/** The five best, as the seed's query orders them. */
const EXPECTED_TOP5 = DOCS.map(([text, vector]) => ({ text, score: cosine(vector, QUERY_VECTOR) }))
  .sort((a, b) => b.score - a.score)
  .slice(0, 5);

const seedQuery = (datasetPath: string, embedding = QUERY_VECTOR) =>
  `select * from (select text, cosine_similarity(embedding, ARRAY[${embedding.join(',')}]) as score from "${datasetPath}") order by score desc limit 5`;

function expectTop5(rows: { text: string; score: number }[]) {
  expect(rows.map((row) => row.text)).toEqual(EXPECTED_TOP5.map((row) => row.text));
  rows.forEach((row, i) => expect(row.score).toBeCloseTo(EXPECTED_TOP5[i]!.score, 12));
}

/** An error answer: our envelope, and its message again at the top, as Deeplake's clients read it. */
function expectError(res: Answer, status: number, code: string, message?: RegExp) {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.body.error.code).toBe(code);
  expect(res.body.message).toBe(res.body.error.message);
  if (message) expect(res.body.error.message).toMatch(message);
}

beforeAll(async () => {
  server = await createTestServer();
  const token = server.adminToken;
  const made = await server.call(token, 'POST', '/api/workspaces', {
    body: { id: 'second', name: 'Second' },
  });
  expect(made.status).toBe(201);
  for (const [workspace, statement] of [
    ['default', 'CREATE TABLE docs (text text, embedding embedding)'],
    ['default', 'CREATE TABLE notes (id int8, body text)'],
    ['default', 'CREATE SEQUENCE counter'],
    ['second', 'CREATE TABLE docs (text text, embedding real[])'],
    ['second', 'CREATE TABLE other (a int)'],
  ] as const) {
    const res = await sqlIn(token, workspace, statement);
    expect(res.status, `${statement} → ${JSON.stringify(res.body)}`).toBe(200);
  }
  const inserted = await server.call(token, 'POST', '/api/workspaces/default/tables/query/batch', {
    body: {
      query: 'INSERT INTO docs (text, embedding) VALUES ($1, $2)',
      params_batch: DOCS,
    },
  });
  expect(inserted.status, JSON.stringify(inserted.body)).toBe(200);

  viewer = await server.user('viewer@example.com');
  const invited = await server.call(token, 'POST', '/api/organizations/default/members', {
    body: { email: 'viewer@example.com', role: 'viewer' },
  });
  expect(invited.status).toBe(201);

  rival = await server.user('rival@example.com');
  expect(
    (
      await server.call(rival.token, 'POST', '/api/organizations', {
        body: { id: 'rival-org', name: 'Rival' },
      })
    ).status,
  ).toBe(201);
  expect(
    (
      await server.call(rival.token, 'POST', '/api/workspaces', {
        org: 'rival-org',
        body: { id: 'rival-ws', name: 'Rival WS' },
      })
    ).status,
  ).toBe(201);
  expect(
    (await sqlIn(rival.token, 'rival-ws', "CREATE TABLE docs AS SELECT 'secret' AS text")).status,
  ).toBe(200);
});
afterAll(() => server.close());

describe('the answer', () => {
  it('is a list of row objects by default, as the seed shows', async () => {
    const res = await admin({ query: seedQuery('hub://default/default/docs') });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.body).toMatchObject({ message: 'Query successful.', tensors: ['text', 'score'] });
    expect(Object.keys(res.body.data[0])).toEqual(['text', 'score']);
    expectTop5(res.body.data);
    // The query endpoint's extras follow.
    expect(res.body).toMatchObject({ row_count: 5, truncated: false, types: ['text', 'float8'] });
  });

  it('is the same list with as_list true, and an object of column arrays with false', async () => {
    const query = seedQuery('hub://default/default/docs');
    const asList = await admin({ query, as_list: true });
    expect(asList.body.data).toEqual((await admin({ query })).body.data);

    const columns = await admin({ query, as_list: false });
    expect(columns.status).toBe(200);
    expect(columns.body).toMatchObject({
      message: 'Query successful.',
      tensors: ['text', 'score'],
    });
    expect(Object.keys(columns.body.data)).toEqual(['text', 'score']);
    const { text, score } = columns.body.data as { text: string[]; score: number[] };
    expectTop5(text.map((t, i) => ({ text: t, score: score[i]! })));
  });

  it('encodes values as the query endpoint does', async () => {
    const select = `SELECT 9007199254740993::int8 AS big, 42::int8 AS small, '\\xdead'::bytea AS bytes,
        '2024-05-06 07:08:09+02'::timestamptz AS at, '{"a": [1, "x", null]}'::jsonb AS doc,
        ARRAY[0.5, 1.5]::real[] AS vec, 1.50::numeric AS amount, NULL::text AS nothing,
        'ü "quoted"'::text AS note`;
    const plain = await sqlIn(
      server.adminToken,
      'default',
      `${select} FROM notes RIGHT JOIN (VALUES (1)) v(x) ON false`,
    );
    expect(plain.status, JSON.stringify(plain.body)).toBe(200);
    const viaHub = `${select} FROM "hub://default/default/notes" RIGHT JOIN (VALUES (1)) v(x) ON false`;
    const rows = await admin({ query: viaHub });
    const columns = await admin({ query: viaHub, as_list: false });
    expect(rows.body.tensors).toEqual(plain.body.columns);
    expect(rows.body.types).toEqual(plain.body.types);
    const [row] = plain.body.rows as unknown[][];
    expect(rows.body.data).toEqual([
      Object.fromEntries(plain.body.columns.map((name: string, i: number) => [name, row![i]])),
    ]);
    expect(columns.body.data).toEqual(
      Object.fromEntries(plain.body.columns.map((name: string, i: number) => [name, [row![i]]])),
    );
    expect(rows.body.data[0]).toMatchObject({
      big: '9007199254740993',
      small: 42,
      doc: { a: [1, 'x', null] },
    });
  });

  it('answers a statement without rows with no tensors', async () => {
    const res = await admin({
      query: 'UPDATE "hub://default/default/notes" SET body = body WHERE false',
      as_list: false,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ tensors: [], data: {}, command: 'UPDATE', row_count: 0 });
  });

  it('keeps column names that are JavaScript’s own property names as plain keys', async () => {
    const res = await admin({
      query:
        'SELECT 1 AS "__proto__", 2 AS "constructor" FROM "hub://default/default/notes" RIGHT JOIN (VALUES (1)) v(x) ON false',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.tensors).toEqual(['__proto__', 'constructor']);
    expect(JSON.parse(JSON.stringify(res.body.data[0]))).toHaveProperty('constructor', 2);
  });

  it('refuses columns of one name, which would collide in rows, before running anything', async () => {
    const joined = await admin({
      query:
        'SELECT a.text, b.text FROM "hub://default/default/docs" a JOIN "hub://default/default/docs" b USING (text)',
    });
    expectError(joined, 400, 'bad_request', /more than one column named "text".*AS/);
    const unnamed = await admin({
      query: 'SELECT 1, 2 FROM "hub://default/default/notes"',
      as_list: false,
    });
    expectError(unnamed, 400, 'bad_request', /"\?column\?"/);

    const write = await admin({
      query: `INSERT INTO "hub://default/default/notes" VALUES (7, 'x') RETURNING body, body`,
    });
    expectError(write, 400, 'bad_request', /more than one column named "body"/);
    const count = await sqlIn(server.adminToken, 'default', 'SELECT count(*) AS n FROM notes');
    expect(count.body.rows).toEqual([[0]]);
  });
});

describe('hub paths', () => {
  it('resolve the two-part form when one workspace of the organization has the table', async () => {
    const res = await admin({ query: 'SELECT count(*) AS n FROM "hub://default/notes"' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.data).toEqual([{ n: 0 }]);
    const other = await admin({ query: 'SELECT count(*) AS n FROM "hub://default/other"' });
    expect(other.body.data).toEqual([{ n: 0 }]);
  });

  it('answer a two-part path several workspaces could mean with a 400 that lists them', async () => {
    const res = await admin({ query: seedQuery('hub://default/docs') });
    expectError(
      res,
      400,
      'bad_request',
      /workspaces "default", "second" of organization "default"/,
    );
    expect(res.body.error.candidates).toEqual(['default', 'second']);
    expect(res.body.error.message).toContain('"hub://default/default/docs"');
  });

  it('answer a two-part path no workspace has with a 404', async () => {
    const res = await admin({ query: 'SELECT * FROM "hub://default/nowhere"' });
    expectError(
      res,
      404,
      'not_found',
      /No workspace of organization "default" has a table "nowhere"/,
    );
  });

  it('must all be tables of one workspace', async () => {
    const res = await admin({
      query: 'SELECT * FROM "hub://default/default/notes", "hub://default/second/other"',
    });
    expectError(res, 400, 'bad_request', /tables of one workspace.*"default".*"second"/);
  });

  it('may name one table several times and mix both forms', async () => {
    const res = await admin({
      query:
        'SELECT count(*) AS n FROM "hub://default/default/notes" a, "hub://default/notes" b, "hub://default/default/notes" c',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  });

  it('are required: a query without one is a 400 that explains the form', async () => {
    const res = await admin({ query: 'SELECT * FROM docs' });
    expectError(res, 400, 'bad_request', /hub:\/\/<organization>\/<workspace>\/<table>/);
  });

  it('that are malformed are a 400 with their position', async () => {
    const res = await admin({ query: 'SELECT * FROM "hub://default/a/b/c"' });
    expectError(res, 400, 'bad_request', /is not a hub path/);
    expect(res.body.error.position).toBe(15);
  });

  it('are not looked for in string literals and column aliases', async () => {
    const res = await admin({
      query: `SELECT 'hub://default/second/other' AS "hub://default/second/other" FROM "hub://default/default/notes" RIGHT JOIN (VALUES (1)) v(x) ON false`,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.data).toEqual([{ 'hub://default/second/other': 'hub://default/second/other' }]);
  });

  it('leave SQL errors pointing into the caller’s text', async () => {
    const query = `SELECT 'é' AS e FROM "hub://default/default/notes" WHERE nope = 1`;
    const res = await admin({ query });
    expectError(res, 400, 'sql_error', /column "nope" does not exist/);
    expect(res.body.error.position).toBe([...query.slice(0, query.indexOf('nope'))].length + 1);
  });

  it('go through the statement guard', async () => {
    const res = await admin({
      query: 'SELECT pg_advisory_lock(1) FROM "hub://default/default/notes"',
    });
    expectError(res, 403, 'statement_not_allowed', /pg_advisory_lock\(\) is not allowed/);
  });
});

describe('another tenant', () => {
  /** The body with the name it was asked about replaced, to compare two answers. */
  const scrubbed = (res: Answer, name: string) =>
    JSON.parse(JSON.stringify(res.body).replaceAll(name, '<name>'));

  it('’s organization is not found, exactly as one that does not exist', async () => {
    const theirs = await admin({ query: 'SELECT * FROM "hub://rival-org/rival-ws/docs"' });
    const none = await admin({ query: 'SELECT * FROM "hub://nobody-org/rival-ws/docs"' });
    expectError(theirs, 404, 'not_found');
    expect(none.status).toBe(404);
    expect(scrubbed(theirs, 'rival-org')).toEqual(scrubbed(none, 'nobody-org'));
    const twoPart = await admin({ query: 'SELECT * FROM "hub://rival-org/docs"' });
    const twoPartNone = await admin({ query: 'SELECT * FROM "hub://nobody-org/docs"' });
    expect(scrubbed(twoPart, 'rival-org')).toEqual(scrubbed(twoPartNone, 'nobody-org'));
  });

  it('’s workspace under one’s own organization is not found, as a missing one', async () => {
    const theirs = await admin({ query: 'SELECT * FROM "hub://default/rival-ws/docs"' });
    const none = await admin({ query: 'SELECT * FROM "hub://default/nobody-ws/docs"' });
    expectError(theirs, 404, 'not_found');
    expect(scrubbed(theirs, 'rival-ws')).toEqual(scrubbed(none, 'nobody-ws'));
  });

  it('’s workspaces are never candidates of a two-part path', async () => {
    const res = await v1(rival.token, { query: 'SELECT * FROM "hub://rival-org/docs"' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.data).toEqual([{ text: 'secret' }]);
    const mine = await v1(rival.token, { query: 'SELECT * FROM "hub://default/docs"' });
    expectError(mine, 404, 'not_found', /Organization "default" not found/);
  });

  it('is not reached by naming its organization in the org header either', async () => {
    const res = await v1(
      server.adminToken,
      { query: 'SELECT * FROM "hub://default/default/notes"' },
      'rival-org',
    );
    expectError(res, 404, 'not_found', /Organization "default" not found/);
  });
});

describe('roles', () => {
  it('let a viewer read', async () => {
    const res = await v1(viewer.token, { query: seedQuery('hub://default/default/docs') });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expectTop5(res.body.data);
  });

  it('keep a viewer from writing through a hub path', async () => {
    for (const query of [
      `INSERT INTO "hub://default/default/notes" VALUES (1, 'x')`,
      'DELETE FROM "hub://default/default/docs"',
      'CREATE TABLE "hub://default/default/mine" (a int)',
    ]) {
      const res = await v1(viewer.token, { query });
      expectError(res, 403, 'forbidden', /You are a viewer in "default"/);
    }
    // A write the parse tree does not show: PostgreSQL's read-only transaction refuses it.
    const hidden = await v1(viewer.token, {
      query: `SELECT nextval('counter') FROM "hub://default/default/notes" RIGHT JOIN (VALUES (1)) v(x) ON false`,
    });
    expectError(hidden, 403, 'forbidden', /read-only transaction/);
    const count = await sqlIn(server.adminToken, 'default', 'SELECT count(*) AS n FROM docs');
    expect(count.body.rows).toEqual([[DOCS.length]]);
  });

  it('let a writer make a deeplake_index through a hub path, as Deeplake writes it', async () => {
    const res = await admin({
      query: 'CREATE INDEX ON "hub://default/second/docs" USING deeplake_index (embedding DESC)',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ tensors: [], data: [], command: 'CREATE INDEX' });
  });

  it('let a writer write through a hub path', async () => {
    const res = await admin({
      query: `INSERT INTO "hub://default/second/other" VALUES (5), (6) RETURNING a`,
      as_list: false,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ tensors: ['a'], data: { a: [5, 6] }, command: 'INSERT' });
    await admin({ query: 'DELETE FROM "hub://default/second/other"' });
  });
});

describe('requests', () => {
  it('need a token; the 401 has the top-level message too', async () => {
    const res = await v1(null, { query: seedQuery('hub://default/default/docs') });
    expectError(res, 401, 'unauthorized');
  });

  it.each([
    ['no query', { as_list: true }, /query/],
    ['an empty query', { query: '' }, /query: the query is empty/],
    ['a query that is not a string', { query: 42 }, /query: must be a string/],
    [
      'as_list that is not a boolean',
      { query: 'SELECT 1', as_list: 'yes' },
      /as_list: must be true/,
    ],
    ['an array', [1, 2], /body/],
  ])('with %s are a 400', async (_what, body, message) => {
    expectError(await admin(body), 400, 'bad_request', message);
  });

  it('that are not JSON are a 400', async () => {
    const res = await server.app.inject({
      method: 'POST',
      url: '/api/query/v1',
      headers: { authorization: `Bearer ${server.adminToken}`, 'content-type': 'application/json' },
      payload: '{"query": "SELECT',
    });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.error.code).toBe('bad_request');
    expect(body.message).toBe(body.error.message);
  });

  it('with a body over the query endpoint’s limit are refused before they are read whole', async () => {
    const huge = `{"query": "SELECT ${'9'.repeat(64 * 1024 * 1024)}"}`;
    const res = await server.app.inject({
      method: 'POST',
      url: '/api/query/v1',
      headers: { authorization: `Bearer ${server.adminToken}`, 'content-type': 'application/json' },
      payload: huge,
    });
    expect(res.statusCode).toBe(413);
    const body = res.json();
    expect(body.error.code).toBe('payload_too_large');
    expect(body.message).toBe(body.error.message);
  });
});
