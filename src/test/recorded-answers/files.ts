import { NO_HOSTED_SOURCE, type RecordedGroup } from './types';

/**
 * A workspace's files. HOSTED-API.md names no public source for the hosted files endpoints, so
 * every answer here is the bundled server's.
 */

const photo = {
  id: '6f1c2b3a-4d5e-4f60-8a9b-0c1d2e3f4a5b',
  filename: 'cat.png',
  content_type: 'image/png',
  size: 2048,
  sha256: 'ab'.repeat(32),
  created_at: '2026-11-21T09:30:00.000Z',
};

const notes = {
  id: '7a2d3c4b-5e6f-4a70-9b8c-1d2e3f4a5b6c',
  filename: 'notes.txt',
  content_type: 'text/plain',
  size: 11,
  sha256: 'cd'.repeat(32),
  created_at: '2026-11-21T09:00:00.000Z',
};

const FILES = 'bundled server: server/routes/files/routes.ts';

export const FILE_ANSWERS = {
  files: {
    bundled: {
      source: `${FILES} (GET /workspaces/:ws/files); ${NO_HOSTED_SOURCE}`,
      status: 200,
      body: { files: [photo], total: 1, limit: 20, offset: 0 },
    },
  },
  file: {
    bundled: {
      source: `${FILES} (GET /workspaces/:ws/files/:id); ${NO_HOSTED_SOURCE}`,
      status: 200,
      body: notes,
    },
    uploaded: {
      source: `${FILES} (POST /workspaces/:ws/files, multipart, 201); ${NO_HOSTED_SOURCE}`,
      status: 201,
      body: photo,
    },
    deleted: {
      source: `${FILES} (DELETE /workspaces/:ws/files/:id, 204); ${NO_HOSTED_SOURCE}`,
      status: 204,
      body: undefined,
    },
    alreadyGone: {
      source: `${FILES} (DELETE of a file not there: 404 in the error envelope); ${NO_HOSTED_SOURCE}`,
      status: 404,
      body: { error: { code: 'not_found', message: 'No file "x" in workspace "default"' } },
    },
    refused: {
      source: `${FILES} (a viewer deleting: 403 in the error envelope); ${NO_HOSTED_SOURCE}`,
      status: 403,
      body: {
        error: {
          code: 'forbidden',
          message: 'You are a viewer of "default": only writers and admins may delete files',
        },
      },
    },
  },
  content: {
    bundled: {
      source: `${FILES} (GET …/files/:id/content: the bytes, with the file's type); ${NO_HOSTED_SOURCE}`,
      status: 200,
      text: true,
      contentType: 'text/plain',
      body: 'hello world',
    },
    thumbnail: {
      source: `${FILES} (GET …/files/:id/content?w=256: a WebP thumbnail); ${NO_HOSTED_SOURCE}`,
      status: 200,
      text: true,
      contentType: 'image/webp',
      body: 'RIFF-webp',
    },
  },
} satisfies RecordedGroup;
