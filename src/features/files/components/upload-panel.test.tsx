import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useSyncExternalStore } from 'react';
import { describe, expect, it } from 'vitest';
import type { FileInfo } from '../../../../contract/files';
import { ApiError } from '../../../lib/api-client';
import { UploadQueue, type Uploader } from '../upload/upload-queue';
import { UploadPanel } from './upload-panel';

interface Call {
  name: string;
  progress: (loaded: number, total: number | null) => void;
  resolve: (info: FileInfo) => void;
  reject: (error: unknown) => void;
}

function setup() {
  const calls: Call[] = [];
  let clock = 0;
  const upload: Uploader = (file, { signal, onProgress }) =>
    new Promise((resolve, reject) => {
      signal.addEventListener('abort', () => reject(new DOMException('cancelled', 'AbortError')));
      calls.push({ name: file.name, progress: onProgress, resolve, reject });
    });
  const queue = new UploadQueue({ upload, now: () => clock, progressIntervalMs: 0 });
  function Harness() {
    const items = useSyncExternalStore(queue.subscribe, queue.getSnapshot);
    return <UploadPanel queue={queue} items={items} />;
  }
  render(<Harness />);
  return {
    queue,
    calls,
    tick: (ms: number) => (clock += ms),
    user: userEvent.setup(),
  };
}

const mb = (n: number) => new File([new Uint8Array(n * 1024 * 1024)], `${n}mb.bin`);
const settle = () => act(async () => new Promise((resolve) => setTimeout(resolve, 5)));

describe('UploadPanel', () => {
  it('shows each upload with its progress, speed and time left', async () => {
    const { queue, calls, tick } = setup();
    act(() => queue.add([mb(4), mb(1)]));
    const panel = screen.getByRole('region', { name: 'Uploads' });
    expect(within(panel).getByRole('heading')).toHaveTextContent('Uploading 2 files · 0%');

    tick(1000);
    calls[0]!.progress(1024 * 1024, 4 * 1024 * 1024);
    await settle();

    const bar = within(panel).getByRole('progressbar', { name: 'Upload of 4mb.bin' });
    expect(bar).toHaveAttribute('aria-valuenow', '25');
    expect(panel).toHaveTextContent('1.0 MB of 4.0 MB · 1.0 MB/s · 3 s left');
  });

  it("cancels and retries, and shows the server's reason for a failure", async () => {
    const { queue, calls, user } = setup();
    act(() => queue.add([mb(1), mb(2)]));
    const panel = screen.getByRole('region', { name: 'Uploads' });

    await user.click(within(panel).getByRole('button', { name: 'Cancel 1mb.bin' }));
    await settle();
    expect(panel).toHaveTextContent('1.0 MB · cancelled');

    calls[1]!.reject(
      new ApiError({ status: 507, code: 'insufficient_storage', message: 'The disk is full' }),
    );
    await settle();
    expect(panel).toHaveTextContent('2.0 MB · failed');
    expect(panel).toHaveTextContent('The disk is full');
    expect(within(panel).getByRole('heading')).toHaveTextContent('1 file failed · 1 cancelled');

    await user.click(within(panel).getByRole('button', { name: 'Retry 2mb.bin' }));
    expect(calls).toHaveLength(3);
    expect(calls[2]!.name).toBe('2mb.bin');
    expect(panel).not.toHaveTextContent('The disk is full');
  });

  it('is gone once cleared', async () => {
    const { queue, calls, user } = setup();
    act(() => queue.add([mb(1)]));
    calls[0]!.resolve({
      id: 'x',
      filename: '1mb.bin',
      content_type: 'application/octet-stream',
      size: 1024 * 1024,
      created_at: '2024-05-01T10:00:00Z',
    });
    await settle();
    const panel = screen.getByRole('region', { name: 'Uploads' });
    expect(within(panel).getByRole('heading')).toHaveTextContent('1 file uploaded');

    await user.click(within(panel).getByRole('button', { name: 'Clear' }));
    expect(screen.queryByRole('region', { name: 'Uploads' })).not.toBeInTheDocument();
  });
});
