import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestServer, type TestServer } from '../../test/harness';
import { startTcpProxy, type TcpProxy } from '../../test/tcp-proxy';

let server: TestServer;
let proxy: TcpProxy;
beforeAll(async () => {
  proxy = await startTcpProxy(Number(new URL(inject('adminDatabaseUrl')).port));
  server = await createTestServer({
    reach: (url) => {
      const parsed = new URL(url);
      parsed.port = String(proxy.port);
      return parsed.toString();
    },
  });
});
afterAll(async () => {
  await server.close();
  await proxy.close();
});

async function timed<T>(work: Promise<T>) {
  const started = Date.now();
  const result = await work;
  return { result, ms: Date.now() - started };
}

async function until(check: () => Promise<boolean>, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}

describe('readiness while Postgres is unreachable', () => {
  it('is ready while the database answers', async () => {
    expect((await server.call(null, 'GET', '/api/ready')).status).toBe(200);
    expect((await server.call(server.adminToken, 'GET', '/api/workspaces')).status).toBe(200);
  });

  it('answers 503 at once when connections are refused, and recovers by itself', async () => {
    const sql = () =>
      server.call(server.adminToken, 'POST', '/api/workspaces/default/tables/query', {
        body: { query: 'SELECT 42' },
      });
    // The workspace's own pool, on its own database, is open before the cut.
    expect((await sql()).status).toBe(200);
    proxy.cut('refuse');
    const during = await sql();
    expect(during.status, JSON.stringify(during.body)).toBe(503);
    const ready = await timed(server.call(null, 'GET', '/api/ready'));
    expect(ready.result.status).toBe(503);
    expect(ready.result.body).toMatchObject({ status: 'not_ready', reason: expect.any(String) });
    const api = await timed(server.call(server.adminToken, 'GET', '/api/workspaces'));
    expect(api.result.status).toBe(503);
    expect(api.result.body.error.code).toBe('not_ready');
    expect(api.ms).toBeLessThan(4_000);
    // Liveness does not depend on the database.
    expect((await server.call(null, 'GET', '/api/health')).status).toBe(200);

    proxy.restore();
    const recovered = await until(
      async () => (await server.call(null, 'GET', '/api/ready')).status === 200,
      10_000,
    );
    expect(recovered).toBe(true);
    expect((await server.call(server.adminToken, 'GET', '/api/workspaces')).status).toBe(200);
    // And the workspace's SQL, on connections made anew.
    expect(await until(async () => (await sql()).status === 200, 10_000)).toBe(true);
    expect((await sql()).body.rows).toEqual([[42]]);
  });

  it('answers 503 rather than hanging when the database stops answering', async () => {
    proxy.cut('blackhole');
    const ready = await timed(server.call(null, 'GET', '/api/ready'));
    expect(ready.result.status).toBe(503);
    expect(ready.ms).toBeLessThan(3_000);
    const api = await timed(server.call(server.adminToken, 'GET', '/api/me'));
    expect(api.result.status).toBe(503);
    expect(api.ms).toBeLessThan(5_000);
    proxy.restore();
    expect(
      await until(
        async () => (await server.call(null, 'GET', '/api/ready')).status === 200,
        10_000,
      ),
    ).toBe(true);
  });
});
