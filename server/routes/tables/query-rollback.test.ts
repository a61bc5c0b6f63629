import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, type TestServer } from '../../test/harness';

/** `rollback: true` on the query endpoint: the console's "Explain analyze" of a write. */

let server: TestServer;
let sql: (body: Record<string, unknown>) => Promise<{ status: number; body: any }>;

beforeAll(async () => {
  server = await createTestServer();
  sql = (body) =>
    server.call(server.adminToken, 'POST', '/api/workspaces/default/tables/query', { body });
  const made = await sql({
    query: 'CREATE TABLE rb_items (id int PRIMARY KEY, name text)',
  });
  expect(made.status).toBe(200);
  await sql({ query: "INSERT INTO rb_items VALUES (1, 'one'), (2, 'two')" });
});
afterAll(() => server.close());

const names = async () =>
  (await sql({ query: 'SELECT name FROM rb_items ORDER BY id' })).body.rows as unknown[][];

describe('rollback: true', () => {
  it('runs EXPLAIN ANALYZE of an UPDATE and keeps nothing', async () => {
    const answer = await sql({
      query: "EXPLAIN (FORMAT JSON, ANALYZE, BUFFERS) UPDATE rb_items SET name = 'changed'",
      rollback: true,
    });
    expect(answer.status).toBe(200);
    expect(answer.body.committed).toBe(false);
    const plan = answer.body.rows[0][0] as [{ Plan: Record<string, unknown> }];
    expect(plan[0].Plan['Node Type']).toBe('ModifyTable');
    expect(plan[0].Plan['Actual Rows']).toBe(0);
    expect(await names()).toEqual([['one'], ['two']]);
  });

  it('keeps nothing of a plain write either, and binds params', async () => {
    const answer = await sql({
      query: 'INSERT INTO rb_items VALUES ($1, $2)',
      params: [3, 'three'],
      rollback: true,
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ row_count: 1, command: 'INSERT', committed: false });
    expect(await names()).toEqual([['one'], ['two']]);
  });

  it('rolls back after an error, and the session is usable again', async () => {
    const failed = await sql({
      query: 'INSERT INTO rb_items VALUES (1, $1)',
      params: ['duplicate'],
      rollback: true,
    });
    expect(failed.status).toBe(400);
    expect(failed.body.error.sqlstate).toBe('23505');
    // Every session of the pool must be outside a transaction: several reads in a row work.
    for (let k = 0; k < 5; k++) expect(await names()).toEqual([['one'], ['two']]);
  });

  it('still commits without the flag, and refuses a flag that is not a boolean', async () => {
    const kept = await sql({ query: "UPDATE rb_items SET name = 'uno' WHERE id = 1" });
    expect(kept.body.committed).toBe(true);
    expect(await names()).toEqual([['uno'], ['two']]);
    const bad = await sql({ query: 'SELECT 1', rollback: 'yes' });
    expect(bad.status).toBe(400);
  });

  it('does not let the statement end the transaction itself', async () => {
    // The guard refuses transaction control before anything runs.
    const answer = await sql({ query: 'COMMIT', rollback: true });
    expect(answer.status).toBe(403);
  });
});
