import { ERROR_CODES } from '../../contract/error-codes';
import { ORG_HEADER } from '../../contract/headers';
import { ApiError, toApiError } from './api-errors';
import { MAX_RETRIES, RETRIED_STATUSES, retryDelayMs, waitBeforeRetry } from './api-retry';
import { fetchDataUrl } from './data-url-client';
import {
  getApiBaseUrl,
  getToken,
  markTokenAccepted,
  normalizeBaseUrl,
  tokenRefused,
} from './sign-in-state';

/**
 * The one place the console makes API requests (`fetch` itself runs here, in data-url-fetch.ts
 * for `api.dataUrl`, and in the media service worker). Everything else goes through React
 * Query hooks that call `api.*`, so headers, errors and sign-out on 401 behave the same
 * everywhere.
 */

export { ApiError, isApiError } from './api-errors';

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/**
 * `T` is the contract's type of the answer. Answers are not checked at run time: the server's
 * tests hold it to the contract, and a hosted service that adds fields must keep working.
 */
export interface RequestOptions {
  method?: Method;
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as the organization header: workspace endpoints are scoped by it. */
  orgId?: string | null;
  signal?: AbortSignal;
  /**
   * Use this token instead of the stored one (checking a token before signing in with it).
   * A 401 then means "this token is wrong", not "your session ended", so nobody is signed out.
   */
  token?: string;
  /** Use this API instead of the stored setting (trying a base URL before saving it). */
  baseUrl?: string;
  /** Health checks go without a token. */
  authenticated?: boolean;
  /** Send again after a 429 or 503 (default); off for probes whose 503 is the answer. */
  retry?: boolean;
}

interface PreparedRequest {
  url: string;
  baseUrl: string;
  headers: Headers;
  token: string | null;
}

function prepare(path: string, options: RequestOptions, accept: string): PreparedRequest {
  const baseUrl = normalizeBaseUrl(options.baseUrl ?? getApiBaseUrl());
  const url = `${baseUrl}${path.startsWith('/') ? path : `/${path}`}`;
  const token = options.authenticated === false ? null : (options.token ?? getToken());
  const headers = new Headers({ Accept: accept });
  if (token) headers.set('Authorization', `Bearer ${token}`);
  if (options.orgId) headers.set(ORG_HEADER, options.orgId);
  return { url, baseUrl, headers, token };
}

function unreachable(baseUrl: string): ApiError {
  return new ApiError({
    status: 0,
    code: 'network_error',
    message: `Could not reach the API at ${baseUrl}. Check that the server is running and that the API base URL is right.`,
  });
}

/** Sends the request; a failure to reach the API at all becomes an ApiError, aborts stay aborts. */
async function send(prepared: PreparedRequest, init: RequestInit): Promise<Response> {
  try {
    return await fetch(prepared.url, { ...init, headers: prepared.headers });
  } catch (error) {
    // React Query cancels by aborting; that is not a failure to report.
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw unreachable(prepared.baseUrl);
  }
}

const usesStoredToken = ({ token }: PreparedRequest, options: RequestOptions) =>
  options.token === undefined && token !== null && token === getToken();

/** A failed answer as ApiError; a 401 for the stored token ends the session. */
function fail(
  prepared: PreparedRequest,
  options: RequestOptions,
  status: { status: number; statusText: string },
  body: unknown,
): never {
  const error = toApiError(status, body);
  // Only the stored token can expire; a token being tried out is simply wrong.
  if (status.status === 401 && usesStoredToken(prepared, options)) tokenRefused();
  throw error;
}

/** What every answer goes through: errors become ApiError, and the stored token's fate is noted. */
function settle(
  prepared: PreparedRequest,
  options: RequestOptions,
  status: { ok: boolean; status: number; statusText: string },
  body: () => unknown,
): void {
  if (!status.ok) fail(prepared, options, status, body());
  if (usesStoredToken(prepared, options)) markTokenAccepted();
}

export async function apiRequest<T = undefined>(
  path: string,
  options: RequestOptions = {},
): Promise<T> {
  const prepared = prepare(path, options, 'application/json');
  if (options.body !== undefined) prepared.headers.set('Content-Type', 'application/json');
  const init: RequestInit = {
    method: options.method ?? 'GET',
    body: options.body === undefined ? null : JSON.stringify(options.body),
    signal: options.signal ?? null,
  };
  let response = await send(prepared, init);
  for (
    let retry = 0;
    options.retry !== false && RETRIED_STATUSES.has(response.status) && retry < MAX_RETRIES;
    retry++
  ) {
    // Not carried out: wait as the server asks (or a growing pause), then send it again.
    const delay = retryDelayMs(retry, response.headers.get('Retry-After'));
    await response.body?.cancel().catch(() => {});
    await waitBeforeRetry(response.status, delay, options.signal);
    response = await send(prepared, init);
  }
  const body = parseBody(response.status, await response.text().catch(() => ''));
  settle(prepared, options, response, () => body);
  return body as T;
}

/** An authenticated binary GET (file content, thumbnails): the bytes, or the usual ApiError. */
async function blobRequest(path: string, options: RequestOptions = {}): Promise<Blob> {
  const prepared = prepare(path, options, '*/*');
  const response = await send(prepared, { method: 'GET', signal: options.signal ?? null });
  const body = response.ok ? undefined : parseBody(response.status, await response.text());
  settle(prepared, options, response, () => body);
  return response.blob();
}

