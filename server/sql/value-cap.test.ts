import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, type TestServer } from '../test/harness';

/**
 * One value, one row or one error text over the byte cap, as an ordinary account can ask for
 * them: each is refused with value_too_large before it is read, and the server, the workspace
 * and its other sessions go on. A cap of 1 MiB keeps them fast; server/sql/value-cap-
 * process.test.ts runs the real default against 600 MB in the real process.
 */

const CAP = 1024 * 1024;
let server: TestServer;
const sql = (query: string, params?: unknown[]) =>
  server.call(server.adminToken, 'POST', '/api/workspaces/default/tables/query', {
    body: params ? { query, params } : { query },
  });
const batch = (query: string, params_batch: unknown[][]) =>
  server.call(server.adminToken, 'POST', '/api/workspaces/default/tables/query/batch', {
    body: { query, params_batch },
  });

// Counted here as well as by vitest: in the real server either would end the process.
const escaped: unknown[] = [];
const onEscape = (error: unknown) => escaped.push(error);

beforeAll(async () => {
  process.on('uncaughtException', onEscape);
  process.on('unhandledRejection', onEscape);
  server = await createTestServer({ sqlLimits: { maxBytes: CAP } });
});
afterAll(async () => {
  process.off('uncaughtException', onEscape);
  process.off('unhandledRejection', onEscape);
  await server.close();
});

/** The workspace's statements still running: a refused one must not be among them. */
async function running(pattern: string) {
  return server.db.query<{ pid: number; state: string }>(
    `SELECT pid, state FROM pg_stat_activity
      WHERE application_name = 'deeplake-console/default' AND query LIKE $1
        AND query NOT LIKE '%pg_stat_activity%'`,
    [`%${pattern}%`],
  );
}

async function expectGone(pattern: string) {
  const deadline = Date.now() + 5_000;
  while ((await running(pattern)).length > 0) {
    if (Date.now() > deadline) throw new Error(`"${pattern}" is still running`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('a value over the cap', () => {
  it('is refused with value_too_large, naming its row and column', async () => {
    const res = await sql(
      `SELECT g AS id, CASE WHEN g = 3 THEN repeat('x', ${2 * CAP}) ELSE 'small' END AS payload
         FROM generate_series(1, 5) g`,
    );
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('value_too_large');
    expect(res.body.error.message).toBe(
      'A value in row 3, column "payload", is 2 MiB, over the 1 MiB limit: select a part of it, e.g. left(payload, 1000), or its size with octet_length(payload)',
    );
    await expectGone('generate_series(1, 5)');
  });

  it('is refused when it is a parameter sent back', async () => {
    const res = await sql('SELECT $1::text AS echo', ['y'.repeat(CAP + 1)]);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'value_too_large' });
    expect(res.body.error.message).toMatch(
      /^A value in row 1, column "echo", is 1,048,577 bytes, over the 1 MiB limit/,
    );
  });

  it('lets one just under the cap through', async () => {
    const res = await sql(`SELECT repeat('x', ${CAP - 100}) AS v`);
    expect(res.status).toBe(200);
    expect(res.body.rows[0][0]).toHaveLength(CAP - 100);
  });
});

describe('an error text over the cap', () => {
  it('is refused with value_too_large, keeping its SQLSTATE and start', async () => {
    const res = await sql(`SELECT repeat('x', ${2 * CAP})::int`);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'value_too_large', sqlstate: '22P02' });
    expect(res.body.error.message).toMatch(
      /^The statement's error message from Postgres is 2 MiB, over the 1 MiB limit, so it is not shown whole; it begins: invalid input syntax for type integer: "x{150}/,
    );
    expect(res.body.error.message.length).toBeLessThan(500);
  });

  it('is refused in a batch, whose set statement and row-by-row fallback share the session', async () => {
    await sql('CREATE TABLE numbers (n int)');
    const res = await batch('INSERT INTO numbers (n) VALUES ($1)', [['1'], ['z'.repeat(CAP)]]);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'value_too_large', sqlstate: '22P02' });
    const count = await sql('SELECT count(*)::int AS n FROM numbers');
    expect(count.body.rows).toEqual([[0]]);
  });
});

describe('a row of many values within the cap', () => {
  it('is refused when they add up past it, naming the column where they do', async () => {
    const third = Math.floor(CAP / 3);
    const columns = [1, 2, 3, 4, 5].map((i) => `repeat('${i}', ${third}) AS c${i}`).join(', ');
    const res = await sql(`SELECT ${columns}`);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('value_too_large');
    expect(res.body.error.message).toMatch(
      /^Row 1 is 1\.7 MiB, over the 1 MiB limit for one row \(its values pass the limit at column "c4"\): select fewer columns/,
    );
  });
});

describe('after them', () => {
  it('the workspace answers on every session, and so does the server', async () => {
    // More requests than the workspace has sessions: the dropped ones were replaced.
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, i) => sql('SELECT $1::int AS i', [i])),
    );
    expect(answers.map((res) => res.status)).toEqual(Array(8).fill(200));
    expect(answers.map((res) => res.body.rows[0][0])).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    const health = await server.call(null, 'GET', '/api/health');
    expect(health.status).toBe(200);
    const ready = await server.call(null, 'GET', '/api/ready');
    expect(ready.status).toBe(200);
    expect(escaped).toEqual([]);
  });
});
