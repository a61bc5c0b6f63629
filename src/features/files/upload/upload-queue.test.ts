import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FileInfo } from '../../../../contract/files';
import { ApiError } from '../../../lib/api-client';
import { summarize, UploadQueue, type Uploader, type UploadTarget } from './upload-queue';

interface Call {
  file: File;
  target: UploadTarget;
  signal: AbortSignal;
  progress: (loaded: number, total: number | null) => void;
  resolve: (info: FileInfo) => void;
  reject: (error: unknown) => void;
}

/** An uploader the test drives by hand: each call waits until the test settles it. */
function manualUploader() {
  const calls: Call[] = [];
  const upload: Uploader = (file, { signal, onProgress, target }) =>
    new Promise<FileInfo>((resolve, reject) => {
      signal.addEventListener('abort', () =>
        reject(new DOMException('The upload was cancelled.', 'AbortError')),
      );
      calls.push({ file, target, signal, progress: onProgress, resolve, reject });
    });
  const callFor = (name: string) => calls.find((call) => call.file.name === name)!;
  return { upload, calls, callFor };
}

const file = (name: string, size = 1000) => new File([new Uint8Array(size)], name);

const stored = (name: string): FileInfo => ({
  id: `id-${name}`,
  filename: name,
  content_type: 'image/png',
  size: 1000,
  created_at: '2024-05-01T10:00:00Z',
});

const flush = async () => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};

