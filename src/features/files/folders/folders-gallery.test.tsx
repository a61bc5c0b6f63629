import { createEvent, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FileInfo } from '../../../../contract/files';
import { api } from '../../../lib/api-client';
import { setSelectedOrgId, signIn } from '../../../lib/sign-in-state';
import { apiError, json, mockApi, type RecordedRequest } from '../../../test/fetch-mock';
import { me, organization, workspace } from '../../../test/fixtures';
import { renderApp } from '../../../test/render';
import { FILE_IDS_TYPE } from './file-drag';

const photos = workspace({ id: 'photos', name: 'Photos' });

function file(n: number, path: string): FileInfo {
  return {
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    filename: path.slice(path.lastIndexOf('/') + 1),
    content_type: 'text/plain',
    size: 10 * n,
    path,
    created_at: '2024-05-01T10:00:00Z',
  };
}

const parentOf = (path: string) => path.slice(0, path.lastIndexOf('/'));

/**
 * The console around a drive that behaves like the bundled server's: files with paths, folders
 * kept for themselves, and the folders, move and list-by-folder endpoints.
 */
function mockDrive(initialFiles: FileInfo[], initialFolders: string[]) {
  let files = initialFiles;
  const folders = new Set(initialFolders);
  const isFolder = (path: string) =>
    path === 'drive' || folders.has(path) || files.some((f) => f.path!.startsWith(`${path}/`));
  const under = (path: string) => [
    ...new Set(
      [...folders, ...files.map((f) => parentOf(f.path!))]
        .filter((p) => p.startsWith(`${path}/`))
        .map((p) => `${path}/${p.slice(path.length + 1).split('/')[0]}`),
    ),
  ];
  const handlers: Record<string, (request: RecordedRequest, query: URLSearchParams) => Response> = {
    'GET /workspaces/photos/files': (_, query) => {
      const folder = query.get('folder');
      const matching = files.filter((f) => folder === null || parentOf(f.path!) === folder);
      const limit = Number(query.get('limit'));
      const offset = Number(query.get('offset'));
      return json(200, {
        files: matching.slice(offset, offset + limit),
        total: matching.length,
        limit,
        offset,
      });
    },
    'GET /workspaces/photos/folders': (_, query) => {
      const path = query.get('path')!;
      if (!isFolder(path)) return apiError(404, 'not_found', `No folder ${path}`);
      const list = under(path).sort();
      return json(200, {
        path,
        folders: list.map((p) => ({ path: p, name: p.slice(p.lastIndexOf('/') + 1) })),
        truncated: false,
      });
    },
    'POST /workspaces/photos/folders': ({ body }) => {
      const { path } = body as { path: string };
      if (path.includes('bad')) return apiError(400, 'bad_request', `path "${path}" is bad`);
      folders.add(path);
      return json(201, { path, name: path.slice(path.lastIndexOf('/') + 1) });
    },
    'DELETE /workspaces/photos/folders': (_, query) => {
      const path = query.get('path')!;
      if (files.some((f) => f.path!.startsWith(`${path}/`))) {
        return apiError(
          409,
          'conflict',
          `The folder ${path} is not empty (1 file and 0 folders in it)`,
        );
      }
      folders.delete(path);
      return json(204);
    },
    'PATCH /workspaces/photos/files/:id': ({ path: url, body }) => {
      const id = url.split('/').at(-1)!;
      const { folder } = body as { folder: string };
      const moving = files.find((f) => f.id === id)!;
      const moved = { ...moving, path: `${folder}/${moving.filename}` };
      files = files.map((f) => (f.id === id ? moved : f));
      folders.add(folder);
      return json(200, moved);
    },
  };
  const api = mockApi({
    'GET /me': () => json(200, me),
    'GET /health': () => json(200, { status: 'ok' }),
    'GET /organizations': () => json(200, { organizations: [organization()] }),
    'GET /workspaces': () => json(200, { workspaces: [photos] }),
    'GET /workspaces/photos': () => json(200, { workspace: photos }),
  });
  const fallback = api.fetchMock.getMockImplementation()!;
  api.fetchMock.mockImplementation(async (input, init) => {
    const url = new URL(String(input), 'http://localhost');
    const method = (init?.method ?? 'GET').toUpperCase();
    const route = `${method} ${url.pathname.slice('/api'.length).replace(/files\/[0-9a-f-]{36}$/, 'files/:id')}`;
    const handler = handlers[route];
    if (!handler) return fallback(input, init);
    const request: RecordedRequest = {
      method,
      path: `${url.pathname.slice('/api'.length)}${url.search}`,
      url: String(input),
      headers: new Headers(init?.headers),
      body: typeof init?.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined,
    };
    api.requests.push(request);
    return handler(request, url.searchParams);
  });
  return { api, files: () => files };
}

const LOAD = { timeout: 5_000 };

const beach = file(1, 'drive/beach.txt');
const cat = file(2, 'drive/pets/cat.txt');

