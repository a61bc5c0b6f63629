import { randomBytes } from 'node:crypto';
import http from 'node:http';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { spawnServer, type SpawnedServer } from '../../test/spawn-server';
import { spawnedDataDir } from '../../test/spawned-data-dir';
import { filesUnder, multipart } from './test-helpers';

/** The real process killed with SIGKILL in the middle of an upload, then started again. */
const ADMIN_TOKEN = 'files-process-test-admin-token-0123';
let server: SpawnedServer | undefined;
const dataDir = spawnedDataDir('deeplake-console-files-process', () => server);

const filesDir = () => path.join(dataDir(), 'files');
const partFiles = async () =>
  (await filesUnder(path.join(filesDir(), '.tmp')).catch(() => [])).filter((name) =>
    name.endsWith('.part'),
  );

async function api(port: number, route: string, init: RequestInit = {}) {
  const res = await fetch(`http://127.0.0.1:${port}/api${route}`, {
    ...init,
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, ...init.headers },
  });
  return { status: res.status, body: Buffer.from(await res.arrayBuffer()) };
}

describe('a server killed during an upload', () => {
  const port = 20_000 + Math.floor(Math.random() * 2_000);

  it('lists only complete files after a restart, and leaves no partial file behind', async () => {
    server = await spawnServer({ port, dataDir: dataDir(), env: { ADMIN_TOKEN } });
    const complete = randomBytes(100_000);
    const form = new FormData();
    form.append('file', new Blob([complete]), 'complete.bin');
    const done = await api(port, '/workspaces/default/files', { method: 'POST', body: form });
    expect(done.status).toBe(201);
    const completeId = JSON.parse(done.body.toString()).id as string;

    const { payload, contentType } = await multipart(randomBytes(4 * 1024 * 1024), 'half.bin');
    const request = http.request({
      port,
      host: '127.0.0.1',
      method: 'POST',
      path: '/api/workspaces/default/files',
      headers: {
        authorization: `Bearer ${ADMIN_TOKEN}`,
        'content-type': contentType,
        'content-length': payload.length,
      },
    });
    request.on('error', () => {});
    request.write(payload.subarray(0, payload.length / 2));
    const deadline = Date.now() + 10_000;
    while ((await partFiles()).length === 0) {
      if (Date.now() > deadline) throw new Error('the upload never reached the disk');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await server.stop('SIGKILL');
    request.destroy();
    expect(await partFiles()).toHaveLength(1);

    server = await spawnServer({ port, dataDir: dataDir(), env: { ADMIN_TOKEN } });
    expect(await partFiles()).toEqual([]);
    const list = JSON.parse((await api(port, '/workspaces/default/files')).body.toString());
    expect(list.total).toBe(1);
    expect(list.files.map((file: { id: string }) => file.id)).toEqual([completeId]);
    const bytes = await api(port, `/workspaces/default/files/${completeId}/content`);
    expect(bytes.body.equals(complete)).toBe(true);
    expect(await filesUnder(path.join(filesDir(), 'default'))).toEqual([completeId]);
  }, 120_000);
});