export interface DataUrlOptions extends RequestOptions {
  /** A larger answer is refused (413) without being read; default 8 MiB. */
  maxBytes?: number;
}

const DATA_URL_MAX_BYTES = 8 * 1024 * 1024;

/**
 * A small authenticated binary GET (a thumbnail) as a `data:` URL, fetched and encoded in a
 * worker (data-url-client.ts). Unlike an object URL it needs no revoking: it is gone with the
 * last reference to it. Keep it to small answers: the whole body becomes one string.
 */
async function dataUrlRequest(path: string, options: DataUrlOptions = {}): Promise<string> {
  const prepared = prepare(path, options, '*/*');
  const maxBytes = options.maxBytes ?? DATA_URL_MAX_BYTES;
  const target = {
    url: prepared.url,
    headers: Object.fromEntries(prepared.headers.entries()),
    maxBytes,
  };
  const answer = await fetchDataUrl(target, options.signal);
  if (answer.kind === 'unreachable') throw unreachable(prepared.baseUrl);
  if (answer.kind === 'tooLarge') {
    throw new ApiError({
      status: 413,
      code: ERROR_CODES.tooLarge,
      message: `The answer is larger than ${maxBytes} bytes, too large to show here.`,
    });
  }
  if (answer.kind === 'failed')
    fail(prepared, options, answer, parseBody(answer.status, answer.text));
  settle(prepared, options, answer, () => undefined);
  return answer.url;
}

/**
 * What a GET of `path` sends, for a sender other than this module: the media service worker
 * streams file content to <video>, <audio> and downloads, which cannot add headers themselves.
 * The token travels in a header, as always, never in a URL.
 */
export function requestTarget(
  path: string,
  options: Pick<RequestOptions, 'orgId'> = {},
): { url: string; headers: Record<string, string> } {
  const prepared = prepare(path, options, '*/*');
  return {
    url: new URL(prepared.url, window.location.href).href,
    headers: Object.fromEntries(prepared.headers.entries()),
  };
}

export interface UploadOptions extends Omit<RequestOptions, 'method' | 'body'> {
  /** Bytes of the request body sent so far, and the total when the browser knows it. */
  onProgress?: (loaded: number, total: number | null) => void;
}

/**
 * A multipart POST that reports upload progress, which fetch cannot do: XMLHttpRequest, with the
 * same headers, errors and abort behaviour as every other request.
 */
function uploadRequest<T>(path: string, form: FormData, options: UploadOptions = {}): Promise<T> {
  const prepared = prepare(path, options, 'application/json');
  return new Promise<T>((resolve, reject) => {
    const { signal } = options;
    const aborted = () => new DOMException('The upload was cancelled.', 'AbortError');
    if (signal?.aborted) {
      reject(aborted());
      return;
    }
    const xhr = new XMLHttpRequest();
    const onAbort = () => xhr.abort();
    signal?.addEventListener('abort', onAbort, { once: true });
    const done = () => signal?.removeEventListener('abort', onAbort);

    xhr.open('POST', prepared.url);
    prepared.headers.forEach((value, name) => xhr.setRequestHeader(name, value));
    xhr.upload.onprogress = (event) =>
      options.onProgress?.(event.loaded, event.lengthComputable ? event.total : null);
    xhr.onload = () => {
      done();
      const body = parseBody(xhr.status, xhr.responseText);
      try {
        settle(
          prepared,
          options,
          {
            ok: xhr.status >= 200 && xhr.status < 300,
            status: xhr.status,
            statusText: xhr.statusText,
          },
          () => body,
        );
        resolve(body as T);
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    };
    xhr.onerror = () => {
      done();
      reject(unreachable(prepared.baseUrl));
    };
    xhr.onabort = () => {
      done();
      reject(aborted());
    };
    xhr.send(form);
  });
}

function parseBody(status: number, text: string): unknown {
  if (status === 204 || text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    // Proxies answer with HTML error pages; keep the text for the message.
    return text;
  }
}

type Options = Omit<RequestOptions, 'method' | 'body'>;

export const api = {
  get: <T>(path: string, options?: Options) => apiRequest<T>(path, options),
  post: <T>(path: string, body: unknown, options?: Options) =>
    apiRequest<T>(path, { ...options, method: 'POST', body }),
  patch: <T>(path: string, body: unknown, options?: Options) =>
    apiRequest<T>(path, { ...options, method: 'PATCH', body }),
  /** Most deletes answer 204 (undefined); some say what went (`T`). */
  delete: <T = undefined>(path: string, options?: Options) =>
    apiRequest<T>(path, { ...options, method: 'DELETE' }),
  blob: (path: string, options?: Options) => blobRequest(path, options),
  dataUrl: (path: string, options?: Omit<DataUrlOptions, 'method' | 'body'>) =>
    dataUrlRequest(path, options),
  upload: <T>(path: string, form: FormData, options?: UploadOptions) =>
    uploadRequest<T>(path, form, options),
};

/** Path segment for ids that come from users or the URL. */
export const segment = (value: string): string => encodeURIComponent(value);

/** A message for any error a query or mutation can throw. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return 'Something went wrong.';
}