describe('Folders in the gallery', () => {
  beforeAll(() => import('../components/files-screen'));

  beforeEach(() => {
    signIn('token');
    setSelectedOrgId('acme');
  });

  it('shows the folder path and its folders before its files, and opens a folder', async () => {
    const { api } = mockDrive([beach, cat], ['drive/pets', 'drive/trips']);
    const { user, router } = renderApp('/workspaces/photos/files?view=list');

    const folders = await screen.findByRole('list', { name: 'Folders in Photos' }, LOAD);
    expect(
      within(folders)
        .getAllByRole('link')
        .map((link) => link.textContent),
    ).toEqual(['pets', 'trips']);
    const table = screen.getByRole('table', { name: 'Files of Photos, page 1' });
    expect(within(table).getByText('beach.txt')).toBeInTheDocument();
    expect(within(table).queryByText('cat.txt')).not.toBeInTheDocument();
    expect(api.requests.map((r) => r.path)).toContain(
      '/workspaces/photos/files?limit=100&offset=0&folder=drive',
    );

    await user.click(within(folders).getByRole('link', { name: 'pets' }));
    const inPets = await screen.findByRole('table', { name: 'Files in pets, page 1' }, LOAD);
    expect(within(inPets).getByText('cat.txt')).toBeInTheDocument();
    expect(router.state.location.search).toBe('?folder=drive%2Fpets&view=list');
    const path = screen.getByRole('navigation', { name: 'Folder path' });
    expect(within(path).getByRole('link', { name: 'pets' })).toHaveAttribute(
      'aria-current',
      'page',
    );

    await user.click(within(path).getByRole('link', { name: 'drive' }));
    expect(
      await screen.findByRole('table', { name: 'Files of Photos, page 1' }),
    ).toBeInTheDocument();
    expect(router.state.location.search).toBe('?view=list');
  });

  it('makes a folder in the one shown, and shows why the server refused a name', async () => {
    const { api } = mockDrive([cat], ['drive/pets']);
    const { user } = renderApp('/workspaces/photos/files?folder=drive/pets');
    await user.click(await screen.findByRole('button', { name: 'New folder' }, LOAD));

    const dialog = await screen.findByRole('dialog', { name: 'New folder' });
    await user.click(within(dialog).getByRole('button', { name: 'Create folder' }));
    expect(within(dialog).getByText('Give the folder a name')).toBeInTheDocument();
    await user.type(within(dialog).getByLabelText('Folder name'), 'bad name');
    await user.click(within(dialog).getByRole('button', { name: 'Create folder' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'path "drive/pets/bad name" is bad',
    );

    await user.clear(within(dialog).getByLabelText('Folder name'));
    await user.type(within(dialog).getByLabelText('Folder name'), 'kittens');
    await user.click(within(dialog).getByRole('button', { name: 'Create folder' }));
    await waitFor(() => expect(dialog).not.toBeInTheDocument());
    expect(api.calls('POST /workspaces/photos/folders').at(-1)?.body).toEqual({
      path: 'drive/pets/kittens',
    });
    const folders = await screen.findByRole('list', { name: 'Folders in pets' });
    expect(within(folders).getByRole('link', { name: 'kittens' })).toBeInTheDocument();
  });

  it('moves a file into a folder picked in the dialog its menu opens', async () => {
    const { api } = mockDrive([beach, cat], ['drive/pets']);
    const { user } = renderApp('/workspaces/photos/files');
    await user.click(await screen.findByRole('button', { name: 'Actions for beach.txt' }, LOAD));
    await user.click(await screen.findByRole('menuitem', { name: 'Move to folder…' }));

    const dialog = await screen.findByRole('dialog', { name: 'Move beach.txt' });
    const picker = await within(dialog).findByRole('list', { name: 'Folders in drive' });
    await user.click(within(picker).getByRole('button', { name: 'pets' }));
    expect(within(dialog).getByLabelText('Destination folder')).toHaveValue('drive/pets');
    await user.click(within(dialog).getByRole('button', { name: 'Move file' }));

    await waitFor(() => expect(dialog).not.toBeInTheDocument());
    expect(api.calls(`PATCH /workspaces/photos/files/${beach.id}`)[0]?.body).toEqual({
      folder: 'drive/pets',
    });
    expect(await screen.findByText('Moved beach.txt to pets')).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByText('beach.txt')).not.toBeInTheDocument());
  });

  it('moves a file dragged onto a folder, and the whole selection when it is selected', async () => {
    const other = file(3, 'drive/other.txt');
    const { files } = mockDrive([beach, other, cat], ['drive/pets']);
    const { user } = renderApp('/workspaces/photos/files');
    const grid = await screen.findByRole('list', { name: 'Files of Photos, page 1' }, LOAD);
    await user.click(within(grid).getByRole('checkbox', { name: 'Select beach.txt' }));
    await user.click(within(grid).getByRole('checkbox', { name: 'Select other.txt' }));

    // jsdom has no DataTransfer: a small one that keeps what is set.
    const data = new Map<string, string>();
    const dataTransfer = {
      get types() {
        return [...data.keys()];
      },
      setData: (type: string, value: string) => data.set(type, value),
      getData: (type: string) => data.get(type) ?? '',
      clearData: () => data.clear(),
      effectAllowed: 'all',
      dropEffect: 'none',
    };
    const tile = within(grid).getByText('beach.txt').closest('li')!;
    fireEvent(tile, Object.assign(createEvent.dragStart(tile), { dataTransfer }));
    expect(JSON.parse(data.get(FILE_IDS_TYPE)!)).toEqual([beach.id, other.id]);
    const target = within(screen.getByRole('list', { name: 'Folders in Photos' }))
      .getByRole('link', { name: 'pets' })
      .closest('li')!;
    fireEvent(target, Object.assign(createEvent.dragEnter(target), { dataTransfer }));
    fireEvent(target, Object.assign(createEvent.dragOver(target), { dataTransfer }));
    fireEvent(target, Object.assign(createEvent.drop(target), { dataTransfer }));

    expect(await screen.findByText('Moved 2 files to pets')).toBeInTheDocument();
    expect(files().map((f) => f.path)).toEqual([
      'drive/pets/beach.txt',
      'drive/pets/other.txt',
      'drive/pets/cat.txt',
    ]);
    // Moved away: no longer selected.
    expect(screen.queryByRole('region', { name: 'Selection' })).not.toBeInTheDocument();
  });

  it('uploads into the folder shown', async () => {
    mockDrive([cat], ['drive/pets']);
    const upload = vi.spyOn(api, 'upload').mockResolvedValue(file(9, 'drive/pets/new.txt'));
    const { user } = renderApp('/workspaces/photos/files?folder=drive/pets');
    await screen.findByRole('list', { name: 'Files in pets, page 1' }, LOAD);

    await user.upload(screen.getByLabelText('Files to upload'), new File(['x'], 'new.txt'));

    await waitFor(() => expect(upload).toHaveBeenCalled());
    expect(upload.mock.calls[0]![0]).toBe('/workspaces/photos/files?folder=drive%2Fpets');
  });

  it('deletes an empty folder, and shows why one with files is not deleted', async () => {
    mockDrive([cat], ['drive/pets', 'drive/empty']);
    const { user } = renderApp('/workspaces/photos/files');
    const folders = await screen.findByRole('list', { name: 'Folders in Photos' }, LOAD);

    await user.click(within(folders).getByRole('button', { name: 'Actions for folder pets' }));
    await user.click(await screen.findByRole('menuitem', { name: 'Delete folder' }));
    const refusal = await screen.findByRole('alertdialog', { name: 'Delete folder pets' });
    await user.click(within(refusal).getByRole('button', { name: 'Delete folder' }));
    expect(await within(refusal).findByRole('alert')).toHaveTextContent(
      'The folder drive/pets is not empty (1 file and 0 folders in it)',
    );
    await user.click(within(refusal).getByRole('button', { name: 'Cancel' }));

    await user.click(within(folders).getByRole('button', { name: 'Actions for folder empty' }));
    await user.click(await screen.findByRole('menuitem', { name: 'Delete folder' }));
    const confirm = await screen.findByRole('alertdialog', { name: 'Delete folder empty' });
    expect(within(confirm).queryByRole('alert')).not.toBeInTheDocument();
    await user.click(within(confirm).getByRole('button', { name: 'Delete folder' }));
    await waitFor(() =>
      expect(within(folders).queryByRole('link', { name: 'empty' })).not.toBeInTheDocument(),
    );
  });

  it('says so when the folder in the address does not exist', async () => {
    mockDrive([beach], []);
    renderApp('/workspaces/photos/files?folder=drive/gone');
    expect(await screen.findByText('No such folder', {}, LOAD)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Go to drive' })).toHaveAttribute(
      'href',
      '/workspaces/photos/files',
    );
  });

  it('offers no folders where the server has none', async () => {
    mockApi({
      'GET /me': () => json(200, me),
      'GET /health': () => json(200, { status: 'ok' }),
      'GET /organizations': () => json(200, { organizations: [organization()] }),
      'GET /workspaces': () => json(200, { workspaces: [photos] }),
      'GET /workspaces/photos': () => json(200, { workspace: photos }),
      'GET /workspaces/photos/files?limit=100&offset=0': () =>
        json(200, { files: [{ ...beach, path: undefined }], total: 1, limit: 100, offset: 0 }),
    });
    renderApp('/workspaces/photos/files');
    await screen.findByRole('list', { name: 'Files of Photos, page 1' }, LOAD);
    expect(screen.queryByRole('navigation', { name: 'Folder path' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'New folder' })).not.toBeInTheDocument();
  });
});
