import { act } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { FileInfo } from '../../../contract/files';
import { fileQueryOptions } from '../../features/files/api/file-query';
import { useDeleteFiles } from '../../features/files/api/files-delete-mutation';
import { fileListQueryOptions } from '../../features/files/api/files-query';
import { fileKeys } from '../../features/files/api/keys';
import { fileContentPath } from '../../features/files/api/paths';
import { uploadQueueFor } from '../../features/files/upload/use-upload-queue';
import { api, requestTarget } from '../../lib/api-client';
import { signIn } from '../../lib/sign-in-state';
import { RECORDED } from '../recorded-answers';
import {
  answer,
  answers,
  client,
  FakeXhr,
  mutationHook,
  replayed,
  ORG,
  orgHeader,
} from './helpers';

/**
 * A workspace's files: every query and mutation against the bundled server's answers
 * (recorded-answers/files.ts; no public source shows the hosted ones), each sent with the org
 * header, and the content and thumbnail requests the gallery, previews and downloads make.
 */

beforeEach(() => signIn('token'));

const PHOTO = RECORDED.file.uploaded.body;
const NOTES = RECORDED.file.bundled.body;
const filePath = (file: { id: string }) => `/workspaces/default/files/${file.id}`;

describe('files', () => {
  it('GET …/files sends paging, type and name filters with the org header', async () => {
    const api = answer(
      'GET /workspaces/default/files?limit=20&offset=40&content_type=image%2F&q=cat',
      RECORDED.files.bundled,
    );
    const page = await client().fetchQuery(
      fileListQueryOptions(ORG, 'default', {
        limit: 20,
        offset: 40,
        contentType: 'image/',
        q: 'cat',
      }),
    );
    expect(page).toEqual(RECORDED.files.bundled.body);
    expect(orgHeader(api.requests[0])).toBe(ORG);

    // Without filters, only the page is asked for.
    const plain = answer('GET /workspaces/default/files?limit=20&offset=0', RECORDED.files.bundled);
    await client().fetchQuery(fileListQueryOptions(ORG, 'default', { limit: 20, offset: 0 }));
    expect(plain.requests).toHaveLength(1);
  });

  it('GET …/files/{id} sends the org header and gives the metadata', async () => {
    const api = answer(`GET ${filePath(NOTES)}`, RECORDED.file.bundled);
    expect(await client().fetchQuery(fileQueryOptions(ORG, 'default', NOTES.id))).toEqual(NOTES);
    expect(orgHeader(api.requests[0])).toBe(ORG);
  });

  it('POST …/files (multipart) sends the file with the org header and keeps the stored file', async () => {
    FakeXhr.install();
    const queryClient = client();
    const queue = uploadQueueFor(queryClient, ORG, 'default');
    const file = new File([new Uint8Array(2048)], 'cat.png', { type: 'image/png' });
    queue.add([file]);
    await vi.waitFor(() => expect(FakeXhr.sent).toHaveLength(1));
    const xhr = FakeXhr.sent[0]!;
    expect(xhr).toMatchObject({ method: 'POST', url: '/api/workspaces/default/files' });
    expect(xhr.headers.get('X-Activeloop-Org-Id')).toBe(ORG);
    expect(xhr.headers.has('Content-Type')).toBe(false);
    expect((xhr.body!.get('file') as File).name).toBe('cat.png');

    xhr.answer(...replayed(RECORDED.file.uploaded));
    await vi.waitFor(() => expect(queue.getSnapshot()[0]!.status).toBe('done'));
    expect(queue.getSnapshot()[0]!.result).toEqual(PHOTO);
    expect(queryClient.getQueryData(fileKeys.detail(ORG, 'default', PHOTO.id))).toEqual(PHOTO);
  });

  it('DELETE …/files/{id}: a 204 and a 404 are deleted, a 403 failed with its message', async () => {
    const refused = { ...NOTES, id: 'f-refused' };
    const api = answers({
      [`DELETE ${filePath(PHOTO)}`]: RECORDED.file.deleted,
      [`DELETE ${filePath(NOTES)}`]: RECORDED.file.alreadyGone,
      [`DELETE ${filePath(refused)}`]: RECORDED.file.refused,
    });
    const remove = mutationHook(() => useDeleteFiles(ORG, 'default'));
    let result: unknown;
    await act(async () => {
      result = await remove.current.mutateAsync({ files: [PHOTO, NOTES, refused] as FileInfo[] });
    });
    expect(result).toEqual({
      deleted: [PHOTO, NOTES],
      failed: [
        {
          file: refused,
          message: 'You are a viewer of "default": only writers and admins may delete files',
        },
      ],
      rowsDeleted: 0,
    });
    expect(api.requests.map((r) => r.method)).toEqual(['DELETE', 'DELETE', 'DELETE']);
    expect(api.requests.map((r) => r.body)).toEqual([undefined, undefined, undefined]);
    expect(api.requests.map(orgHeader)).toEqual([ORG, ORG, ORG]);
  });
});

describe('file content', () => {
  it('GET …/content (previews, downloads) sends the token and org header and gives the bytes', async () => {
    const path = fileContentPath('default', NOTES.id, { download: true });
    expect(path).toBe(`${filePath(NOTES)}/content?download=1`);
    const fetched = answer(`GET ${path}`, RECORDED.content.bundled);
    const blob = await api.blob(path, { orgId: ORG });
    expect(await blob.text()).toBe('hello world');
    expect(blob.type).toMatch(/^text\/plain/);
    const [request] = fetched.requests;
    expect(orgHeader(request)).toBe(ORG);
    expect(request!.headers.get('Authorization')).toBe('Bearer token');
  });

  it('GET …/content?w= (thumbnails) comes back as a data URL, sent with the org header', async () => {
    const path = fileContentPath('default', PHOTO.id, { width: 256 });
    expect(path).toBe(`${filePath(PHOTO)}/content?w=256`);
    const fetched = answer(`GET ${path}`, RECORDED.content.thumbnail);
    const url = await api.dataUrl(path, { orgId: ORG });
    expect(url).toBe(`data:image/webp;base64,${btoa('RIFF-webp')}`);
    expect(orgHeader(fetched.requests[0])).toBe(ORG);
  });

  it('the media proxy (video, audio, PDF) gets the same headers to send', () => {
    const target = requestTarget(fileContentPath('default', PHOTO.id), { orgId: ORG });
    expect(target.url).toBe(new URL(`/api${filePath(PHOTO)}/content`, window.location.href).href);
    expect(target.headers).toMatchObject({
      authorization: 'Bearer token',
      'x-activeloop-org-id': ORG,
    });
  });
});
