import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../logger';
import { FileStore, FileTooLargeError } from './store';

let root: string;
let store: FileStore;
beforeEach(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'deeplake-console-store-'));
  store = await FileStore.open(root, createLogger('silent'));
});
afterEach(async () => {
  await store.close();
  await fs.rm(root, { recursive: true, force: true });
});

const chunks = (count: number, size: number) =>
  Readable.from(Array.from({ length: count }, (_, i) => Buffer.alloc(size, i)));

describe('receive', () => {
  it('writes the stream to a temporary file with its size, hash and first bytes', async () => {
    const received = await store.receive(chunks(40, 1000), 40_000);
    const bytes = await fs.readFile(received.tempPath);
    expect(received.size).toBe(40_000);
    expect(received.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(received.head.equals(bytes.subarray(0, 8192))).toBe(true);
    expect(path.dirname(received.tempPath)).toBe(store.tempDir);

    const id = randomUUID();
    const placed = await store.place(received, 'ws', id);
    expect(placed).toBe(path.join(root, 'ws', id));
    await expect(fs.stat(received.tempPath)).rejects.toThrow(/ENOENT/);
  });

  it('stops past the limit and leaves nothing behind', async () => {
    let pulled = 0;
    const endless = new Readable({
      read() {
        pulled++;
        this.push(Buffer.alloc(1000));
      },
    });
    await expect(store.receive(endless, 10_000)).rejects.toBeInstanceOf(FileTooLargeError);
    expect(pulled).toBeLessThan(50);
    expect(await fs.readdir(store.tempDir)).toEqual([]);
  });

  it('leaves nothing behind when the source fails', async () => {
    const failing = new Readable({
      read() {
        this.destroy(new Error('client gone'));
      },
    });
    await expect(store.receive(failing, 10_000)).rejects.toThrow('client gone');
    expect(await fs.readdir(store.tempDir)).toEqual([]);
  });
});

describe('temporary folders', () => {
  it("removes dead servers' folders on open, and its own on close", async () => {
    const base = path.join(root, '.tmp');
    const dead = path.join(base, `999999999-aa-${os.hostname()}`);
    const foreignFresh = path.join(base, '1-bb-another-host');
    const foreignOld = path.join(base, '1-cc-another-host');
    for (const dir of [dead, foreignFresh, foreignOld]) {
      await fs.mkdir(dir);
      await fs.writeFile(path.join(dir, 'x.part'), 'x');
    }
    const dayAgo = new Date(Date.now() - 25 * 60 * 60 * 1000);
    await fs.utimes(foreignOld, dayAgo, dayAgo);

    const second = await FileStore.open(root, createLogger('silent'));
    const names = await fs.readdir(base);
    expect(names.sort()).toEqual(
      [path.basename(store.tempDir), path.basename(second.tempDir), '1-bb-another-host'].sort(),
    );
    await second.close();
    expect(await fs.readdir(base)).not.toContain(path.basename(second.tempDir));
  });
});

describe('sweep', () => {
  it('removes old bytes without a row, and keeps recent ones and those with rows', async () => {
    const kept = randomUUID();
    const orphan = randomUUID();
    const recent = randomUUID();
    const ws = path.join(root, 'ws');
    await fs.mkdir(path.join(ws, `${orphan}.thumbs`), { recursive: true });
    for (const name of [kept, orphan, recent, `${orphan}.thumbs/64.jpeg`]) {
      await fs.writeFile(path.join(ws, name), 'x');
    }
    const old = new Date(Date.now() - 2 * 60 * 60 * 1000);
    for (const name of [kept, orphan, `${orphan}.thumbs`]) {
      await fs.utimes(path.join(ws, name), old, old);
    }
    // A folder left by a deleted workspace, emptied already.
    await fs.mkdir(path.join(root, 'gone'));

    const asked: string[][] = [];
    const removed = await store.sweep(async (workspaceId, ids) => {
      asked.push([workspaceId, ...ids.sort()]);
      return new Set([kept]);
    });
    expect(removed).toBe(1);
    expect(asked).toEqual([['ws', ...[kept, orphan].sort()]]);
    expect((await fs.readdir(ws)).sort()).toEqual([kept, recent].sort());
    await expect(fs.stat(path.join(root, 'gone'))).rejects.toThrow(/ENOENT/);
  });
});
