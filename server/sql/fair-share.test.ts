import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, type TestServer } from '../test/harness';

/**
 * One person floods the server with slow statements from many workspaces of their own
 * organizations: another organization's queries still run, and the flood's excess is a 503
 * server_busy with Retry-After — not a 400 as if the SQL were wrong.
 */

let server: TestServer;
beforeAll(async () => {
  server = await createTestServer({
    sqlLimits: {
      sessionsTotal: 8,
      sessionsPerOrganization: 4,
      sessionsPerUser: 6,
      sessionQueueMs: 500,
    },
  });
});
afterAll(() => server.close());

describe('a fair share of the database', () => {
  it('keeps another organization answering while one floods, and says busy to the flood', async () => {
    const flood = await server.user('flood@example.com');
    for (const org of ['flood-a', 'flood-b']) {
      const made = await server.call(flood.token, 'POST', '/api/organizations', {
        body: { id: org, name: org },
      });
      expect(made.status, JSON.stringify(made.body)).toBe(201);
      for (const ws of ['w1', 'w2']) {
        const res = await server.call(flood.token, 'POST', '/api/workspaces', {
          org,
          body: { id: `${org.replace('-', '_')}_${ws}`, name: ws },
        });
        expect(res.status, JSON.stringify(res.body)).toBe(201);
      }
    }
    const sleeps = ['flood_a_w1', 'flood_a_w2', 'flood_b_w1', 'flood_b_w2'].flatMap((ws) =>
      Array.from({ length: 4 }, () =>
        server.call(flood.token, 'POST', `/api/workspaces/${ws}/tables/query`, {
          org: ws.startsWith('flood_a') ? 'flood-a' : 'flood-b',
          body: { query: 'SELECT pg_sleep(2)' },
        }),
      ),
    );
    // While they run, the admin's organization answers at once.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const started = Date.now();
    const mine = await server.call(
      server.adminToken,
      'POST',
      '/api/workspaces/default/tables/query',
      {
        body: { query: 'SELECT 42 AS answer' },
      },
    );
    expect(mine.status, JSON.stringify(mine.body)).toBe(200);
    expect(mine.body.rows).toEqual([[42]]);
    expect(Date.now() - started).toBeLessThan(1_000);

    const answers = await Promise.all(sleeps);
    const statuses = answers.map((answer) => answer.status);
    // The person's share (6) ran; the rest waited past the queue's 0.5 s and were told.
    expect(statuses.filter((status) => status === 200)).toHaveLength(6);
    const busy = answers.filter((answer) => answer.status === 503);
    expect(busy).toHaveLength(10);
    expect(busy[0]!.body.error.code).toBe('server_busy');
    expect(busy[0]!.body.error.message).toMatch(/^The server is busy: /);
    expect(busy[0]!.headers['retry-after']).toBe('1');
  }, 30_000);
});
