import { QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FileInfo } from '../../../../contract/files';
import { signIn } from '../../../lib/sign-in-state';
import { apiError, json, mockApi } from '../../../test/fetch-mock';
import { createTestQueryClient } from '../../../test/render';
import {
  thumbnailCache,
  useFileThumbnail,
  type UseFileThumbnailOptions,
} from './use-file-thumbnail';

const FILE_ID = '3f2b8c1e-1111-4a4a-8b8b-000000000001';
const CONTENT = `GET /workspaces/photos/files/${FILE_ID}/content?w=256`;

function image(overrides: Partial<FileInfo> = {}): FileInfo {
  return {
    id: FILE_ID,
    filename: 'beach.png',
    content_type: 'image/png',
    size: 2048,
    created_at: '2024-05-01T10:00:00Z',
    ...overrides,
  };
}

function Thumbnail(props: Partial<UseFileThumbnailOptions> & { label?: string }) {
  const { label = 'thumb', ...options } = props;
  const thumbnail = useFileThumbnail({
    orgId: 'acme',
    workspaceId: 'photos',
    fileId: FILE_ID,
    ...options,
  });
  return (
    <p data-testid={label} data-status={thumbnail.status} data-url={thumbnail.url ?? ''}>
      {thumbnail.error?.message}
      {thumbnail.file?.filename}
    </p>
  );
}

function renderWithClient(ui: React.ReactElement) {
  const client = createTestQueryClient();
  const utils = render(<QueryClientProvider client={client}>{ui}</QueryClientProvider>);
  return {
    ...utils,
    rerender: (next: React.ReactElement) =>
      utils.rerender(<QueryClientProvider client={client}>{next}</QueryClientProvider>),
  };
}

const pngResponse = () =>
  new Response(new Uint8Array([0x89, 0x50]), {
    status: 200,
    headers: { 'Content-Type': 'image/jpeg' },
  });

/** `pngResponse`'s bytes as the data URL an <img> gets. */
const PNG_DATA_URL = 'data:image/jpeg;base64,iVA=';

