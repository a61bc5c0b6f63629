/**
 * Waiting out a busy API, as Deeplake's own client does: a 429 (too many requests) or 503
 * (busy, or not ready yet) answer means the request was not carried out, so it is sent again
 * after the server's `Retry-After`, or after a growing pause. While a request waits, the shell
 * says so (ApiWaitNotice): a person sees why nothing happens yet.
 */

export const RETRIED_STATUSES: ReadonlySet<number> = new Set([429, 503]);
/** Tries after the first: about 0.5 + 1 + 2 + 4 s in all without `Retry-After`. */
export const MAX_RETRIES = 4;
const MAX_DELAY_MS = 30_000;

/** The pause before try `retry` (0-based): the server's word, else exponential with jitter. */
export function retryDelayMs(retry: number, retryAfter: string | null, now = Date.now()): number {
  if (retryAfter) {
    const seconds = Number(retryAfter);
    const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(retryAfter) - now;
    if (Number.isFinite(ms)) return Math.min(MAX_DELAY_MS, Math.max(0, ms));
  }
  const base = 500 * 2 ** retry;
  return Math.min(MAX_DELAY_MS, Math.round(base * (0.8 + Math.random() * 0.4)));
}

export interface ApiWait {
  id: number;
  status: number;
  /** When the next try goes out (epoch ms). */
  until: number;
}

let waits: readonly ApiWait[] = [];
let nextId = 1;
const listeners = new Set<() => void>();
const publish = (next: readonly ApiWait[]) => {
  waits = next;
  for (const listener of listeners) listener();
};

export const apiWaits = {
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  snapshot: (): readonly ApiWait[] => waits,
};

/** Waits `ms` as a request that got `status`; shown while it lasts, cut short by an abort. */
export function waitBeforeRetry(status: number, ms: number, signal?: AbortSignal | null) {
  return new Promise<void>((resolve, reject) => {
    const wait: ApiWait = { id: nextId++, status, until: Date.now() + ms };
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', abort);
      publish(waits.filter((other) => other !== wait));
    };
    const abort = () => {
      done();
      reject(new DOMException('The request was cancelled.', 'AbortError'));
    };
    if (signal?.aborted) {
      reject(new DOMException('The request was cancelled.', 'AbortError'));
      return;
    }
    const timer = setTimeout(() => {
      done();
      resolve();
    }, ms);
    signal?.addEventListener('abort', abort, { once: true });
    publish([...waits, wait]);
  });
}
