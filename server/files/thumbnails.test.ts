import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../logger';
import { FileStore } from './store';
import {
  SourceMissing,
  ThumbnailSlots,
  Thumbnails,
  ThumbnailUnavailable,
  writeThumbnail,
  type ThumbnailJob,
} from './thumbnails';

const logger = createLogger('silent');

/** A promise with its resolve function, to hold a job until the test lets it go. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('ThumbnailSlots', () => {
  it('runs at most its size at once, and waiting `now` jobs before `ahead` ones', async () => {
    const slots = new ThumbnailSlots(2);
    const order: string[] = [];
    const gates = new Map<string, ReturnType<typeof gate>>();
    const job = (name: string, priority: 'now' | 'ahead') => {
      const held = gate();
      gates.set(name, held);
      return slots.run(priority, async () => {
        order.push(name);
        await held.opened;
      });
    };
    const jobs = [
      job('a', 'now'),
      job('b', 'ahead'),
      job('c', 'ahead'),
      job('d', 'now'),
      job('e', 'ahead'),
    ];
    await tick();
    expect(order).toEqual(['a', 'b']);
    expect(slots.queued).toBe(3);

    jobs[4]!.promote();
    gates.get('a')!.open();
    await tick();
    gates.get('b')!.open();
    await tick();
    // d waited as `now`, e was promoted: both go before c.
    expect(order).toEqual(['a', 'b', 'd', 'e']);
    gates.get('d')!.open();
    await tick();
    expect(order).toEqual(['a', 'b', 'd', 'e', 'c']);
    for (const held of gates.values()) held.open();
    await Promise.all(jobs.map((running) => running.result));
    expect(slots.queued).toBe(0);
  });

  it('frees the slot of a job that fails', async () => {
    const slots = new ThumbnailSlots(1);
    await expect(
      slots.run('now', () => Promise.reject(new Error('broken'))).result,
    ).rejects.toThrow('broken');
    await expect(slots.run('now', () => Promise.resolve(7)).result).resolves.toBe(7);
  });
});

describe('Thumbnails', () => {
  let root: string;
  let store: FileStore;
  let jobs: ThumbnailJob[];
  let hold: Promise<void> | null;
  let thumbnails: Thumbnails;

  const write = async (job: ThumbnailJob) => {
    jobs.push(job);
    await hold;
    await writeThumbnail(logger, job);
  };

  beforeEach(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'deeplake-console-thumbs-'));
    store = await FileStore.open(root, logger);
    jobs = [];
    hold = null;
    thumbnails = new Thumbnails(store, logger, new ThumbnailSlots(2), write);
  });
  afterEach(async () => {
    await thumbnails.close();
    await store.close();
    await fs.rm(root, { recursive: true, force: true });
  });

  async function stored(bytes: Buffer): Promise<string> {
    const id = randomUUID();
    await fs.mkdir(store.workspaceDir('ws'), { recursive: true });
    await fs.writeFile(store.pathOf('ws', id), bytes);
    return id;
  }

  const photo = (width: number, height: number) =>
    sharp({ create: { width, height, channels: 3, background: '#3b82f6' } })
      .jpeg()
      .toBuffer();

  const thumbsOf = async (id: string) =>
    (await fs.readdir(`${store.pathOf('ws', id)}.thumbs`).catch(() => [])).sort();

  it('makes a thumbnail once however many ask for it at the same time', async () => {
    const id = await stored(await photo(800, 600));
    const held = gate();
    hold = held.opened;
    const asked = Array.from({ length: 5 }, () => thumbnails.path('ws', id, 100, 'jpeg'));
    await tick();
    held.open();
    const paths = await Promise.all(asked);
    expect(new Set(paths)).toEqual(new Set([store.thumbnailPath('ws', id, 100, 'jpeg')]));
    expect(jobs).toHaveLength(1);
    // Cached: asking again writes nothing.
    await thumbnails.path('ws', id, 100, 'jpeg');
    expect(jobs).toHaveLength(1);
  });

  it("makes the gallery's widths after an upload, the narrower from the wider", async () => {
    const id = await stored(await photo(1600, 1200));
    thumbnails.prepare('ws', { id, content_type: 'image/jpeg' });
    await thumbnails.prepared();
    expect(await thumbsOf(id)).toEqual(['256.jpeg', '512.jpeg']);
    expect(jobs.map((job) => [path.basename(job.source), job.width])).toEqual([
      [id, 512],
      ['512.jpeg', 256],
    ]);
    const meta = await sharp(store.thumbnailPath('ws', id, 256, 'jpeg')).metadata();
    expect(meta).toMatchObject({ width: 256, height: 192 });
  });

  it('makes nothing ahead of time for files it cannot thumbnail', async () => {
    const id = await stored(Buffer.from('%PDF-1.7'));
    thumbnails.prepare('ws', { id, content_type: 'application/pdf' });
    await thumbnails.close();
    expect(jobs).toEqual([]);
  });

  it('makes a thumbnail from a cached one only when that is at least twice as wide', async () => {
    const id = await stored(await photo(1600, 1200));
    await thumbnails.path('ws', id, 256, 'jpeg');
    await thumbnails.path('ws', id, 128, 'jpeg');
    await thumbnails.path('ws', id, 200, 'jpeg');
    await thumbnails.path('ws', id, 64, 'webp');
    expect(jobs.map((job) => [path.basename(job.source), job.width, job.format])).toEqual([
      [id, 256, 'jpeg'],
      ['256.jpeg', 128, 'jpeg'],
      [id, 200, 'jpeg'],
      // A JPEG has lost the transparency a WebP keeps.
      [id, 64, 'webp'],
    ]);
  });

  it('lets someone waiting go before the thumbnails made ahead of time', async () => {
    const waiting = await stored(await photo(640, 480));
    const uploaded = await Promise.all([1, 2, 3].map(async () => stored(await photo(640, 480))));
    const oneAtATime = new Thumbnails(store, logger, new ThumbnailSlots(1), write);
    const held = gate();
    hold = held.opened;
    for (const id of uploaded) oneAtATime.prepare('ws', { id, content_type: 'image/jpeg' });
    await tick();
    const asked = oneAtATime.path('ws', waiting, 128, 'jpeg');
    await tick();
    held.open();
    await asked;
    await oneAtATime.prepared();
    // The first upload's first width had started; the page's thumbnail came next.
    expect(jobs.map((job) => job.width)).toEqual([512, 128, 256, 512, 256, 512, 256]);
  });

  it('leaves nothing behind for a file deleted while its thumbnail was made', async () => {
    const id = await stored(await photo(800, 600));
    const held = gate();
    hold = held.opened;
    const asked = thumbnails.path('ws', id, 128, 'jpeg');
    await tick();
    await store.remove('ws', id);
    held.open();
    await expect(asked).rejects.toBeInstanceOf(SourceMissing);
    expect(await thumbsOf(id)).toEqual([]);

    // Deleted before: no marker claiming the image is unreadable either.
    await expect(thumbnails.path('ws', id, 128, 'jpeg')).rejects.toBeInstanceOf(SourceMissing);
    expect(await thumbsOf(id)).toEqual([]);
  });

  it('remembers an image sharp cannot read, and does not decode it again', async () => {
    const id = await stored(
      Buffer.concat([(await photo(10, 10)).subarray(0, 30), Buffer.alloc(40)]),
    );
    await expect(thumbnails.path('ws', id, 64, 'jpeg')).rejects.toBeInstanceOf(
      ThumbnailUnavailable,
    );
    expect(await thumbsOf(id)).toEqual(['unreadable']);
    await expect(thumbnails.path('ws', id, 128, 'jpeg')).rejects.toBeInstanceOf(
      ThumbnailUnavailable,
    );
    expect(jobs).toHaveLength(1);
  });

  it('drops the thumbnails still to be made ahead of time when closed', async () => {
    const held = gate();
    hold = held.opened;
    const ids = await Promise.all([1, 2, 3].map(async () => stored(await photo(640, 480))));
    for (const id of ids) thumbnails.prepare('ws', { id, content_type: 'image/jpeg' });
    await tick();
    const closing = thumbnails.close();
    held.open();
    await closing;
    expect(jobs).toHaveLength(1);
    thumbnails.prepare('ws', { id: ids[0]!, content_type: 'image/jpeg' });
    await tick();
    expect(jobs).toHaveLength(1);
  });
});
