/* global self, URL, URLPattern, Headers, Response, MessageChannel, fetch, setTimeout, clearTimeout */

/**
 * Deeplake Console's media service worker.
 *
 * The API takes its token only in the Authorization header, which <video>, <audio>, <iframe>
 * and downloads cannot send, and the long-lived token must never go into a URL. So the page
 * hands those elements a same-origin URL with a random, single-page handle,
 * `/__files-media/<handle>`, and this worker forwards each request for it to the API with the
 * headers the page gives it at that moment (the token included). Range requests pass through,
 * so a player streams and seeks a gigabyte video without the page holding it in memory, and a
 * download is written to disk as it arrives. A handle means something only to the page that made
 * it, only while it keeps it; the worker stores nothing.
 */

const PREFIX = '/__files-media/';
/** The request headers a player or a resumed download sends that matter to the API. */
const FORWARDED = ['range', 'if-range', 'if-none-match', 'if-modified-since'];
/** A page that does not answer in this time does not know the handle. */
const RESOLVE_TIMEOUT_MS = 3000;

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      // Everything but the media URLs goes straight to the network, without waking this worker
      // (static routing, Chrome 123+): a gallery's hundred thumbnail fetches must not queue
      // behind it. Elsewhere every request passes the fetch handler, which lets it through.
      if (typeof event.addRoutes === 'function' && typeof URLPattern === 'function') {
        try {
          await event.addRoutes([
            {
              condition: { not: { urlPattern: new URLPattern({ pathname: `${PREFIX}*` }) } },
              source: 'network',
            },
          ]);
        } catch {
          // A browser whose routes lack `not`: the fetch handler sees everything, as before.
        }
      }
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(self.clients.claim());
});

// A page loaded with a hard reload starts uncontrolled; it asks to be taken over.
self.addEventListener('message', (event) => {
  if (event.data && event.data.type === 'deeplake-media-claim') {
    event.waitUntil(self.clients.claim());
  }
});

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (url.origin !== self.location.origin || !url.pathname.startsWith(PREFIX)) return;
  event.respondWith(forward(event, url.pathname.slice(PREFIX.length)));
});

/** Asks one page what a handle stands for: `{url, headers}`, or null when it does not know it. */
function ask(client, handle) {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    const timer = setTimeout(() => resolve(null), RESOLVE_TIMEOUT_MS);
    channel.port1.onmessage = (message) => {
      clearTimeout(timer);
      resolve(message.data || null);
    };
    client.postMessage({ type: 'deeplake-media-resolve', handle }, [channel.port2]);
  });
}

/**
 * The page that asked first (a player's request names it); then every window of the console,
 * since a download or a frame's navigation may not say which page it came from.
 */
async function resolve(event, handle) {
  const asked = new Set();
  if (event.clientId) {
    const client = await self.clients.get(event.clientId);
    if (client) {
      asked.add(client.id);
      const target = await ask(client, handle);
      if (target) return target;
    }
  }
  for (const client of await self.clients.matchAll({ type: 'window' })) {
    if (asked.has(client.id)) continue;
    const target = await ask(client, handle);
    if (target) return target;
  }
  return null;
}

function plain(status, text) {
  return new Response(text, {
    status,
    headers: { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' },
  });
}

async function forward(event, handle) {
  const target = await resolve(event, handle);
  if (!target) return plain(404, 'This link has expired: open the file again in the console.');
  const headers = new Headers(target.headers);
  for (const name of FORWARDED) {
    const value = event.request.headers.get(name);
    if (value !== null) headers.set(name, value);
  }
  try {
    return await fetch(target.url, {
      headers,
      cache: 'no-store',
      redirect: 'follow',
      signal: event.request.signal,
    });
  } catch (error) {
    if (error && error.name === 'AbortError') throw error;
    return plain(502, 'Could not reach the API.');
  }
}
