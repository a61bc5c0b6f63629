import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FileInfo } from '../../../../contract/files';
import { setSelectedOrgId, signIn } from '../../../lib/sign-in-state';
import { apiError, json, mockApi, type RecordedRequest } from '../../../test/fetch-mock';
import { me, organization, workspace } from '../../../test/fixtures';
import { delayNavigations, pause, renderApp } from '../../../test/render';

const photos = workspace({ id: 'photos', name: 'Photos' });

function file(n: number, overrides: Partial<FileInfo> = {}): FileInfo {
  return {
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    filename: `photo-${n}.png`,
    content_type: 'image/png',
    size: 1000 * n,
    created_at: '2024-05-01T10:00:00Z',
    ...overrides,
  };
}

/** The console around the gallery, with a files endpoint that pages and filters like the server. */
function mockGallery(initial: FileInfo[], extra: Parameters<typeof mockApi>[0] = {}) {
  let files = initial;
  let failing = false;
  const list = ({ url }: RecordedRequest) => {
    if (failing) return apiError(500, 'internal', 'Something went wrong on the server');
    const query = new URL(url, 'http://localhost').searchParams;
    const limit = Number(query.get('limit'));
    const offset = Number(query.get('offset'));
    const q = query.get('q')?.toLowerCase();
    const prefix = query.get('content_type');
    const matching = files.filter(
      (f) =>
        (!q || f.filename.toLowerCase().includes(q)) &&
        (!prefix || f.content_type.startsWith(prefix)),
    );
    return json(200, {
      files: matching.slice(offset, offset + limit),
      total: matching.length,
      limit,
      offset,
    });
  };
  const api = mockApi({
    'GET /me': () => json(200, me),
    'GET /health': () => json(200, { status: 'ok' }),
    'GET /organizations': () => json(200, { organizations: [organization()] }),
    'GET /workspaces': () => json(200, { workspaces: [photos] }),
    'GET /workspaces/photos': () => json(200, { workspace: photos }),
    ...extra,
  });
  // Any list request, whatever its query.
  const fallback = api.fetchMock.getMockImplementation()!;
  api.fetchMock.mockImplementation(async (input, init) => {
    const url = String(input);
    if (/^\/api\/workspaces\/photos\/files\?/.test(url) && (init?.method ?? 'GET') === 'GET') {
      const request: RecordedRequest = {
        method: 'GET',
        path: url.slice('/api'.length),
        url,
        headers: new Headers(init?.headers),
        body: undefined,
      };
      api.requests.push(request);
      return list(request);
    }
    return fallback(input, init);
  });
  return {
    api,
    listRequests: () => api.requests.filter((r) => /^\/workspaces\/photos\/files\?/.test(r.path)),
    setFiles: (next: FileInfo[]) => (files = next),
    setFailing: (next: boolean) => (failing = next),
  };
}

/** The first render loads the app's lazy chunks: on a busy machine that takes over a second. */
const LOAD = { timeout: 5_000 };

