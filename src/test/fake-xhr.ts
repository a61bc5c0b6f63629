import { vi } from 'vitest';

/**
 * Just enough of XMLHttpRequest to drive `api.upload` (multipart uploads with progress: fetch
 * cannot report upload progress, so uploads are the one request that does not go through
 * fetch). The test sees each request sent and decides how it goes: progress, an answer, an error.
 */
export class FakeXhr {
  /** Every request sent since `install`, in order. */
  static sent: FakeXhr[] = [];
  /** The one sent last. */
  static get last(): FakeXhr | null {
    return FakeXhr.sent.at(-1) ?? null;
  }
  method = '';
  url = '';
  headers = new Headers();
  body: FormData | null = null;
  status = 0;
  statusText = '';
  responseText = '';
  upload: { onprogress: ((event: ProgressEvent) => void) | null } = { onprogress: null };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onabort: (() => void) | null = null;
  open(method: string, url: string) {
    this.method = method;
    this.url = url;
  }
  setRequestHeader(name: string, value: string) {
    this.headers.set(name, value);
  }
  send(body: FormData) {
    this.body = body;
    FakeXhr.sent.push(this);
  }
  abort() {
    this.onabort?.();
  }
  progress(loaded: number, total: number) {
    this.upload.onprogress?.({ loaded, total, lengthComputable: true } as ProgressEvent);
  }
  /** Answers with `status` and `body`: JSON, or as it is with `text`; nothing when undefined. */
  answer(status: number, body?: unknown, { text = false }: { text?: boolean } = {}) {
    this.status = status;
    this.responseText = body === undefined ? '' : text ? String(body) : JSON.stringify(body);
    this.onload?.();
  }
  /** Replaces XMLHttpRequest for the test (setup.ts unstubs it after each). */
  static install() {
    FakeXhr.sent = [];
    vi.stubGlobal('XMLHttpRequest', FakeXhr);
  }
}