describe('UploadQueue', () => {
  let clock = 0;
  const now = () => clock;

  beforeEach(() => {
    clock = 0;
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  });
  afterEach(() => vi.useRealTimers());

  it('hands each upload the target it was added with', () => {
    const uploader = manualUploader();
    const queue = new UploadQueue({ upload: uploader.upload, now });
    queue.add([file('a')], { folder: 'drive/photos' });
    queue.add([file('b')]);

    expect(uploader.calls.map((call) => call.target)).toEqual([{ folder: 'drive/photos' }, {}]);
    expect(queue.getSnapshot()[0]?.target).toEqual({ folder: 'drive/photos' });
  });

  it('runs three uploads at a time and starts the next as one finishes', async () => {
    const uploader = manualUploader();
    const queue = new UploadQueue({ upload: uploader.upload, now });
    queue.add(['a', 'b', 'c', 'd', 'e'].map((name) => file(name)));

    expect(uploader.calls.map((call) => call.file.name)).toEqual(['a', 'b', 'c']);
    expect(queue.getSnapshot().map((item) => item.status)).toEqual([
      'uploading',
      'uploading',
      'uploading',
      'queued',
      'queued',
    ]);

    uploader.callFor('b').resolve(stored('b'));
    await flush();

    expect(uploader.calls.map((call) => call.file.name)).toEqual(['a', 'b', 'c', 'd']);
    expect(queue.getSnapshot()[1]).toMatchObject({ status: 'done', result: stored('b') });
    expect(summarize(queue.getSnapshot())).toMatchObject({
      total: 5,
      uploading: 3,
      queued: 1,
      done: 1,
      active: 4,
    });
  });

  it('reports progress in file bytes, with speed and time left', () => {
    const uploader = manualUploader();
    const queue = new UploadQueue({ upload: uploader.upload, now });
    queue.add([file('big.bin', 10_000)]);
    const call = uploader.callFor('big.bin');

    // The request is the file plus 200 bytes of multipart framing.
    clock = 100;
    call.progress(1_020, 10_200);
    expect(queue.getSnapshot()[0]).toMatchObject({ sent: 1_000, speed: null, secondsLeft: null });

    clock = 1_000;
    call.progress(5_100, 10_200);
    const item = queue.getSnapshot()[0]!;
    expect(item.sent).toBe(5_000);
    expect(item.speed).toBeCloseTo(5_000); // 5000 bytes in one second
    expect(item.secondsLeft).toBeCloseTo(1);
  });

  it('measures speed over the last few seconds, so it follows a change of pace', () => {
    const uploader = manualUploader();
    const queue = new UploadQueue({ upload: uploader.upload, now });
    queue.add([file('big.bin', 1_000_000)]);
    const call = uploader.callFor('big.bin');

    // Fast for 10 s (50 KB/s), then slow (10 KB/s) for 5 s.
    for (let second = 1; second <= 10; second++) {
      clock = second * 1000;
      call.progress(second * 50_000, 1_000_000);
    }
    for (let second = 11; second <= 15; second++) {
      clock = second * 1000;
      call.progress(500_000 + (second - 10) * 10_000, 1_000_000);
    }

    expect(queue.getSnapshot()[0]!.speed).toBeCloseTo(10_000);
    expect(queue.getSnapshot()[0]!.secondsLeft).toBeCloseTo(45);
  });

  it('tells subscribers of progress at most every 100 ms, of status changes at once', () => {
    const uploader = manualUploader();
    const queue = new UploadQueue({ upload: uploader.upload, now });
    const listener = vi.fn();
    queue.subscribe(listener);
    queue.add([file('a')]);
    expect(listener).toHaveBeenCalledTimes(1);

    for (let i = 1; i <= 10; i++) uploader.callFor('a').progress(i * 10, 100);
    expect(listener).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(100);
    expect(listener).toHaveBeenCalledTimes(2);
    expect(queue.getSnapshot()[0]!.sent).toBe(1000);
  });

  it('cancels a running upload by aborting it, and a waiting one before it starts', async () => {
    const uploader = manualUploader();
    const queue = new UploadQueue({ upload: uploader.upload, concurrency: 1, now });
    queue.add([file('a'), file('b'), file('c')]);
    const [a, b] = queue.getSnapshot();

    queue.cancel(b!.key);
    expect(queue.getSnapshot()[1]!.status).toBe('cancelled');
    queue.cancel(a!.key);
    expect(uploader.callFor('a').signal.aborted).toBe(true);
    await flush();

    expect(queue.getSnapshot().map((item) => item.status)).toEqual([
      'cancelled',
      'cancelled',
      'uploading',
    ]);
    // b never started: c went next.
    expect(uploader.calls.map((call) => call.file.name)).toEqual(['a', 'c']);
  });

  it("keeps the server's reason for a failure, and retries it on request", async () => {
    const uploader = manualUploader();
    const onUploaded = vi.fn();
    const queue = new UploadQueue({ upload: uploader.upload, onUploaded, now });
    queue.add([file('huge.mov')]);
    uploader.calls[0]!.reject(
      new ApiError({
        status: 413,
        code: 'too_large',
        message: 'The file is larger than the upload limit (5368709120 bytes)',
      }),
    );
    await flush();

    const [failed] = queue.getSnapshot();
    expect(failed).toMatchObject({
      status: 'failed',
      error: 'The file is larger than the upload limit (5368709120 bytes)',
    });

    queue.retry(failed!.key);
    expect(queue.getSnapshot()[0]).toMatchObject({ status: 'uploading', error: null, sent: 0 });
    uploader.calls[1]!.resolve(stored('huge.mov'));
    await flush();

    expect(queue.getSnapshot()[0]!.status).toBe('done');
    expect(onUploaded).toHaveBeenCalledWith(stored('huge.mov'));
  });

  it('turns an uploader that throws at once into a failure', async () => {
    const queue = new UploadQueue({
      upload: () => {
        throw new Error('no network');
      },
      now,
    });
    queue.add([file('a')]);
    await flush();
    expect(queue.getSnapshot()[0]).toMatchObject({ status: 'failed', error: 'no network' });
  });

  it('dismisses one finished upload, or clears all that are over', async () => {
    const uploader = manualUploader();
    const queue = new UploadQueue({ upload: uploader.upload, now });
    queue.add([file('ok'), file('bad'), file('running'), file('other')]);
    uploader.callFor('ok').resolve(stored('ok'));
    uploader.callFor('bad').reject(new Error('disk full'));
    await flush();
    // ok and bad are over; running and other are uploading.

    queue.dismiss(queue.getSnapshot()[2]!.key); // running: not dismissable
    expect(queue.getSnapshot()).toHaveLength(4);
    queue.dismiss(queue.getSnapshot()[1]!.key);
    expect(queue.getSnapshot().map((item) => item.file.name)).toEqual(['ok', 'running', 'other']);

    queue.clearFinished();
    expect(queue.getSnapshot().map((item) => item.file.name)).toEqual(['running', 'other']);
  });

  it('cancelAll stops everything waiting or running', async () => {
    const uploader = manualUploader();
    const queue = new UploadQueue({ upload: uploader.upload, concurrency: 2, now });
    queue.add([file('a'), file('b'), file('c'), file('d')]);
    uploader.callFor('a').resolve(stored('a'));
    await flush();

    queue.cancelAll();
    await flush();

    expect(queue.getSnapshot().map((item) => item.status)).toEqual([
      'done',
      'cancelled',
      'cancelled',
      'cancelled',
    ]);
    expect(summarize(queue.getSnapshot()).active).toBe(0);
  });
});