describe('useFileThumbnail', () => {
  beforeEach(() => signIn('token'));
  afterEach(() => thumbnailCache.clear());

  it("fetches an image's thumbnail with the token and org header into a data URL", async () => {
    const api = mockApi({ [CONTENT]: pngResponse });
    renderWithClient(<Thumbnail file={image()} />);

    await waitFor(() =>
      expect(screen.getByTestId('thumb')).toHaveAttribute('data-url', PNG_DATA_URL),
    );
    expect(screen.getByTestId('thumb')).toHaveAttribute('data-status', 'ready');
    const [request] = api.calls(CONTENT);
    expect(request?.headers.get('Authorization')).toBe('Bearer token');
    expect(request?.headers.get('X-Activeloop-Org-Id')).toBe('acme');
  });

  it('fetches nothing while not enabled (off screen)', async () => {
    const api = mockApi({ [CONTENT]: pngResponse });
    const { rerender } = renderWithClient(<Thumbnail file={image()} enabled={false} />);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(api.fetchMock).not.toHaveBeenCalled();
    expect(screen.getByTestId('thumb')).toHaveAttribute('data-status', 'idle');

    rerender(<Thumbnail file={image()} enabled />);
    await waitFor(() =>
      expect(screen.getByTestId('thumb')).toHaveAttribute('data-status', 'ready'),
    );
    expect(api.calls(CONTENT)).toHaveLength(1);
  });

  it('shares one fetch between everything showing the same thumbnail', async () => {
    const api = mockApi({ [CONTENT]: pngResponse });
    renderWithClient(
      <>
        <Thumbnail label="grid" file={image()} />
        <Thumbnail label="cell" file={image()} />
      </>,
    );

    await waitFor(() => expect(screen.getByTestId('cell')).toHaveAttribute('data-status', 'ready'));
    expect(screen.getByTestId('grid')).toHaveAttribute('data-url', PNG_DATA_URL);
    expect(screen.getByTestId('cell')).toHaveAttribute('data-url', PNG_DATA_URL);
    expect(api.calls(CONTENT)).toHaveLength(1);
  });

  it('asks for the metadata first when only the id is known, and skips non-images', async () => {
    const api = mockApi({
      [`GET /workspaces/photos/files/${FILE_ID}`]: () =>
        json(200, image({ filename: 'clip.mp4', content_type: 'video/mp4', size: 2 ** 30 })),
    });
    renderWithClient(<Thumbnail />);

    await waitFor(() =>
      expect(screen.getByTestId('thumb')).toHaveAttribute('data-status', 'unsupported'),
    );
    expect(screen.getByTestId('thumb')).toHaveTextContent('clip.mp4');
    // The gigabyte video itself is never fetched as a "thumbnail".
    expect(api.requests.map((r) => r.path)).toEqual([`/workspaces/photos/files/${FILE_ID}`]);
  });

  it('fetches the thumbnail after the metadata says it is an image', async () => {
    const api = mockApi({
      [`GET /workspaces/photos/files/${FILE_ID}`]: () => json(200, image()),
      [CONTENT]: pngResponse,
    });
    renderWithClient(<Thumbnail />);

    await waitFor(() =>
      expect(screen.getByTestId('thumb')).toHaveAttribute('data-status', 'ready'),
    );
    expect(api.requests.map((r) => r.path)).toEqual([
      `/workspaces/photos/files/${FILE_ID}`,
      `/workspaces/photos/files/${FILE_ID}/content?w=256`,
    ]);
  });

  it('reports a file id that does not exist', async () => {
    mockApi({
      [`GET /workspaces/photos/files/${FILE_ID}`]: () =>
        apiError(404, 'not_found', `No file "${FILE_ID}" in workspace "photos"`),
    });
    renderWithClient(<Thumbnail />);

    await waitFor(() =>
      expect(screen.getByTestId('thumb')).toHaveAttribute('data-status', 'error'),
    );
    expect(screen.getByTestId('thumb')).toHaveTextContent(`No file "${FILE_ID}"`);
  });

  it('reports a failed thumbnail fetch', async () => {
    mockApi({ [CONTENT]: () => apiError(500, 'internal', 'Something broke') });
    renderWithClient(<Thumbnail file={image()} />);

    await waitFor(() =>
      expect(screen.getByTestId('thumb')).toHaveAttribute('data-status', 'error'),
    );
    expect(screen.getByTestId('thumb')).toHaveTextContent('Something broke');
  });

  it('aborts the fetch when the tile scrolls away before it arrives', async () => {
    let signal: AbortSignal | undefined;
    const api = mockApi({ [CONTENT]: () => new Promise<Response>(() => {}) });
    api.fetchMock.mockImplementation((_input, init) => {
      signal = init?.signal ?? undefined;
      return new Promise<Response>(() => {});
    });
    const { rerender } = renderWithClient(<Thumbnail file={image()} />);
    await waitFor(() => expect(signal).toBeDefined());

    rerender(<Thumbnail file={image()} enabled={false} />);

    expect(signal!.aborted).toBe(true);
    expect(thumbnailCache.size).toBe(0);
  });

  it('drops the thumbnail once nothing shows it (after the grace period)', async () => {
    mockApi({ [CONTENT]: pngResponse });
    const { unmount } = renderWithClient(<Thumbnail file={image()} />);
    await waitFor(() =>
      expect(screen.getByTestId('thumb')).toHaveAttribute('data-status', 'ready'),
    );

    vi.useFakeTimers();
    try {
      unmount();
      vi.advanceTimersByTime(29_999);
      expect(thumbnailCache.size).toBe(1);
      vi.advanceTimersByTime(1);
      expect(thumbnailCache.size).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });
});
