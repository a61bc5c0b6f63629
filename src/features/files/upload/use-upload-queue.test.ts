import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FileInfo } from '../../../../contract/files';
import { api } from '../../../lib/api-client';
import { workspaceScope } from '../../../lib/query-scope';
import { createTestQueryClient } from '../../../test/render';
import { fileKeys } from '../api/keys';
import { uploadQueueFor } from './use-upload-queue';

const stored = (name: string): FileInfo => ({
  id: `id-${name}`,
  filename: name,
  content_type: 'text/plain',
  size: 2,
  created_at: '2024-05-01T10:00:00Z',
});

/** Whether leaving the page now would make the browser ask first. */
function leavingAsks(): boolean {
  const event = new Event('beforeunload', { cancelable: true });
  window.dispatchEvent(event);
  return event.defaultPrevented;
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('uploadQueueFor', () => {
  afterEach(() => vi.useRealTimers());

  it("posts each file in the field 'file' to the workspace, with the org header", async () => {
    const upload = vi.spyOn(api, 'upload').mockResolvedValue(stored('a.txt'));
    const queue = uploadQueueFor(createTestQueryClient(), 'acme', 'photos');
    queue.add([new File(['hi'], 'a.txt')]);
    await flush();

    const [path, form, options] = upload.mock.calls[0]!;
    expect(path).toBe('/workspaces/photos/files');
    expect((form.get('file') as File).name).toBe('a.txt');
    expect(options?.orgId).toBe('acme');
    expect(queue.getSnapshot()[0]?.status).toBe('done');
  });

  it('sends the folder of its target in the query string, and a retry goes there too', async () => {
    const upload = vi
      .spyOn(api, 'upload')
      .mockRejectedValueOnce(new Error('offline'))
      .mockResolvedValue(stored('b.txt'));
    const queue = uploadQueueFor(createTestQueryClient(), 'acme', 'photos');
    queue.add([new File(['hi'], 'b.txt')], { folder: 'drive/2024 trip' });
    await flush();
    const [failed] = queue.getSnapshot();
    expect(failed?.status).toBe('failed');
    queue.retry(failed!.key);
    await flush();

    expect(upload.mock.calls.map(([path]) => path)).toEqual([
      '/workspaces/photos/files?folder=drive%2F2024+trip',
      '/workspaces/photos/files?folder=drive%2F2024+trip',
    ]);
    expect(queue.getSnapshot()[0]?.status).toBe('done');
  });

  it('is one queue per workspace, kept while the page lives', () => {
    const client = createTestQueryClient();
    expect(uploadQueueFor(client, 'acme', 'photos')).toBe(uploadQueueFor(client, 'acme', 'photos'));
    expect(uploadQueueFor(client, 'acme', 'photos')).not.toBe(
      uploadQueueFor(client, 'acme', 'videos'),
    );
  });

  it('refreshes the lists once for files that finish close together', async () => {
    vi.useFakeTimers();
    vi.spyOn(api, 'upload').mockImplementation((_path, form) =>
      Promise.resolve(stored((form.get('file') as File).name)),
    );
    const client = createTestQueryClient();
    const invalidate = vi.spyOn(client, 'invalidateQueries');
    const queue = uploadQueueFor(client, 'acme', 'photos');
    queue.add([new File(['1'], 'a.txt'), new File(['2'], 'b.txt'), new File(['3'], 'c.txt')]);
    await vi.advanceTimersByTimeAsync(10);
    expect(invalidate).not.toHaveBeenCalled();

    await vi.advanceTimersByTimeAsync(750);

    expect(invalidate).toHaveBeenCalledTimes(1);
    expect(invalidate).toHaveBeenCalledWith({ queryKey: fileKeys.lists('acme', 'photos') });
    expect(client.getQueryData(fileKeys.detail('acme', 'photos', 'id-b.txt'))).toEqual(
      stored('b.txt'),
    );
  });

  it('records an upload in a table: table and column sent, and the whole workspace refreshed', async () => {
    vi.useFakeTimers();
    const upload = vi.spyOn(api, 'upload').mockResolvedValue({
      ...stored('c.png'),
      recorded: { table: 'photos', column: 'file', match: 'id', value: 'id-c.png' },
    });
    const client = createTestQueryClient();
    const invalidate = vi.spyOn(client, 'invalidateQueries');
    const queue = uploadQueueFor(client, 'acme', 'photos');
    queue.add([new File(['c'], 'c.png')], {
      folder: 'drive/pets',
      table: 'photos',
      column: 'file',
    });
    await vi.advanceTimersByTimeAsync(760);

    expect(upload.mock.calls[0]![0]).toBe(
      '/workspaces/photos/files?folder=drive%2Fpets&table=photos&column=file',
    );
    // The table's rows changed too: its browser, counts and SQL results are stale.
    expect(invalidate).toHaveBeenCalledWith({ queryKey: workspaceScope('acme', 'photos') });
    expect(client.getQueryData(fileKeys.detail('acme', 'photos', 'id-c.png'))).toEqual(
      stored('c.png'),
    );
  });

  it('makes the browser ask before the page is left while an upload runs', async () => {
    let finish!: (file: FileInfo) => void;
    vi.spyOn(api, 'upload').mockImplementation(
      () => new Promise<FileInfo>((resolve) => (finish = resolve)),
    );
    const queue = uploadQueueFor(createTestQueryClient(), 'acme', 'photos');
    expect(leavingAsks()).toBe(false);

    queue.add([new File(['hi'], 'a.txt')]);
    expect(leavingAsks()).toBe(true);

    finish(stored('a.txt'));
    await flush();
    expect(leavingAsks()).toBe(false);
  });
});
