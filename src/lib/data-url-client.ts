import { fetchAsDataUrl, type DataUrlAnswer, type DataUrlTarget } from './data-url-fetch';
import type { DataUrlReplyMessage, DataUrlRequestMessage } from './data-url-worker';

/**
 * `fetchAsDataUrl` in one worker shared by the page. A gallery page asks for a hundred
 * thumbnails at once; on the main thread each fetch, Blob and object URL costs it milliseconds
 * of work and IPC that delay every other thumbnail (bench/files-gallery). Where workers are
 * missing or this one cannot start, the same code runs on the page.
 */

interface Pending {
  target: DataUrlTarget;
  signal: AbortSignal | undefined;
  resolve: (answer: DataUrlAnswer) => void;
  reject: (error: unknown) => void;
}

let worker: Worker | null | undefined;
let nextId = 0;
const pending = new Map<number, Pending>();

const abortError = () => new DOMException('The request was aborted.', 'AbortError');

function startWorker(): Worker | null {
  if (typeof Worker !== 'function') return null;
  try {
    const started = new Worker(new URL('./data-url-worker.ts', import.meta.url), {
      type: 'module',
      name: 'data-url-fetch',
    });
    started.addEventListener('message', (event: MessageEvent<DataUrlReplyMessage>) => {
      const reply = event.data;
      const request = pending.get(reply.id);
      if (!request) return;
      pending.delete(reply.id);
      if ('aborted' in reply) request.reject(abortError());
      else request.resolve(reply.answer);
    });
    // The script did not load (a proxy, a strict CSP): the page does the work from now on,
    // including what was waiting for the worker.
    started.addEventListener('error', () => {
      worker = null;
      started.terminate();
      const stranded = [...pending.values()];
      pending.clear();
      for (const request of stranded) {
        fetchAsDataUrl(request.target, request.signal).then(request.resolve, request.reject);
      }
    });
    return started;
  } catch {
    return null;
  }
}

/** The outcome of a GET of `target` as a data URL; rejects only with an AbortError. */
export function fetchDataUrl(target: DataUrlTarget, signal?: AbortSignal): Promise<DataUrlAnswer> {
  if (signal?.aborted) return Promise.reject(abortError());
  if (worker === undefined) worker = startWorker();
  if (worker === null) return fetchAsDataUrl(target, signal);
  const running = worker;
  const id = nextId++;
  return new Promise<DataUrlAnswer>((resolve, reject) => {
    pending.set(id, { target, signal, resolve, reject });
    // Absolute: a worker resolves a relative URL against its own script's.
    const absolute = { ...target, url: new URL(target.url, window.location.href).href };
    running.postMessage({ id, target: absolute } satisfies DataUrlRequestMessage);
    signal?.addEventListener(
      'abort',
      () => {
        if (!pending.delete(id)) return;
        running.postMessage({ id, abort: true } satisfies DataUrlRequestMessage);
        reject(abortError());
      },
      { once: true },
    );
  });
}