describe('Files screen', () => {
  // The route loads the screen lazily; loading it here keeps the first test within its timeouts.
  beforeAll(() => import('./files-screen'));

  beforeEach(() => {
    signIn('token');
    setSelectedOrgId('acme');
    let next = 0;
    URL.createObjectURL = vi.fn(() => `blob:thumb/${++next}`);
    URL.revokeObjectURL = vi.fn();
  });

  it("shows a page of the workspace's files as a grid, asking with the org header", async () => {
    const { listRequests, api } = mockGallery([
      file(1),
      file(2, { filename: 'notes.txt', content_type: 'text/plain; charset=utf-8' }),
    ]);
    renderApp('/workspaces/photos/files');

    const grid = await screen.findByRole('list', { name: 'Files of Photos, page 1' }, LOAD);
    expect(within(grid).getAllByRole('listitem')).toHaveLength(2);
    expect(within(grid).getByText('notes.txt')).toBeInTheDocument();
    expect(within(grid).getByText('1000 B · Image')).toBeInTheDocument();
    const [request] = listRequests();
    expect(request?.path).toBe('/workspaces/photos/files?limit=100&offset=0');
    expect(request?.headers.get('X-Activeloop-Org-Id')).toBe('acme');
    // A thumbnail for the image only: a text file's bytes are never fetched as one.
    await waitFor(() =>
      expect(api.requests.filter((r) => r.path.includes('/content'))).toHaveLength(1),
    );
    expect(api.requests.find((r) => r.path.includes('/content'))?.path).toBe(
      `/workspaces/photos/files/${file(1).id}/content?w=256`,
    );
  });

  it('asks for the page of files while the workspace is still being checked', async () => {
    let answerWorkspace = () => {};
    const images = Array.from({ length: 60 }, (_, i) => file(i + 1));
    const { listRequests } = mockGallery(images, {
      'GET /workspaces/photos': () =>
        new Promise<Response>((resolve) => {
          answerWorkspace = () => resolve(json(200, { workspace: photos }));
        }),
    });
    renderApp('/workspaces/photos/files?page=2&size=50&type=image');

    await waitFor(() => expect(listRequests()).toHaveLength(1), LOAD);
    expect(listRequests()[0]?.path).toBe(
      '/workspaces/photos/files?limit=50&offset=50&content_type=image%2F',
    );
    expect(screen.queryByRole('list', { name: /Files of Photos/ })).not.toBeInTheDocument();
    answerWorkspace();
    const grid = await screen.findByRole('list', { name: 'Files of Photos, page 2' }, LOAD);
    expect(within(grid).getAllByRole('listitem')).toHaveLength(10);
    // The gallery shows that answer; it does not ask again.
    expect(listRequests()).toHaveLength(1);
  });

  it('says how to add files to an empty workspace', async () => {
    mockGallery([]);
    renderApp('/workspaces/photos/files');

    expect(await screen.findByText('No files yet', {}, LOAD)).toBeInTheDocument();
    expect(screen.getByText(/or choose them with Upload files/)).toBeInTheDocument();
    expect(screen.getAllByRole('button', { name: 'Upload files' })).toHaveLength(2);
  });

  it('searches by name after typing stops, from page 1, and keeps it in the URL', async () => {
    const { listRequests } = mockGallery([
      file(1, { filename: 'beach.png' }),
      file(2, { filename: 'forest.png' }),
    ]);
    const { user, router } = renderApp('/workspaces/photos/files?page=1&view=list');
    await screen.findByRole('table', { name: 'Files of Photos, page 1' }, LOAD);

    await user.type(screen.getByLabelText('Search by name'), 'BEA');

    await waitFor(() => expect(screen.queryByText('forest.png')).not.toBeInTheDocument(), LOAD);
    expect(screen.getByText('beach.png')).toBeInTheDocument();
    expect(router.state.location.search).toBe('?q=BEA&view=list');
    expect(listRequests().at(-1)?.path).toBe('/workspaces/photos/files?limit=100&offset=0&q=BEA');
    // One request for the whole word, not one per key.
    expect(listRequests()).toHaveLength(2);
  });

  it('pages with the API’s limit and offset', async () => {
    const many = Array.from({ length: 120 }, (_, i) => file(i + 1));
    const { listRequests } = mockGallery(many);
    const { user } = renderApp('/workspaces/photos/files?size=50');

    const pages = await screen.findByRole('navigation', { name: 'Pages' }, LOAD);
    expect(pages).toHaveTextContent('1–50 of 120 files');
    expect(pages).toHaveTextContent('Page 1 of 3');
    await user.click(within(pages).getByRole('button', { name: 'Next page' }));

    expect(
      await screen.findByRole('list', { name: 'Files of Photos, page 2' }),
    ).toBeInTheDocument();
    expect(pages).toHaveTextContent('51–100 of 120 files');
    expect(listRequests().at(-1)?.path).toBe('/workspaces/photos/files?limit=50&offset=50');
  });

  it('deletes the selected files and reports the ones the server refused', async () => {
    const files = [file(1), file(2), file(3)];
    const { setFiles } = mockGallery(files, {
      [`DELETE /workspaces/photos/files/${file(1).id}`]: () => {
        setFiles(files.slice(1));
        return json(204);
      },
      [`DELETE /workspaces/photos/files/${file(2).id}`]: () =>
        apiError(403, 'forbidden', 'Not allowed here'),
    });
    const { user } = renderApp('/workspaces/photos/files?view=list');
    const table = await screen.findByRole('table', { name: 'Files of Photos, page 1' }, LOAD);

    await user.click(within(table).getByRole('checkbox', { name: 'Select photo-1.png' }));
    await user.click(within(table).getByRole('checkbox', { name: 'Select photo-2.png' }));
    const selection = screen.getByRole('region', { name: 'Selection' });
    expect(selection).toHaveTextContent('2 files selected');
    await user.click(within(selection).getByRole('button', { name: 'Delete selected' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Delete 2 files' });
    await user.click(within(dialog).getByRole('button', { name: 'Delete 2 files' }));

    const left = await screen.findByRole('alertdialog', { name: 'Delete 1 file' });
    expect(within(left).getByRole('alert')).toHaveTextContent(
      'Deleted 1 of 2. Not deleted: photo-2.png (Not allowed here)',
    );
    expect(selection).toHaveTextContent('1 file selected');
    await waitFor(() => expect(within(table).queryByText('photo-1.png')).not.toBeInTheDocument());
  });

  it('opens the preview from the grid and keeps it in the URL', async () => {
    mockGallery([file(1), file(2)], {
      [`GET /workspaces/photos/files/${file(2).id}/content`]: () =>
        new Response('png', { headers: { 'Content-Type': 'image/png' } }),
    });
    const { user, router } = renderApp('/workspaces/photos/files');

    await user.click(await screen.findByRole('button', { name: 'Open photo-2.png' }, LOAD));

    const dialog = await screen.findByRole('dialog', { name: 'photo-2.png' });
    expect(dialog).toHaveAccessibleDescription(/· 2 of 2$/);
    expect(router.state.location.search).toBe(`?preview=${file(2).id}`);
    expect(within(dialog).getByRole('button', { name: 'Next file' })).toBeDisabled();
    await user.keyboard('{ArrowLeft}');
    expect(await screen.findByRole('dialog', { name: 'photo-1.png' })).toBeInTheDocument();
  });

  it('shows a failed list with its reason, and retries', async () => {
    const gallery = mockGallery([file(1)]);
    gallery.setFailing(true);
    const { user } = renderApp('/workspaces/photos/files');

    const alert = await screen.findByRole('alert', {}, LOAD);
    expect(alert).toHaveTextContent('Could not load the files');
    expect(alert).toHaveTextContent('Something went wrong on the server');
    gallery.setFailing(false);
    await user.click(within(alert).getByRole('button', { name: 'Retry' }));

    expect(
      await screen.findByRole('list', { name: 'Files of Photos, page 1' }),
    ).toBeInTheDocument();
  });

  it('keeps what is being typed, trailing space included, when the search runs', async () => {
    mockGallery([file(1, { filename: 'beach cat.png' }), file(2, { filename: 'beach.png' })]);
    const { user, router } = renderApp('/workspaces/photos/files');
    await screen.findByRole('list', { name: 'Files of Photos, page 1' }, LOAD);
    const search = screen.getByLabelText('Search by name');

    await user.type(search, 'beach ');
    await waitFor(() => expect(router.state.location.search).toBe('?q=beach'), LOAD);
    await user.type(search, 'cat');

    expect(search).toHaveValue('beach cat');
    await waitFor(() => expect(router.state.location.search).toBe('?q=beach+cat'), LOAD);
    await waitFor(() => expect(screen.queryByText('beach.png')).not.toBeInTheDocument(), LOAD);
  });

  describe('while the address lags behind the screen', { timeout: 20_000 }, () => {
    it('loses nothing typed in the search, keystroke by keystroke', async () => {
      mockGallery([file(1, { filename: 'beach cat.png' }), file(2, { filename: 'beach.png' })]);
      const { router } = renderApp('/workspaces/photos/files');
      await screen.findByRole('list', { name: 'Files of Photos, page 1' }, LOAD);
      delayNavigations(router, 500);
      // Slower than the search's 300 ms delay: each pause commits a search, whose address
      // lands after the next keystroke.
      const slow = userEvent.setup({ delay: 350 });
      const search = screen.getByLabelText('Search by name');

      await slow.type(search, 'beach cat');
      expect(search).toHaveValue('beach cat');
      await waitFor(() => expect(router.state.location.search).toBe('?q=beach+cat'), LOAD);
      await pause(600);
      expect(search).toHaveValue('beach cat');
      await waitFor(() => expect(screen.queryByText('beach.png')).not.toBeInTheDocument(), LOAD);
    });

    it('keeps a type chosen while a search is typed, and the search typed after it', async () => {
      mockGallery([
        file(1, { filename: 'cat.png' }),
        file(2, { filename: 'cat.pdf', content_type: 'application/pdf' }),
      ]);
      const { user, router } = renderApp('/workspaces/photos/files');
      await screen.findByRole('list', { name: 'Files of Photos, page 1' }, LOAD);
      delayNavigations(router, 400);

      await user.click(screen.getByRole('combobox', { name: 'File type' }));
      await user.click(screen.getByRole('option', { name: 'PDFs' }));
      await user.type(screen.getByLabelText('Search by name'), 'cat{Enter}');
      expect(screen.getByRole('combobox', { name: 'File type' })).toHaveTextContent('PDFs');
      expect(screen.getByLabelText('Search by name')).toHaveValue('cat');

      await waitFor(() => expect(router.state.location.search).toBe('?type=pdf&q=cat'), LOAD);
      await pause(500);
      expect(router.state.location.search).toBe('?type=pdf&q=cat');
      expect(screen.getByLabelText('Search by name')).toHaveValue('cat');
      await waitFor(() => expect(screen.queryByText('cat.png')).not.toBeInTheDocument(), LOAD);
    });

    it('takes the search of a real navigation (Back), replacing what was typed', async () => {
      mockGallery([file(1, { filename: 'beach cat.png' }), file(2, { filename: 'dog.png' })]);
      const { user, router } = renderApp('/workspaces/photos/files?q=dog');
      await screen.findByRole('list', { name: 'Files of Photos, page 1' }, LOAD);
      await router.navigate('/workspaces/photos/files?q=cat');
      const search = screen.getByLabelText('Search by name');
      await waitFor(() => expect(search).toHaveValue('cat'), LOAD);

      await user.type(search, ' and more');
      await router.navigate(-1);
      await waitFor(() => expect(search).toHaveValue('dog'), LOAD);
      await pause(400);
      expect(search).toHaveValue('dog');
      expect(router.state.location.search).toBe('?q=dog');
    });
  });
});
