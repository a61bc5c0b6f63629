import { QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Toaster } from 'sonner';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { FileInfo } from '../../../../contract/files';
import { signIn } from '../../../lib/sign-in-state';
import { apiError, json, mockApi } from '../../../test/fetch-mock';
import { createTestQueryClient } from '../../../test/render';
import { FilePreviewDialog, type FilePreviewDialogProps } from './file-preview-dialog';
import { formatJson } from './format-json';
import { fitScale, nextZoom } from './zoom';

const ID = '0b0b0b0b-1111-4a4a-8b8b-000000000001';
const base = `/workspaces/photos/files/${ID}`;

function fileInfo(overrides: Partial<FileInfo> = {}): FileInfo {
  return {
    id: ID,
    filename: 'beach.png',
    content_type: 'image/png',
    size: 4096,
    created_at: '2024-05-01T10:00:00Z',
    ...overrides,
  };
}

// A string body: jsdom's Blob is not one that the fetch Response (Node's) can read.
const bytes = (type: string, text = 'x') =>
  new Response(text, { status: 200, headers: { 'Content-Type': type } });

function renderPreview(props: Partial<FilePreviewDialogProps> = {}) {
  const onClose = vi.fn();
  const user = userEvent.setup();
  render(
    <QueryClientProvider client={createTestQueryClient()}>
      <FilePreviewDialog
        orgId="acme"
        workspaceId="photos"
        file={fileInfo()}
        onClose={onClose}
        {...props}
      />
      <Toaster />
    </QueryClientProvider>,
  );
  return { onClose, user };
}

