import { requestTarget } from '../../../lib/api-client';

/**
 * The page's side of the media service worker (public/media-sw.js): streaming URLs for file
 * content that <video>, <audio>, <iframe> and downloads can load although the API wants the
 * token in a header.
 *
 * Why not the alternatives: a blob (fetch everything, then show it) holds the whole file in
 * memory and plays nothing until the last byte is in — fine for a photo, not for a gigabyte
 * video; and the token must not go into a URL, where history, logs and Referer headers would
 * keep it. Here the page makes a random handle per file shown, `/__files-media/<handle>`, and
 * answers the worker's question "what is this handle?" with the API URL and the headers of that
 * moment (the current token). The handle means nothing outside this page and dies with it or
 * when revoked. Where there is no service worker (an insecure origin, a private window that
 * blocks them), callers fall back to blobs.
 */

const SCRIPT_URL = '/media-sw.js';
const PREFIX = '/__files-media/';
/** How long to wait for the worker to take this page over before falling back to blobs. */
const CONTROL_TIMEOUT_MS = 3000;

export interface MediaTarget {
  /** API path of the content, e.g. `/workspaces/ws/files/<id>/content`. */
  path: string;
  orgId: string;
}

interface ResolveRequest {
  type: 'deeplake-media-resolve';
  handle: string;
}

const handles = new Map<string, MediaTarget>();
let started: Promise<boolean> | null = null;

function isResolveRequest(data: unknown): data is ResolveRequest {
  return (
    typeof data === 'object' &&
    data !== null &&
    (data as { type?: unknown }).type === 'deeplake-media-resolve' &&
    typeof (data as { handle?: unknown }).handle === 'string'
  );
}

/** The worker's question about a handle, answered with what to fetch, or null when unknown. */
export function answerResolve(
  data: unknown,
): { url: string; headers: Record<string, string> } | null {
  if (!isResolveRequest(data)) return null;
  const target = handles.get(data.handle);
  return target ? requestTarget(target.path, { orgId: target.orgId }) : null;
}

function onMessage(event: MessageEvent) {
  if (!isResolveRequest(event.data)) return;
  event.ports[0]?.postMessage(answerResolve(event.data));
}

function controlled(container: ServiceWorkerContainer): Promise<boolean> {
  if (container.controller) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      container.removeEventListener('controllerchange', onChange);
      resolve(false);
    }, CONTROL_TIMEOUT_MS);
    function onChange() {
      clearTimeout(timer);
      container.removeEventListener('controllerchange', onChange);
      resolve(container.controller !== null);
    }
    container.addEventListener('controllerchange', onChange);
  });
}

/**
 * Starts the worker once per page; resolves whether it controls the page (and so whether
 * `mediaUrl` URLs work). Never rejects: without it, callers use blobs.
 */
export function startMediaProxy(): Promise<boolean> {
  started ??= (async () => {
    const container = typeof navigator === 'undefined' ? undefined : navigator.serviceWorker;
    if (!container || !window.isSecureContext) return false;
    try {
      container.addEventListener('message', onMessage);
      container.startMessages();
      const registration = await container.register(SCRIPT_URL, { scope: '/' });
      await container.ready;
      // A hard reload leaves the page uncontrolled although the worker runs: ask to be claimed.
      if (!container.controller) registration.active?.postMessage({ type: 'deeplake-media-claim' });
      return await controlled(container);
    } catch {
      return false;
    }
  })();
  return started;
}

/** A URL that streams `target` while the page keeps it; `revoke` when it is no longer shown. */
export function mediaUrl(target: MediaTarget): { url: string; revoke: () => void } {
  const handle = crypto.randomUUID();
  handles.set(handle, target);
  return { url: `${PREFIX}${handle}`, revoke: () => void handles.delete(handle) };
}
