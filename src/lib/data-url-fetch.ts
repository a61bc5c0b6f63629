/**
 * A GET whose answer comes back as a `data:` URL, with the outcome as plain data so that it can
 * run in a worker and be posted to the page. Only the API client uses it (`api.dataUrl`), which
 * prepares the request and turns a failure into its usual errors.
 */

export interface DataUrlTarget {
  url: string;
  headers: Record<string, string>;
  /** A larger answer is not read: a data URL holds the whole body in one string. */
  maxBytes: number;
}

export type DataUrlAnswer =
  | { kind: 'ok'; ok: true; status: number; statusText: string; url: string }
  | { kind: 'failed'; ok: false; status: number; statusText: string; text: string }
  /** The request never got an answer (server down, network gone). */
  | { kind: 'unreachable' }
  /** The answer was larger than `maxBytes`; it was not read. */
  | { kind: 'tooLarge' };

const isAbort = (error: unknown) => error instanceof DOMException && error.name === 'AbortError';

/** Resolves with the outcome whatever the status; rejects only with an AbortError. */
export async function fetchAsDataUrl(
  target: DataUrlTarget,
  signal?: AbortSignal,
): Promise<DataUrlAnswer> {
  let response: Response;
  try {
    response = await fetch(target.url, { headers: target.headers, signal: signal ?? null });
  } catch (error) {
    if (isAbort(error)) throw error;
    return { kind: 'unreachable' };
  }
  const { ok, status, statusText } = response;
  try {
    if (!ok) {
      return { kind: 'failed', ok, status, statusText, text: await response.text() };
    }
    const type = response.headers.get('content-type') ?? 'application/octet-stream';
    const bytes = await readAtMost(response, target.maxBytes);
    if (!bytes) return { kind: 'tooLarge' };
    return { kind: 'ok', ok, status, statusText, url: `data:${type};base64,${base64(bytes)}` };
  } catch (error) {
    if (isAbort(error)) throw error;
    // The connection broke while the body arrived.
    return { kind: 'unreachable' };
  }
}

/** The body, or null as soon as it proves longer than `maxBytes` (the rest is not read). */
async function readAtMost(response: Response, maxBytes: number): Promise<Uint8Array | null> {
  if (Number(response.headers.get('content-length')) > maxBytes) {
    await response.body?.cancel();
    return null;
  }
  if (!response.body) return new Uint8Array(await response.arrayBuffer());
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let length = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    length += value.length;
    if (length > maxBytes) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  return bytes;
}

/** Base64 of bytes; `toBase64` where the browser has it (Chrome 140+, Firefox 133+). */
export function base64(bytes: Uint8Array): string {
  const native = (bytes as Uint8Array & { toBase64?: () => string }).toBase64;
  if (typeof native === 'function') return native.call(bytes);
  let binary = '';
  // In slices: spreading a large array into one call overflows the stack.
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}
