import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { FOLDER_LIST_CAP, type FolderInfo, type FolderList } from '../../../contract/files';
import { writersOnly } from '../../auth/workspace-access';
import type { Db } from '../../db/index';
import { conflict, notFound } from '../../errors';
import { baseName, clientPath, PathError, ROOT } from '../../files/paths';
import { uuidParam, workspacePath } from '../params';
import { refuse, type ZodTypeProvider } from '../zod-provider';
import {
  countUnder,
  createFolder,
  deleteFolder,
  fileAmong,
  isFolder,
  listSubfolders,
  moveFile,
} from './drive';
import { folderParameter } from './query';

/**
 * The folders of a workspace's drive on `/api` (the bundled server's extra; the older File API
 * in routes/engine/ sees the same folders): list the folders in one, make one, delete an empty
 * one, and move a file into one. Anyone who can see the workspace lists; writers change.
 */

export interface FolderRoutesOptions {
  db: Db;
}

/** `/workspaces/:ws/files/:id`: an id that cannot exist is simply not found. */
const filePath = workspacePath.extend({ id: uuidParam((id) => `No file "${id}"`) });

/** A path in a JSON body, checked by the path rules; `name` is the field, for the message. */
const pathField = (name: string) =>
  z
    .string({ error: `${name}: give a folder's path, such as "drive/photos"` })
    .transform((raw, ctx) => {
      try {
        return clientPath(raw, name);
      } catch (error) {
        if (!(error instanceof PathError)) throw error;
        return refuse(ctx, error.message);
      }
    });

const folderListQuerySchema = z.object({ path: folderParameter('path') });

const folderDeleteQuerySchema = z.object({
  path: folderParameter('path').transform((path, ctx) => {
    if (path === undefined) return refuse(ctx, 'path: give the folder to delete');
    if (path === ROOT) return refuse(ctx, `${ROOT} is the root folder: it cannot be deleted`);
    return path;
  }),
});

const folderCreateBodySchema = z.object({ path: pathField('path') });
const fileMoveBodySchema = z.object({ folder: pathField('folder') });

const folderInfo = (path: string): FolderInfo => ({ path, name: baseName(path) });

export async function folderRoutes(instance: FastifyInstance, { db }: FolderRoutesOptions) {
  const app = instance.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/workspaces/:ws/folders',
    { schema: { querystring: folderListQuerySchema } },
    async (request): Promise<FolderList> => {
      const { workspace } = request.workspaceAccess;
      const path = request.query.path ?? ROOT;
      if (!(await isFolder(db, workspace.id, path))) {
        throw notFound(`No folder ${path} in workspace "${workspace.id}"`);
      }
      return { path, ...(await listSubfolders(db, workspace.id, path, FOLDER_LIST_CAP)) };
    },
  );

  app.post(
    '/workspaces/:ws/folders',
    { config: writersOnly('create folders'), schema: { body: folderCreateBodySchema } },
    async (request, reply): Promise<FolderInfo> => {
      const { workspace } = request.workspaceAccess;
      const { path } = request.body;
      if (path === ROOT) return folderInfo(path);
      const { existed } = await createFolder(db, workspace.id, path);
      reply.code(existed ? 200 : 201);
      return folderInfo(path);
    },
  );

  app.delete(
    '/workspaces/:ws/folders',
    { config: writersOnly('delete folders'), schema: { querystring: folderDeleteQuerySchema } },
    async (request, reply) => {
      const { workspace } = request.workspaceAccess;
      const { path } = request.query;
      const removal = await deleteFolder(db, workspace.id, path);
      if (removal === 'deleted') return reply.code(204).send();
      if (removal === 'not-empty') {
        const { files, folders } = await countUnder(db, workspace.id, path);
        throw conflict(
          `The folder ${path} is not empty (${count(files, 'file')} and ` +
            `${count(folders, 'folder')} in it): move or delete what is in it first`,
        );
      }
      if (await fileAmong(db, workspace.id, [path])) {
        throw notFound(`${path} is a file, not a folder: delete it as a file`);
      }
      throw notFound(`No folder ${path} in workspace "${workspace.id}"`);
    },
  );

  app.patch(
    '/workspaces/:ws/files/:id',
    {
      config: writersOnly('move files'),
      schema: { params: filePath, body: fileMoveBodySchema },
    },
    async (request) => {
      const { workspace } = request.workspaceAccess;
      const { id } = request.params;
      const moved = await moveFile(db, workspace.id, id, request.body.folder);
      if (!moved) throw notFound(`No file "${id}" in workspace "${workspace.id}"`);
      return moved;
    },
  );
}

const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;
