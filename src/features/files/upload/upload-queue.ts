import type { FileInfo } from '../../../../contract/files';
import { errorMessage } from '../../../lib/api-client';

/**
 * The uploads of one workspace: files wait their turn, a few go at once, each reports its
 * progress, speed and time left, and can be cancelled or retried. Framework-free (React reads
 * it through `subscribe`/`getSnapshot`), so it outlives the screen: leaving Files for Tables
 * does not stop an upload.
 */

export type UploadStatus = 'queued' | 'uploading' | 'done' | 'failed' | 'cancelled';

/**
 * Where an upload goes, sent with it (the request's query string). An object, so that more
 * than a folder can join it; empty is wherever the server puts files.
 */
export interface UploadTarget {
  /** The drive folder to store it in (`drive/…`; the bundled server's extra). */
  readonly folder?: string;
  /**
   * The table and column to record it in: one row, in the same transaction as the upload (the
   * bundled server's extra). Both or neither.
   */
  readonly table?: string;
  readonly column?: string;
}

export interface UploadItem {
  /** Local id of this upload (a file dropped twice is two uploads). */
  readonly key: string;
  readonly file: File;
  /** Where it goes; a retry goes there too. */
  readonly target: UploadTarget;
  readonly status: UploadStatus;
  /** Bytes of the file sent so far (the request's progress scaled to the file's size). */
  readonly sent: number;
  /** Bytes per second over the last few seconds; null until there is enough to tell. */
  readonly speed: number | null;
  /** Seconds until every byte is sent at the current speed; null when unknown. */
  readonly secondsLeft: number | null;
  /** Why it failed, in the server's words when it gave any. */
  readonly error: string | null;
  /** The stored file, once done. */
  readonly result: FileInfo | null;
}

export type Uploader = (
  file: File,
  options: {
    signal: AbortSignal;
    onProgress: (loaded: number, total: number | null) => void;
    target: UploadTarget;
  },
) => Promise<FileInfo>;

export interface UploadQueueOptions {
  upload: Uploader;
  /** Uploads at once; more wait (three keeps a slow link busy without starving the page). */
  concurrency?: number;
  /** Called for every file the server has stored. */
  onUploaded?: (file: FileInfo) => void;
  /** Milliseconds, monotonic; a clock the tests control. */
  now?: () => number;
  /** Progress is reported to subscribers at most this often (status changes at once). */
  progressIntervalMs?: number;
}

/** Speed is measured over this window: long enough to be steady, short enough to follow changes. */
const SPEED_WINDOW_MS = 3_000;
/** Less than this much history says nothing reliable about speed. */
const SPEED_MIN_SPAN_MS = 250;

interface Running {
  controller: AbortController;
  samples: { at: number; sent: number }[];
}

let nextKey = 0;

