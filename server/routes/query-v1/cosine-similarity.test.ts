import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withClient } from '../../db/index';
import { createLogger } from '../../logger';
import { createWorkspaceDatabases } from '../../sql/workspace-databases';
import { createTestServer, type TestServer } from '../../test/harness';

/**
 * `cosine_similarity(a, b)` (workspace migration 005), in the forms Deeplake's query API writes
 * it, through both SQL endpoints, and as the workspace's role.
 */

let server: TestServer;
const sql = (query: string, params?: unknown[]) =>
  server.call(server.adminToken, 'POST', '/api/workspaces/default/tables/query', {
    body: params ? { query, params } : { query },
  });
const value = async (query: string, params?: unknown[]) => {
  const res = await sql(query, params);
  expect(res.status, `${query} → ${JSON.stringify(res.body)}`).toBe(200);
  return res.body.rows[0][0] as number | null;
};

beforeAll(async () => {
  server = await createTestServer();
  for (const statement of [
    'CREATE TABLE vectors (id int, plain real[], typed embedding)',
    `INSERT INTO vectors VALUES (1, '{0.6,0.8,0}', '{0.6,0.8,0}'), (2, '{0,0,0}', '{0,0,0}')`,
  ]) {
    expect((await sql(statement)).status, statement).toBe(200);
  }
});
afterAll(() => server.close());

describe('cosine_similarity', () => {
  it('takes a real[] or EMBEDDING column and an ARRAY of decimals, as the seed writes it', async () => {
    const expected =
      (Math.fround(0.6) * 1 + Math.fround(0.8) * 0.5) /
      Math.sqrt(Math.fround(0.6) ** 2 + Math.fround(0.8) ** 2) /
      Math.sqrt(1 + 0.25);
    for (const column of ['plain', 'typed']) {
      const got = await value(
        `SELECT cosine_similarity(${column}, ARRAY[1.0, 0.5, 0]) FROM vectors WHERE id = 1`,
      );
      expect(got).toBeCloseTo(expected, 14);
    }
  });

  it('takes integer arrays, float arrays and bind parameters too', async () => {
    expect(await value('SELECT cosine_similarity(ARRAY[1, 0], ARRAY[0, 1])')).toBe(0);
    expect(
      await value('SELECT cosine_similarity(ARRAY[3, 4]::real[], ARRAY[0.6, 0.8]::float8[])'),
    ).toBeCloseTo(1, 15);
    expect(
      await value('SELECT cosine_similarity(typed, $1) FROM vectors WHERE id = 1', [[0.6, 0.8, 0]]),
    ).toBeCloseTo(1, 7);
  });

  it('is 1 for parallel vectors and -1 for opposite ones, never past them', async () => {
    expect(
      await value('SELECT cosine_similarity(ARRAY[0.1, 0.2, 0.3], ARRAY[0.1, 0.2, 0.3])'),
    ).toBe(1);
    expect(await value('SELECT cosine_similarity(ARRAY[0.1, 0.2], ARRAY[-0.1, -0.2])')).toBe(-1);
  });

  it('is NULL for a zero vector, a NULL element or a NULL argument', async () => {
    expect(
      await value('SELECT cosine_similarity(typed, ARRAY[1, 2, 3]) FROM vectors WHERE id = 2'),
    ).toBe(null);
    expect(await value('SELECT cosine_similarity(ARRAY[1, NULL], ARRAY[1, 2])')).toBe(null);
    expect(await value('SELECT cosine_similarity(NULL, ARRAY[1, 2])')).toBe(null);
  });

  it('refuses vectors of different lengths with an error, not a number', async () => {
    const res = await sql(
      'SELECT cosine_similarity(typed, ARRAY[0.1, 0.2]) FROM vectors WHERE id = 1',
    );
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({
      code: 'sql_error',
      sqlstate: '22000',
      message: 'cosine_similarity: the vectors have different lengths (3 and 2)',
    });
    expect(res.body.error.hint).toMatch(/as many numbers/);
  });

  it('refuses arrays of more than one dimension', async () => {
    const res = await sql('SELECT cosine_similarity(ARRAY[[1, 2], [3, 4]], ARRAY[1, 2, 3, 4])');
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/one-dimensional/);
  });

  it('is the same through the query API', async () => {
    const res = await server.call(server.adminToken, 'POST', '/api/query/v1', {
      body: {
        query:
          'SELECT id, cosine_similarity(plain, ARRAY[0.6, 0.8, 0]) AS score FROM "hub://default/default/vectors" ORDER BY id',
      },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.data[0].score).toBeCloseTo(1, 7);
    expect(res.body.data[1]).toEqual({ id: 2, score: null });
  });

  it('may be called by the workspace’s own role, past the statement guard', async () => {
    const client = new pg.Client({ connectionString: await server.workspaceRoleUrl('default') });
    await client.connect();
    try {
      const { rows } = await client.query(
        'SELECT public.cosine_similarity(ARRAY[1, 0]::real[], ARRAY[1, 0]) AS score',
      );
      expect(rows[0].score).toBe(1);
    } finally {
      await client.end();
    }
  });
});

describe('workspace migration 005', () => {
  it('reaches a workspace database made before it, at the next start', async () => {
    const created = await server.call(server.adminToken, 'POST', '/api/workspaces', {
      body: { id: 'older', name: 'Older' },
    });
    expect(created.status).toBe(201);
    const { url, name } = await server.workspaceDatabase('older');
    const exists = () =>
      withClient(url, async (client) => {
        const [row] = await client.query<{ found: boolean }>(
          `SELECT to_regprocedure('public.cosine_similarity(double precision[], double precision[])') IS NOT NULL AS found`,
        );
        return row!.found;
      });
    expect(await exists()).toBe(true);
    // As a database made before the migration was written: without it, one version behind.
    await withClient(url, async (client) => {
      await client.query(
        'DROP FUNCTION public.cosine_similarity(double precision[], double precision[])',
      );
      await client.query(
        `DELETE FROM deeplake_internal.schema_migrations WHERE name = '005_cosine_similarity.sql'`,
      );
    });
    const version = () =>
      server.db
        .query<{ database_version: number }>(
          'SELECT database_version FROM deeplake_console.workspace_roles WHERE database_name = $1',
          [name],
        )
        .then(([row]) => row!.database_version);
    const current = await version();
    await server.db.query(
      'UPDATE deeplake_console.workspace_roles SET database_version = $2 WHERE database_name = $1',
      [name, current - 1],
    );
    expect(await exists()).toBe(false);

    await createWorkspaceDatabases(server.db, createLogger('silent')).prepare();
    expect(await exists()).toBe(true);
    expect(await version()).toBe(current);
  });
});
