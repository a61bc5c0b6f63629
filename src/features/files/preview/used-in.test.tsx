import { screen, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import type { FileInfo } from '../../../../contract/files';
import { signIn } from '../../../lib/sign-in-state';
import { json, mockApi } from '../../../test/fetch-mock';
import { renderScreen } from '../../../test/render';
import { UsedIn } from './used-in';

const ID = '0b0b0b0b-1111-4a4a-8b8b-000000000001';
const file = (path?: string): FileInfo => ({
  id: ID,
  filename: 'beach.png',
  content_type: 'image/png',
  size: 10,
  created_at: '2024-05-01T10:00:00Z',
  ...(path === undefined ? {} : { path }),
});
const route = `GET /workspaces/photos/files/${ID}/references`;

beforeEach(() => signIn('token'));

describe('UsedIn', () => {
  it('links each column that uses the file to its rows, by id or by path', async () => {
    mockApi({
      [route]: () =>
        json(200, {
          references: [
            { table: 'shots', column: 'file', match: 'id', rows: 2 },
            { table: 'notes', column: 'about', match: 'path', rows: 1 },
          ],
        }),
    });
    renderScreen(<UsedIn orgId="acme" workspaceId="photos" file={file('drive/beach.png')} />);
    const nav = await screen.findByRole('navigation', { name: 'Used in' });
    expect(nav).toHaveTextContent('Used in shots.file (2 rows), notes.about (1 row)');
    expect(within(nav).getByRole('link', { name: 'shots.file' })).toHaveAttribute(
      'href',
      `/workspaces/photos/tables/shots?f.eq.file=${ID}`,
    );
    expect(within(nav).getByRole('link', { name: 'notes.about' })).toHaveAttribute(
      'href',
      '/workspaces/photos/tables/notes?f.eq.about=drive%2Fbeach.png',
    );
  });

  it('says when no table uses it', async () => {
    mockApi({ [route]: () => json(200, { references: [] }) });
    renderScreen(<UsedIn orgId="acme" workspaceId="photos" file={file('drive/beach.png')} />);
    expect(await screen.findByRole('navigation', { name: 'Used in' })).toHaveTextContent(
      'Used in no table',
    );
  });

  it('asks nothing of a server without paths (the hosted service)', () => {
    const api = mockApi({});
    renderScreen(<UsedIn orgId="acme" workspaceId="photos" file={file()} />);
    expect(screen.queryByRole('navigation')).not.toBeInTheDocument();
    expect(api.requests).toEqual([]);
  });
});
