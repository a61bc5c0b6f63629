import { screen, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { FileInfo, FileReference } from '../../../../contract/files';
import { signIn } from '../../../lib/sign-in-state';
import { apiError, json, mockApi } from '../../../test/fetch-mock';
import { renderScreen } from '../../../test/render';
import { DeleteFilesDialog } from './delete-files-dialog';
import { REFERENCES_FILE_LIMIT } from './use-file-references';

const file = (n: number): FileInfo => ({
  id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  filename: `photo-${n}.png`,
  content_type: 'image/png',
  size: 10,
  created_at: '2024-05-01T10:00:00Z',
  path: `drive/photo-${n}.png`,
});

const references =
  (...list: FileReference[]) =>
  () =>
    json(200, { references: list });
const route = (f: FileInfo) => `GET /workspaces/photos/files/${f.id}/references`;

function open(files: FileInfo[]) {
  const onConfirm = vi.fn();
  const utils = renderScreen(
    <DeleteFilesDialog
      orgId="acme"
      workspaceId="photos"
      files={files}
      onConfirm={onConfirm}
      onClose={() => {}}
      pending={false}
      error={null}
    />,
  );
  return { ...utils, onConfirm, dialog: () => screen.getByRole('alertdialog') };
}

beforeEach(() => signIn('token'));

describe('DeleteFilesDialog', () => {
  it('counts the rows that use the files, summed per table and column, before offering', async () => {
    const [one, two] = [file(1), file(2)];
    mockApi({
      [route(one)]: references(
        { table: 'photos', column: 'file', match: 'id', rows: 2 },
        { table: 'captions', column: 'about', match: 'path', rows: 1 },
      ),
      [route(two)]: references({ table: 'photos', column: 'file', match: 'id', rows: 3 }),
    });
    const { onConfirm, user, dialog } = open([one, two]);
    expect(within(dialog()).getByRole('status')).toHaveTextContent(
      'Checking the workspace’s tables for rows that use them…',
    );
    const list = await screen.findByRole('list', { name: 'Rows that use the files' });
    expect(
      within(list)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual(['photos.file (by file ID): 5 rows', 'captions.about (by path): 1 row']);
    const box = screen.getByRole('checkbox', {
      name: 'Also delete the rows that use them (6 rows), in the same transaction',
    });
    expect(box).not.toBeChecked();
    expect(dialog()).toHaveTextContent('keep them, but they will point to nothing');
    await user.click(box);
    expect(dialog()).not.toHaveTextContent('point to nothing');
    await user.click(screen.getByRole('button', { name: 'Delete 2 files and 6 rows' }));
    expect(onConfirm).toHaveBeenCalledWith(true);
  });

  it('deletes the files alone unless the box is ticked', async () => {
    const one = file(1);
    mockApi({
      [route(one)]: references({ table: 'photos', column: 'file', match: 'id', rows: 1 }),
    });
    const { onConfirm, user } = open([one]);
    await screen.findByRole('checkbox', { name: /Also delete the rows that use it \(1 row\)/ });
    await user.click(screen.getByRole('button', { name: 'Delete 1 file' }));
    expect(onConfirm).toHaveBeenCalledWith(false);
  });

  it('says so when no row uses them, and offers nothing', async () => {
    const one = file(1);
    mockApi({ [route(one)]: references() });
    open([one]);
    expect(await screen.findByText('No row of the workspace’s tables uses it.')).toBeVisible();
    expect(screen.queryByRole('checkbox')).not.toBeInTheDocument();
  });

  it('asks nothing of a server without paths (the hosted service)', async () => {
    const api = mockApi({});
    const { path: _omitted, ...hosted } = file(1);
    open([hosted]);
    expect(screen.getByRole('button', { name: 'Delete 1 file' })).toBeEnabled();
    expect(api.requests).toEqual([]);
    expect(screen.queryByRole('checkbox')).not.toBeInTheDocument();
  });

  it('shows why the rows could not be counted, and still deletes the files alone', async () => {
    const one = file(1);
    mockApi({ [route(one)]: () => apiError(500, 'internal', 'All connections are busy') });
    const { onConfirm, user } = open([one]);
    expect(
      await screen.findByText(
        'The tables could not be checked for rows that use it: All connections are busy',
      ),
    ).toBeVisible();
    expect(screen.queryByRole('checkbox')).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Delete 1 file' }));
    expect(onConfirm).toHaveBeenCalledWith(false);
  });

  it('counts rows for a bounded number of files', () => {
    const api = mockApi({});
    const many = Array.from({ length: REFERENCES_FILE_LIMIT + 1 }, (_, i) => file(i + 1));
    open(many);
    expect(screen.getByText(/counted for up to 50 files at a time/)).toBeVisible();
    expect(api.requests).toEqual([]);
  });
});
