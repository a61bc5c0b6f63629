import fs from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { spawnServer, type SpawnedServer } from '../../test/spawn-server';
import { spawnedDataDir } from '../../test/spawned-data-dir';
import { encodeForm } from '../../test/multipart';

/** The real process killed with SIGKILL in the middle of an import, then started again. */
const ADMIN_TOKEN = 'tables-process-test-admin-token-0123';
let server: SpawnedServer | undefined;
const dataDir = spawnedDataDir('deeplake-console-tables-process', () => server);

const spools = async () =>
  (await fs.readdir(path.join(dataDir(), 'tmp')).catch(() => [])).filter((name) =>
    name.startsWith('import-'),
  );

async function api(port: number, route: string, init: RequestInit = {}) {
  const res = await fetch(`http://127.0.0.1:${port}/api${route}`, {
    ...init,
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, ...init.headers },
  });
  return { status: res.status, body: (await res.json()) as any };
}

const csv = (rows: number) => {
  const lines = ['id,name,score'];
  for (let i = 0; i < rows; i++) lines.push(`${i},name number ${i},${i / 7}`);
  return lines.join('\n');
};

describe('a server killed during an import', () => {
  const port = 22_000 + Math.floor(Math.random() * 2_000);

  it('lists no half-loaded table after a restart, leaves no spool, and imports again', async () => {
    server = await spawnServer({ port, dataDir: dataDir(), env: { ADMIN_TOKEN } });
    const { payload, contentType } = await encodeForm([
      ['table_name', 'events'],
      ['file', { content: csv(1_500_000), filename: 'events.csv' }],
    ]);
    const request = http.request({
      port,
      host: '127.0.0.1',
      method: 'POST',
      path: '/api/workspaces/default/tables',
      headers: {
        authorization: `Bearer ${ADMIN_TOKEN}`,
        'content-type': contentType,
        'content-length': payload.length,
      },
    });
    request.on('error', () => {});
    request.end(payload);
    // Killed once the whole file is spooled and loading has begun.
    const deadline = Date.now() + 30_000;
    let spooled = 0;
    while (spooled < payload.length * 0.9) {
      if (Date.now() > deadline) throw new Error('the import never spooled its file');
      const [name] = await spools();
      spooled = name
        ? ((await fs.stat(path.join(dataDir(), 'tmp', name)).catch(() => null))?.size ?? 0)
        : 0;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    await server.stop('SIGKILL');
    request.destroy();
    expect(await spools()).toHaveLength(1);

    server = await spawnServer({ port, dataDir: dataDir(), env: { ADMIN_TOKEN } });
    expect(await spools()).toEqual([]);
    expect((await api(port, '/workspaces/default/tables')).body.tables).toEqual([]);

    const small = await encodeForm([
      ['table_name', 'events'],
      ['file', { content: csv(1_000), filename: 'events.csv' }],
    ]);
    const again = await api(port, '/workspaces/default/tables', {
      method: 'POST',
      body: new Uint8Array(small.payload),
      headers: { 'content-type': small.contentType },
    });
    expect(again.status).toBe(201);
    expect(again.body.row_count).toBe(1_000);
  }, 180_000);
});