export class UploadQueue {
  private items: UploadItem[] = [];
  private readonly running = new Map<string, Running>();
  private readonly listeners = new Set<() => void>();
  private readonly upload: Uploader;
  private readonly concurrency: number;
  private readonly onUploaded: ((file: FileInfo) => void) | undefined;
  private readonly now: () => number;
  private readonly progressIntervalMs: number;
  private progressTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(options: UploadQueueOptions) {
    this.upload = options.upload;
    this.concurrency = options.concurrency ?? 3;
    this.onUploaded = options.onUploaded;
    this.now = options.now ?? (() => performance.now());
    this.progressIntervalMs = options.progressIntervalMs ?? 100;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** The uploads in the order they were added; a new array after every change. */
  getSnapshot = (): readonly UploadItem[] => this.items;

  add(files: Iterable<File>, target: UploadTarget = {}): void {
    const added = [...files].map<UploadItem>((file) => ({
      key: `upload-${++nextKey}`,
      file,
      target,
      status: 'queued',
      sent: 0,
      speed: null,
      secondsLeft: null,
      error: null,
      result: null,
    }));
    if (added.length === 0) return;
    this.items = [...this.items, ...added];
    this.pump();
    this.notify();
  }

  /** Stops an upload: a waiting one never starts, a running one is aborted. */
  cancel(key: string): void {
    const running = this.running.get(key);
    if (running) {
      // The upload's promise settles as cancelled.
      running.controller.abort();
      return;
    }
    if (this.find(key)?.status === 'queued') {
      this.update(key, { status: 'cancelled' });
      this.notify();
    }
  }

  /** Cancels everything waiting or running. */
  cancelAll(): void {
    for (const item of this.items) {
      if (item.status === 'queued' || item.status === 'uploading') this.cancel(item.key);
    }
  }

  /** Puts a failed or cancelled upload back in line. */
  retry(key: string): void {
    const item = this.find(key);
    if (!item || (item.status !== 'failed' && item.status !== 'cancelled')) return;
    this.update(key, {
      status: 'queued',
      sent: 0,
      speed: null,
      secondsLeft: null,
      error: null,
    });
    this.pump();
    this.notify();
  }

  /** Forgets one finished upload (done, failed or cancelled). */
  dismiss(key: string): void {
    const item = this.find(key);
    if (!item || item.status === 'queued' || item.status === 'uploading') return;
    this.items = this.items.filter((other) => other.key !== key);
    this.notify();
  }

  /** Forgets the uploads that went through or were cancelled; failures stay to be seen. */
  clearFinished(): void {
    const kept = this.items.filter((item) => item.status !== 'done' && item.status !== 'cancelled');
    if (kept.length === this.items.length) return;
    this.items = kept;
    this.notify();
  }

  private find(key: string): UploadItem | undefined {
    return this.items.find((item) => item.key === key);
  }

  private update(key: string, change: Partial<UploadItem>): void {
    this.items = this.items.map((item) => (item.key === key ? { ...item, ...change } : item));
  }

  /** Starts waiting uploads while there is room. */
  private pump(): void {
    for (const item of this.items) {
      if (this.running.size >= this.concurrency) return;
      if (item.status === 'queued') this.start(item);
    }
  }

  private start(item: UploadItem): void {
    const running: Running = { controller: new AbortController(), samples: [] };
    this.running.set(item.key, running);
    this.update(item.key, { status: 'uploading' });
    running.samples.push({ at: this.now(), sent: 0 });

    const onProgress = (loaded: number, total: number | null) => {
      if (running.controller.signal.aborted) return;
      this.progress(item.key, running, loaded, total);
    };
    let uploading: Promise<FileInfo>;
    try {
      uploading = this.upload(item.file, {
        signal: running.controller.signal,
        onProgress,
        target: item.target,
      });
    } catch (error) {
      uploading = Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
    uploading.then(
      (result) => this.finish(item.key, { status: 'done', result, sent: item.file.size }),
      (error: unknown) =>
        this.finish(
          item.key,
          running.controller.signal.aborted
            ? { status: 'cancelled' }
            : { status: 'failed', error: errorMessage(error) },
        ),
    );
  }

  private progress(key: string, running: Running, loaded: number, total: number | null): void {
    const item = this.find(key);
    if (!item) return;
    const size = item.file.size;
    // The request carries the multipart framing too: scale its progress to the file's bytes.
    const sent = total && total > 0 ? Math.min(size, Math.round((loaded / total) * size)) : 0;
    const at = this.now();
    running.samples.push({ at, sent });
    while (running.samples.length > 2 && at - running.samples[0]!.at > SPEED_WINDOW_MS) {
      running.samples.shift();
    }
    const first = running.samples[0]!;
    const span = at - first.at;
    const speed = span >= SPEED_MIN_SPAN_MS ? ((sent - first.sent) / span) * 1000 : null;
    const secondsLeft = speed !== null && speed > 0 ? (size - sent) / speed : null;
    this.update(key, { sent, speed, secondsLeft });
    this.notifySoon();
  }

  private finish(key: string, change: Partial<UploadItem>): void {
    this.running.delete(key);
    if (this.find(key)) {
      this.update(key, { speed: null, secondsLeft: null, ...change });
    }
    if (change.status === 'done' && change.result) this.onUploaded?.(change.result);
    this.pump();
    this.notify();
  }

  /** Progress events come many times a second per upload; subscribers hear of them in batches. */
  private notifySoon(): void {
    if (this.progressTimer !== null) return;
    this.progressTimer = setTimeout(() => {
      this.progressTimer = null;
      this.emit();
    }, this.progressIntervalMs);
  }

  private notify(): void {
    if (this.progressTimer !== null) {
      clearTimeout(this.progressTimer);
      this.progressTimer = null;
    }
    this.emit();
  }

  private emit(): void {
    for (const listener of [...this.listeners]) listener();
  }
}

export interface UploadSummary {
  total: number;
  queued: number;
  uploading: number;
  done: number;
  failed: number;
  cancelled: number;
  /** Waiting or running. */
  active: number;
  /** Bytes sent and to send over the active uploads. */
  activeSent: number;
  activeBytes: number;
}

export function summarize(items: readonly UploadItem[]): UploadSummary {
  const summary: UploadSummary = {
    total: items.length,
    queued: 0,
    uploading: 0,
    done: 0,
    failed: 0,
    cancelled: 0,
    active: 0,
    activeSent: 0,
    activeBytes: 0,
  };
  for (const item of items) {
    summary[item.status]++;
    if (item.status === 'queued' || item.status === 'uploading') {
      summary.active++;
      summary.activeSent += item.sent;
      summary.activeBytes += item.file.size;
    }
  }
  return summary;
}
