/**
 * Thumbnails as URLs for an <img>, shared by everything on screen that shows the same one.
 *
 * The API wants a Bearer token, so an <img> cannot fetch a thumbnail itself: it is fetched with
 * the token and shown through a `data:` URL (`api.dataUrl`) or an object URL. Each holds the
 * image in memory, so the cache counts who shows each one: the first to want a thumbnail
 * fetches it, later ones share it, and when the last lets go it is kept for a short grace period
 * (scrolling back, a dialog opening over the grid) and then dropped (an object URL revoked) —
 * sooner when too many unused ones pile up.
 * A thumbnail nobody wants any more while it is still arriving is aborted, so cells scrolled
 * past do not keep the network busy.
 */

export type ThumbnailStatus = 'idle' | 'loading' | 'ready' | 'error';

export interface ThumbnailSnapshot {
  status: ThumbnailStatus;
  /** The object URL, while `ready`. */
  url: string | null;
  error: Error | null;
}

/** Resolves with the URL to show. */
export type ThumbnailLoader = (signal: AbortSignal) => Promise<string>;

export interface ThumbnailCacheOptions {
  /** How long a thumbnail nobody shows stays cached before its object URL is revoked. */
  graceMs?: number;
  /** At most this many thumbnails nobody shows are kept; the least recently used go first. */
  maxIdle?: number;
  /** Frees what a dropped URL holds; by default, revokes object URLs (`blob:`). */
  releaseUrl?: (url: string) => void;
}

export const IDLE_SNAPSHOT: ThumbnailSnapshot = Object.freeze({
  status: 'idle',
  url: null,
  error: null,
});

const LOADING_SNAPSHOT: ThumbnailSnapshot = Object.freeze({
  status: 'loading',
  url: null,
  error: null,
});

interface Entry {
  refs: number;
  snapshot: ThumbnailSnapshot;
  controller: AbortController;
  graceTimer: ReturnType<typeof setTimeout> | null;
}

function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

export class ThumbnailCache {
  private readonly entries = new Map<string, Entry>();
  /** Keys of ready entries nobody holds, oldest first (a Map keeps insertion order). */
  private readonly idle = new Map<string, true>();
  private readonly listeners = new Map<string, Set<() => void>>();
  private readonly graceMs: number;
  private readonly maxIdle: number;
  private readonly releaseUrl: (url: string) => void;

  constructor(options: ThumbnailCacheOptions = {}) {
    this.graceMs = options.graceMs ?? 30_000;
    this.maxIdle = options.maxIdle ?? 200;
    this.releaseUrl =
      options.releaseUrl ??
      ((url) => {
        if (url.startsWith('blob:')) URL.revokeObjectURL(url);
      });
  }

  /** What is known of `key` now; the same object until it changes (for useSyncExternalStore). */
  get(key: string): ThumbnailSnapshot {
    return this.entries.get(key)?.snapshot ?? IDLE_SNAPSHOT;
  }

  subscribe(key: string, listener: () => void): () => void {
    let set = this.listeners.get(key);
    if (!set) {
      set = new Set();
      this.listeners.set(key, set);
    }
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0 && this.listeners.get(key) === set) this.listeners.delete(key);
    };
  }

  /**
   * Wants the thumbnail under `key`, loading it with `load` unless it is cached or on its way.
   * Returns the function that lets go of it; call it exactly once.
   */
  acquire(key: string, load: ThumbnailLoader): () => void {
    const existing = this.entries.get(key);
    if (existing) {
      existing.refs++;
      if (existing.graceTimer !== null) {
        clearTimeout(existing.graceTimer);
        existing.graceTimer = null;
      }
      this.idle.delete(key);
    } else {
      this.start(key, load);
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.release(key);
    };
  }

  /** Number of thumbnails held (shown, loading, or kept for a while); for tests and debugging. */
  get size(): number {
    return this.entries.size;
  }

  /** Aborts everything under way and drops every URL (signing out, tests). */
  clear(): void {
    for (const key of [...this.entries.keys()]) this.evict(key);
  }

  private start(key: string, load: ThumbnailLoader) {
    const entry: Entry = {
      refs: 1,
      snapshot: LOADING_SNAPSHOT,
      controller: new AbortController(),
      graceTimer: null,
    };
    this.entries.set(key, entry);
    this.notify(key);
    const { signal } = entry.controller;
    let loading: Promise<string>;
    try {
      loading = load(signal);
    } catch (error) {
      loading = Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
    loading.then(
      (url) => {
        // Let go of (and aborted) while arriving, or evicted: nobody will show this one.
        if (signal.aborted || this.entries.get(key) !== entry) {
          this.releaseUrl(url);
          return;
        }
        entry.snapshot = { status: 'ready', url, error: null };
        this.notify(key);
      },
      (error: unknown) => {
        if (signal.aborted || isAbort(error) || this.entries.get(key) !== entry) return;
        entry.snapshot = {
          status: 'error',
          url: null,
          error: error instanceof Error ? error : new Error(String(error)),
        };
        this.notify(key);
      },
    );
  }

  private release(key: string) {
    const entry = this.entries.get(key);
    if (!entry) return;
    entry.refs--;
    if (entry.refs > 0) return;
    if (entry.snapshot.status === 'ready') {
      this.makeIdle(key, entry);
    } else {
      // Still arriving: nobody waits for it any more. Failed: the next one to want it retries.
      this.evict(key);
    }
  }

  private makeIdle(key: string, entry: Entry) {
    this.idle.set(key, true);
    entry.graceTimer = setTimeout(() => this.evict(key), this.graceMs);
    while (this.idle.size > this.maxIdle) {
      const oldest = this.idle.keys().next().value as string;
      this.evict(oldest);
    }
  }

  private evict(key: string) {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.idle.delete(key);
    if (entry.graceTimer !== null) clearTimeout(entry.graceTimer);
    entry.controller.abort();
    if (entry.snapshot.url) this.releaseUrl(entry.snapshot.url);
    this.notify(key);
  }

  private notify(key: string) {
    const set = this.listeners.get(key);
    if (!set) return;
    for (const listener of [...set]) listener();
  }
}
