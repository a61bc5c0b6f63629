import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IDLE_SNAPSHOT, ThumbnailCache } from './thumbnail-cache';

/** The URLs loads resolved with, in order (reset by makeCache). */
let created: string[] = [];

/** A load whose outcome the test decides, recording the signal it was given. */
function deferredLoad() {
  let resolve!: (url: string) => void;
  let reject!: (error: unknown) => void;
  const signals: AbortSignal[] = [];
  const load = vi.fn((signal: AbortSignal) => {
    signals.push(signal);
    return new Promise<string>((res, rej) => {
      resolve = res;
      reject = rej;
    });
  });
  return {
    load,
    signals,
    resolve: () => {
      const url = `blob:thumb-${created.length + 1}`;
      created.push(url);
      resolve(url);
    },
    reject: (error: unknown) => reject(error),
  };
}

function makeCache(options: { graceMs?: number; maxIdle?: number } = {}) {
  created = [];
  const revoked: string[] = [];
  const cache = new ThumbnailCache({ ...options, releaseUrl: (url) => revoked.push(url) });
  return { cache, created, revoked };
}

/** Lets settled loads run their callbacks (timers are fake, microtasks are not). */
const flush = async () => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};

describe('ThumbnailCache', () => {
  beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] }));
  afterEach(() => vi.useRealTimers());

  it('fetches a thumbnail once for everyone who shows it', async () => {
    const { cache, created } = makeCache();
    const first = deferredLoad();
    const second = deferredLoad();

    cache.acquire('a', first.load);
    cache.acquire('a', second.load);
    expect(cache.get('a').status).toBe('loading');
    first.resolve();
    await flush();

    expect(first.load).toHaveBeenCalledTimes(1);
    expect(second.load).not.toHaveBeenCalled();
    expect(cache.get('a')).toEqual({ status: 'ready', url: 'blob:thumb-1', error: null });
    expect(created).toEqual(['blob:thumb-1']);
  });

  it('tells subscribers when a thumbnail arrives, with a snapshot that only changes then', async () => {
    const { cache } = makeCache();
    const load = deferredLoad();
    const listener = vi.fn();
    cache.subscribe('a', listener);

    cache.acquire('a', load.load);
    const loading = cache.get('a');
    expect(cache.get('a')).toBe(loading);
    expect(listener).toHaveBeenCalledTimes(1);
    load.resolve();
    await flush();

    expect(listener).toHaveBeenCalledTimes(2);
    expect(cache.get('a')).not.toBe(loading);
    expect(cache.get('a')).toBe(cache.get('a'));
  });

  it('keeps a thumbnail nobody shows for the grace period, then revokes its URL', async () => {
    const { cache, revoked } = makeCache({ graceMs: 1_000 });
    const load = deferredLoad();
    const release = cache.acquire('a', load.load);
    load.resolve();
    await flush();

    release();
    vi.advanceTimersByTime(999);
    expect(revoked).toEqual([]);
    expect(cache.get('a').status).toBe('ready');

    // Shown again within the grace period: a cache hit, and the timer is off.
    const again = deferredLoad();
    const releaseAgain = cache.acquire('a', again.load);
    vi.advanceTimersByTime(5_000);
    expect(again.load).not.toHaveBeenCalled();
    expect(revoked).toEqual([]);

    releaseAgain();
    vi.advanceTimersByTime(1_000);
    expect(revoked).toEqual(['blob:thumb-1']);
    expect(cache.get('a')).toBe(IDLE_SNAPSHOT);
    expect(cache.size).toBe(0);
  });

  it('does not revoke a URL while anyone still shows it', async () => {
    const { cache, revoked } = makeCache({ graceMs: 10 });
    const load = deferredLoad();
    const releaseOne = cache.acquire('a', load.load);
    const releaseTwo = cache.acquire('a', load.load);
    load.resolve();
    await flush();

    releaseOne();
    releaseOne(); // a second call of the same release changes nothing
    vi.advanceTimersByTime(100);
    expect(revoked).toEqual([]);
    releaseTwo();
    vi.advanceTimersByTime(10);
    expect(revoked).toEqual(['blob:thumb-1']);
  });

  it('keeps at most maxIdle unused thumbnails, revoking the least recently used first', async () => {
    const { cache, revoked } = makeCache({ maxIdle: 2, graceMs: 60_000 });
    const releases = [];
    for (const key of ['a', 'b', 'c']) {
      const load = deferredLoad();
      releases.push(cache.acquire(key, load.load));
      load.resolve();
      await flush();
    }
    expect(revoked).toEqual([]);

    for (const release of releases) release();

    expect(revoked).toEqual(['blob:thumb-1']);
    expect(cache.get('a').status).toBe('idle');
    expect(cache.get('b').status).toBe('ready');
    expect(cache.get('c').status).toBe('ready');
  });

  it('aborts a fetch when the last one waiting for it lets go, and frees a URL that comes anyway', async () => {
    const { cache, revoked } = makeCache();
    const load = deferredLoad();
    const release = cache.acquire('a', load.load);

    release();

    expect(load.signals[0]!.aborted).toBe(true);
    expect(cache.get('a')).toBe(IDLE_SNAPSHOT);
    load.resolve();
    await flush();
    expect(revoked).toEqual(['blob:thumb-1']);
    expect(cache.get('a')).toBe(IDLE_SNAPSHOT);
  });

  it('does not abort a fetch someone else still waits for', () => {
    const { cache } = makeCache();
    const load = deferredLoad();
    const release = cache.acquire('a', load.load);
    cache.acquire('a', load.load);

    release();

    expect(load.signals[0]!.aborted).toBe(false);
    expect(cache.get('a').status).toBe('loading');
  });

  it('reports a failed fetch to everyone showing it, and retries when wanted again', async () => {
    const { cache } = makeCache();
    const failing = deferredLoad();
    const release = cache.acquire('a', failing.load);
    failing.reject(new Error('No file "a"'));
    await flush();

    expect(cache.get('a').status).toBe('error');
    expect(cache.get('a').error?.message).toBe('No file "a"');
    release();
    expect(cache.get('a')).toBe(IDLE_SNAPSHOT);

    const retry = deferredLoad();
    cache.acquire('a', retry.load);
    expect(retry.load).toHaveBeenCalledTimes(1);
    retry.resolve();
    await flush();
    expect(cache.get('a').status).toBe('ready');
  });

  it('turns a loader that throws at once into an error, not an exception', async () => {
    const { cache } = makeCache();
    cache.acquire('a', () => {
      throw new Error('bad path');
    });
    await flush();
    expect(cache.get('a')).toMatchObject({ status: 'error', error: new Error('bad path') });
  });

  it('ignores an abort error as a failure', async () => {
    const { cache } = makeCache();
    const load = deferredLoad();
    cache.acquire('a', load.load);
    load.reject(new DOMException('The operation was aborted.', 'AbortError'));
    await flush();
    expect(cache.get('a').status).toBe('loading');
  });

  it('clear() aborts what is under way and revokes every URL', async () => {
    const { cache, revoked } = makeCache();
    const ready = deferredLoad();
    cache.acquire('a', ready.load);
    ready.resolve();
    await flush();
    const pending = deferredLoad();
    cache.acquire('b', pending.load);

    cache.clear();

    expect(revoked).toEqual(['blob:thumb-1']);
    expect(pending.signals[0]!.aborted).toBe(true);
    expect(cache.size).toBe(0);
  });
});
