import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DataUrlAnswer } from './data-url-fetch';
import type { DataUrlReplyMessage, DataUrlRequestMessage } from './data-url-worker';

/** Stands in for the browser's Worker: the test sees what is posted and answers for it. */
class FakeWorker extends EventTarget {
  static started: FakeWorker[] = [];
  posted: DataUrlRequestMessage[] = [];
  terminated = false;
  constructor(readonly url: URL) {
    super();
    FakeWorker.started.push(this);
  }
  postMessage(message: DataUrlRequestMessage) {
    this.posted.push(message);
  }
  terminate() {
    this.terminated = true;
  }
  reply(message: DataUrlReplyMessage) {
    this.dispatchEvent(new MessageEvent('message', { data: message }));
  }
  fail() {
    this.dispatchEvent(new Event('error'));
  }
}

const ok: DataUrlAnswer = {
  kind: 'ok',
  ok: true,
  status: 200,
  statusText: 'OK',
  url: 'data:image/jpeg;base64,AAAA',
};

/** The module afresh (it keeps its worker), with FakeWorker as the browser's Worker. */
async function load() {
  vi.resetModules();
  FakeWorker.started = [];
  vi.stubGlobal('Worker', FakeWorker);
  return import('./data-url-client');
}

describe('fetchDataUrl', () => {
  beforeEach(() => {
    vi.stubGlobal(
      'fetch',
      vi.fn(() =>
        Promise.resolve(new Response(new Uint8Array([1]), { headers: { 'Content-Type': 'x/y' } })),
      ),
    );
  });
  afterEach(() => vi.unstubAllGlobals());

  it('sends requests to one worker with absolute URLs and matches answers to them', async () => {
    const { fetchDataUrl } = await load();
    const first = fetchDataUrl({
      url: '/api/a',
      headers: { Authorization: 'Bearer t' },
      maxBytes: 100,
    });
    const second = fetchDataUrl({ url: '/api/b', headers: {}, maxBytes: 100 });

    expect(FakeWorker.started).toHaveLength(1);
    const [worker] = FakeWorker.started;
    expect(worker!.posted).toEqual([
      {
        id: 0,
        target: {
          url: `${location.origin}/api/a`,
          headers: { Authorization: 'Bearer t' },
          maxBytes: 100,
        },
      },
      { id: 1, target: { url: `${location.origin}/api/b`, headers: {}, maxBytes: 100 } },
    ]);
    worker!.reply({ id: 1, answer: { ...ok, url: 'data:b' } });
    worker!.reply({ id: 0, answer: ok });
    await expect(first).resolves.toEqual(ok);
    await expect(second).resolves.toMatchObject({ url: 'data:b' });
    expect(fetch).not.toHaveBeenCalled();
  });

  it('aborts in the worker and rejects with an AbortError', async () => {
    const { fetchDataUrl } = await load();
    const controller = new AbortController();
    const request = fetchDataUrl({ url: '/api/a', headers: {}, maxBytes: 100 }, controller.signal);
    controller.abort();
    await expect(request).rejects.toMatchObject({ name: 'AbortError' });
    expect(FakeWorker.started[0]!.posted.at(-1)).toEqual({ id: 0, abort: true });
  });

  it('does the work on the page when the worker cannot start, including what was waiting', async () => {
    const { fetchDataUrl } = await load();
    const waiting = fetchDataUrl({ url: '/api/a', headers: {}, maxBytes: 100 });
    FakeWorker.started[0]!.fail();

    await expect(waiting).resolves.toEqual({
      kind: 'ok',
      ok: true,
      status: 200,
      statusText: '',
      url: 'data:x/y;base64,AQ==',
    });
    await fetchDataUrl({ url: '/api/b', headers: {}, maxBytes: 100 });
    expect(FakeWorker.started).toHaveLength(1);
    expect(FakeWorker.started[0]!.terminated).toBe(true);
    expect(vi.mocked(fetch).mock.calls.map(([url]) => url)).toEqual(['/api/a', '/api/b']);
  });

  it('works on the page where there are no workers', async () => {
    vi.resetModules();
    vi.stubGlobal('Worker', undefined);
    const { fetchDataUrl } = await import('./data-url-client');
    await expect(
      fetchDataUrl({ url: '/api/a', headers: {}, maxBytes: 100 }),
    ).resolves.toMatchObject({
      url: 'data:x/y;base64,AQ==',
    });
  });
});
