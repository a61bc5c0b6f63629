import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, type TestServer } from '../../test/harness';

/**
 * `POST /workspaces/{ws}/tables` with JSON `{table_name, table_schema}`: an empty table, as
 * Deeplake's ingestion reference and its clients create one (types as Deeplake names them).
 */

let server: TestServer;
beforeAll(async () => {
  server = await createTestServer();
});
afterAll(() => server.close());

const create = (body: unknown, token = server.adminToken) =>
  server.call(token, 'POST', '/api/workspaces/default/tables', {
    body,
    headers: { 'content-type': 'application/json' },
  });

describe('create a table from a JSON schema', () => {
  it('creates the empty table with the types as Deeplake names them', async () => {
    const res = await create({
      table_name: 'memory',
      table_schema: {
        id: 'BIGSERIAL',
        path: 'TEXT',
        'Summary Text': 'text',
        size: 'INT8',
        score: 'FLOAT4',
        vector: 'FLOAT4[]',
        tags: 'TEXT[]',
        meta: 'JSONB',
        at: 'TIMESTAMPTZ',
        price: 'NUMERIC(10, 2)',
        picture: 'IMAGE',
        embedding: 'EMBEDDING',
        label: 'CLASS_LABEL',
      },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ table_name: 'memory', row_count: 0 });
    expect(res.body.columns.map((c: any) => [c.name, c.type])).toEqual([
      ['id', 'int8'],
      ['path', 'text'],
      ['Summary Text', 'text'],
      ['size', 'int8'],
      ['score', 'float4'],
      ['vector', '_float4'],
      ['tags', '_text'],
      ['meta', 'jsonb'],
      ['at', 'timestamptz'],
      ['price', 'numeric'],
      ['picture', 'image'],
      ['embedding', 'embedding'],
      ['label', 'class_label'],
    ]);

    // Usable at once, unqualified too (the workspace is on the search path).
    const insert = await server.call(
      server.adminToken,
      'POST',
      '/api/workspaces/default/tables/query',
      {
        body: {
          query: `INSERT INTO memory (path, vector, picture) VALUES ($1, $2, decode($3, 'hex')::IMAGE)`,
          params: ['/a.md', [0.5, 1], 'ffd8ff'],
        },
      },
    );
    expect(insert.status, JSON.stringify(insert.body)).toBe(200);
    expect(insert.body.row_count).toBe(1);
  });

  it('is 409 when the table exists', async () => {
    const body = { table_name: 'twice', table_schema: { a: 'TEXT' } };
    expect((await create(body)).status).toBe(201);
    const again = await create(body);
    expect(again.status).toBe(409);
  });

  it.each([
    [{ table_schema: { a: 'TEXT' } }, 'table_name "" is required'],
    [{ table_name: '1bad', table_schema: { a: 'TEXT' } }, 'table_name "1bad"'],
    [{ table_name: 'ok' }, 'table_schema: must be an object'],
    [{ table_name: 'ok', table_schema: {} }, 'table_schema: name at least one column'],
    [
      { table_name: 'ok', table_schema: { a: 'SPACESHIP' } },
      'table_schema.a: "SPACESHIP" is not a column type',
    ],
    [
      { table_name: 'ok', table_schema: { a: 'TEXT); DROP TABLE memory; --' } },
      'table_schema.a: "TEXT); DROP TABLE memory; --" is not a column type',
    ],
    [
      { table_name: 'ok', table_schema: { a: 'INT8', b: 7 } },
      'table_schema.b: the type must be a type name',
    ],
    [{ table_name: 'ok', table_schema: { a: 'SERIAL[]' } }, 'SERIAL takes no size or []'],
    [{ table_name: 'ok', table_schema: { ['x'.repeat(64)]: 'TEXT' } }, 'must be 1 to 63 bytes'],
  ])('refuses %j with a 400 that says which part is wrong', async (body, message) => {
    const res = await create(body);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain(message);
  });

  it('accepts DELETE and GET sent with a JSON content type and no body, as the clients send them', async () => {
    expect((await create({ table_name: 'gone', table_schema: { a: 'TEXT' } })).status).toBe(201);
    const listed = await server.call(server.adminToken, 'GET', '/api/workspaces/default/tables', {
      headers: { 'content-type': 'application/json' },
    });
    expect(listed.status, JSON.stringify(listed.body)).toBe(200);
    const dropped = await server.call(
      server.adminToken,
      'DELETE',
      '/api/workspaces/default/tables/gone',
      { headers: { 'content-type': 'application/json' } },
    );
    expect(dropped.status, JSON.stringify(dropped.body)).toBe(204);
  });

  it('is not open to someone outside the organization', async () => {
    const stranger = await server.user('stranger@example.com');
    const res = await create({ table_name: 'theirs', table_schema: { a: 'TEXT' } }, stranger.token);
    expect(res.status).toBe(404);
  });
});