describe('FilePreviewDialog', () => {
  beforeEach(() => {
    signIn('token');
    let next = 0;
    URL.createObjectURL = vi.fn(() => `blob:preview/${++next}`);
    URL.revokeObjectURL = vi.fn();
  });

  it('shows an image fetched with the token, fitted, and zooms it', async () => {
    const api = mockApi({ [`GET ${base}/content`]: () => bytes('image/png') });
    const { user } = renderPreview();

    const dialog = screen.getByRole('dialog', { name: 'beach.png' });
    expect(dialog).toHaveAccessibleDescription(/^Image · 4\.0 KB · /);
    const image = await within(dialog).findByRole('img', { name: 'beach.png' });
    expect(image).toHaveAttribute('src', 'blob:preview/1');
    expect(api.calls(`GET ${base}/content`)[0]?.headers.get('Authorization')).toBe('Bearer token');

    const zoom = within(dialog).getByRole('toolbar', { name: 'Zoom' });
    expect(within(zoom).getByRole('button', { name: 'Fit' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    await user.click(within(zoom).getByRole('button', { name: 'Zoom in' }));
    expect(within(zoom).getByRole('button', { name: 'Fit' })).toHaveAttribute(
      'aria-pressed',
      'false',
    );
    expect(within(zoom).getByRole('status', { name: 'Zoom level' })).toHaveTextContent('150%');
    await user.click(within(zoom).getByRole('button', { name: 'Actual size' }));
    expect(within(zoom).getByRole('status', { name: 'Zoom level' })).toHaveTextContent('100%');
    await user.click(image);
    expect(within(zoom).getByRole('button', { name: 'Fit' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
  });

  it('asks for the metadata when given only an id', async () => {
    mockApi({
      [`GET ${base}`]: () =>
        json(
          200,
          fileInfo({ filename: 'notes.txt', content_type: 'text/plain; charset=utf-8', size: 11 }),
        ),
      [`GET ${base}/content`]: () => bytes('text/plain', 'hello world'),
    });
    renderPreview({ file: undefined, fileId: ID });

    const dialog = await screen.findByRole('dialog', { name: 'notes.txt' });
    expect(await within(dialog).findByLabelText('Contents of notes.txt')).toHaveTextContent(
      'hello world',
    );
  });

  it('says so when the file id does not exist', async () => {
    mockApi({
      [`GET ${base}`]: () => apiError(404, 'not_found', `No file "${ID}" in workspace "photos"`),
    });
    renderPreview({ file: undefined, fileId: ID });

    expect(await screen.findByText('This file does not exist (any more)')).toBeInTheDocument();
    expect(screen.getByRole('dialog', { name: 'File not found' })).toBeInTheDocument();
  });

  it("plays video in the browser's player", async () => {
    mockApi({ [`GET ${base}/content`]: () => bytes('video/webm') });
    renderPreview({ file: fileInfo({ filename: 'clip.webm', content_type: 'video/webm' }) });

    const dialog = screen.getByRole('dialog', { name: 'clip.webm' });
    await waitFor(() => expect(dialog.querySelector('video')).not.toBeNull());
    const video = dialog.querySelector('video')!;
    expect(video).toHaveAttribute('src', 'blob:preview/1');
    expect(video).toHaveAttribute('controls');
  });

  it('shows a PDF in a frame the browser draws it in', async () => {
    mockApi({ [`GET ${base}/content`]: () => bytes('application/pdf') });
    renderPreview({ file: fileInfo({ filename: 'report.pdf', content_type: 'application/pdf' }) });

    const dialog = screen.getByRole('dialog', { name: 'report.pdf' });
    await waitFor(() => expect(dialog.querySelector('iframe')).not.toBeNull());
    expect(dialog.querySelector('iframe')).toHaveAttribute('src', 'blob:preview/1');
    expect(dialog.querySelector('iframe')).toHaveAttribute('title', 'report.pdf');
  });

  it('pretty-prints JSON, and shows invalid JSON as it is, saying why', async () => {
    mockApi({ [`GET ${base}/content`]: () => bytes('application/json', '{"a":[1,2]}') });
    renderPreview({ file: fileInfo({ filename: 'meta.json', content_type: 'application/json' }) });

    const text = await screen.findByLabelText('Contents of meta.json');
    expect(text.textContent).toBe('{\n  "a": [\n    1,\n    2\n  ]\n}');
    expect(formatJson('{"a":')).toMatchObject({ text: '{"a":', json: { valid: false } });
  });

  it('does not fetch text too large to show', async () => {
    const api = mockApi({});
    renderPreview({
      file: fileInfo({ filename: 'huge.log', content_type: 'text/plain', size: 50 * 1024 * 1024 }),
    });

    expect(
      await screen.findByText(/huge\.log is 50 MB, too large to show here/),
    ).toBeInTheDocument();
    expect(api.fetchMock).not.toHaveBeenCalled();
  });

  it('offers a download, under the original name, for types it cannot show', async () => {
    const api = mockApi({ [`GET ${base}/content?download=1`]: () => bytes('application/zip') });
    const clicks: HTMLAnchorElement[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      clicks.push(this);
    });
    const { user } = renderPreview({
      file: fileInfo({ filename: 'data set.zip', content_type: 'application/zip', size: 10 }),
    });

    expect(screen.getByText(/No preview for application\/zip files/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Download data set.zip' }));

    await waitFor(() => expect(clicks).toHaveLength(1));
    expect(clicks[0]!.download).toBe('data set.zip');
    expect(clicks[0]!.href).toBe('blob:preview/1');
    expect(api.calls(`GET ${base}/content?download=1`)[0]?.headers.get('X-Activeloop-Org-Id')).toBe(
      'acme',
    );
  });

  it('moves between files with the arrow keys and the buttons, and Escape closes', async () => {
    mockApi({ [`GET ${base}/content`]: () => bytes('image/png') });
    const onPrevious = vi.fn();
    const onNext = vi.fn();
    const { onClose, user } = renderPreview({ onPrevious, onNext, position: '2 of 3' });
    const dialog = screen.getByRole('dialog', { name: 'beach.png' });
    expect(dialog).toHaveAccessibleDescription(/· 2 of 3$/);

    await user.keyboard('{ArrowRight}');
    expect(onNext).toHaveBeenCalledTimes(1);
    await user.keyboard('{ArrowLeft}');
    expect(onPrevious).toHaveBeenCalledTimes(1);
    await user.click(within(dialog).getByRole('button', { name: 'Next file' }));
    expect(onNext).toHaveBeenCalledTimes(2);

    await user.keyboard('{Escape}');
    expect(onClose).toHaveBeenCalledTimes(1);
  });

  it('leaves the arrow keys to a focused video player (they seek there)', async () => {
    mockApi({ [`GET ${base}/content`]: () => bytes('video/mp4') });
    const onNext = vi.fn();
    const { user } = renderPreview({
      file: fileInfo({ filename: 'clip.mp4', content_type: 'video/mp4' }),
      onNext,
    });
    const dialog = screen.getByRole('dialog', { name: 'clip.mp4' });
    await waitFor(() => expect(dialog.querySelector('video')).not.toBeNull());
    const video = dialog.querySelector('video')!;
    video.tabIndex = 0;
    video.focus();

    await user.keyboard('{ArrowRight}');
    expect(onNext).not.toHaveBeenCalled();
  });

  it('has no previous/next buttons when there is nowhere to go', () => {
    mockApi({ [`GET ${base}/content`]: () => bytes('image/png') });
    renderPreview();
    expect(screen.queryByRole('button', { name: 'Next file' })).not.toBeInTheDocument();
  });

  it('copies the file id and says how to use it in SQL', async () => {
    mockApi({ [`GET ${base}/content`]: () => bytes('image/png') });
    const { user } = renderPreview();
    // user-event installs its own clipboard; read back what the button wrote.
    await user.click(screen.getByRole('button', { name: 'Copy file ID' }));

    expect(await navigator.clipboard.readText()).toBe(ID);
    expect(await screen.findByText('ID of beach.png copied')).toBeInTheDocument();
    expect(
      screen.getByText(`SELECT * FROM "photos"."my_table" WHERE file_id = '${ID}'`),
    ).toBeInTheDocument();
  });
});

describe('zoom arithmetic', () => {
  it('steps from any scale to the next zoom level up or down', () => {
    expect(nextZoom(0.43, 1)).toBe(0.5);
    expect(nextZoom(0.43, -1)).toBe(0.25);
    expect(nextZoom(1, 1)).toBe(1.5);
    expect(nextZoom(8, 1)).toBe(8);
    expect(nextZoom(0.1, -1)).toBe(0.1);
  });

  it('fits without enlarging', () => {
    expect(fitScale({ width: 800, height: 600 }, { width: 1600, height: 600 })).toBe(0.5);
    expect(fitScale({ width: 800, height: 600 }, { width: 100, height: 100 })).toBe(1);
    expect(fitScale(null, { width: 100, height: 100 })).toBe(1);
  });
});
