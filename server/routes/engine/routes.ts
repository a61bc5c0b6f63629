import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { FileInfo } from '../../../contract/files';
import { requireSignIn } from '../../auth/authenticate';
import { registerWorkspaceAccess, writersOnly } from '../../auth/workspace-access';
import { ERROR_CODES } from '../../../contract/errors';
import { ApiError, badRequest, conflict, notFound } from '../../errors';
import { ServerBusyError, SessionBudget, type SessionBudgetLimits } from '../../sql/session-budget';
import { baseName, clientPath, PathError, ROOT } from '../../files/paths';
import { acceptUploads, refuseRest } from '../../files/upload';
import type { Logger } from '../../logger';
import {
  assertFolderPossible,
  countUnder,
  deleteFolder,
  isFolder,
  listFolder,
  matchPaths,
  PatternError,
  type FolderContents,
} from '../files/drive';
import { removeFile, saveUpload, type FileKeeping } from '../files/save';
import { deletingRows, recordingIn, recordTarget } from '../files/table-rows';
import type { WorkspaceSandbox } from '../../sql/sandbox';
import { checkBodies } from '../input';
import { useZodSchemas, type ZodTypeProvider } from '../zod-provider';
import { deleteQuerySchema, listQuerySchema, literalQuery, uploadQuerySchema } from './query';

/**
 * The older File API (seed 003) at `/engine/<workspace>/api/v1/file/`, outside `/api`: the
 * seed's `{your-engine-url}` is `http://HOST:PORT/engine/<workspace>`. Its files are the
 * workspace's files of `/api/workspaces/:ws/files` (same rows, same bytes, stored and deleted
 * through routes/files/save.ts), addressed by path in the drive. A caller is authenticated and
 * the workspace resolved and authorised as on `/api/workspaces/:ws` routes: the same 404 for a
 * workspace one cannot see, and viewers list but do not upload or delete (403). Errors are the
 * API's envelope.
 */

export const ENGINE_PREFIX = '/engine';

/** The File API's routes, as registered under the prefix: each names its workspace. */
const ENGINE_WORKSPACE_ROUTE = new RegExp(`^${ENGINE_PREFIX}/:ws(?:/|$)`);

/** Whether a URL is under the engine's prefix (for the SPA's fallback, which must not take it). */
export const isEnginePath = (url: string) =>
  url === ENGINE_PREFIX ||
  url.startsWith(`${ENGINE_PREFIX}/`) ||
  url.startsWith(`${ENGINE_PREFIX}?`);

export interface EngineOptions extends FileKeeping {
  logger: Logger;
  /** The workspaces' SQL sessions: the table rows `db_commit` writes and deletes. */
  sandbox: WorkspaceSandbox;
  /** Statement timeout of a `file_path` regular expression (default 2 s). */
  patternTimeoutMs?: number;
}

/**
 * A regular expression runs on the console's own connections (its pool has 10) for up to its
 * timeout: at most three at once on the server, two for one organization and one for one person,
 * so one tenant's slow patterns cannot take the connections every sign-in and page needs. One
 * that waits longer than 3 s for a place is answered 503 server_busy.
 */
export const PATTERN_SHARE: SessionBudgetLimits = {
  total: 3,
  perOrganization: 2,
  perUser: 1,
  waitMs: 3_000,
};

/** Most files, and most folders, one listing shows; past it the answer says `truncated`. */
export const LISTING_CAP = 10_000;

/** The seed's path, with and without its trailing slash. */
const FILE_URLS = ['/:ws/api/v1/file/', '/:ws/api/v1/file'];

/** A file as the File API shows it: its path, and its name (the path's last segment). */
export function engineFile(file: FileInfo) {
  return {
    id: file.id,
    path: file.path!,
    name: baseName(file.path!),
    content_type: file.content_type,
    size: file.size,
    sha256: file.sha256,
    created_at: file.created_at,
  };
}

const shownContents = (contents: FolderContents) => ({
  folders: contents.folders,
  files: contents.files.map(engineFile),
  truncated: contents.truncated,
});

/** Registers the File API under `ENGINE_PREFIX` (register it with that prefix). */
export async function engineRoutes(engine: FastifyInstance, options: EngineOptions) {
  checkBodies(engine);
  useZodSchemas(engine);
  await engine.register(async (authed) => {
    requireSignIn(authed, { db: options.db, logger: options.logger });
    // The workspace and the caller's role, as on `/api/workspaces/:ws` routes, before anything
    // the request sends is validated.
    registerWorkspaceAccess(authed, { db: options.db, routes: ENGINE_WORKSPACE_ROUTE });
    // Only what the routes take: the `prefix` this plugin was registered with must not repeat.
    const { db, sandbox, store, thumbnails, uploadLimitBytes, logger } = options;
    const { patternTimeoutMs } = options;
    await authed.register(fileApiRoutes, {
      db,
      sandbox,
      store,
      thumbnails,
      uploadLimitBytes,
      logger,
      patternTimeoutMs,
    });
  });
}

async function fileApiRoutes(instance: FastifyInstance, options: EngineOptions) {
  const { db } = options;
  const app = instance.withTypeProvider<ZodTypeProvider>();
  await acceptUploads(app, options.uploadLimitBytes);
  const patternTimeoutMs = options.patternTimeoutMs ?? 2_000;
  const patterns = new SessionBudget(PATTERN_SHARE);

  /**
   * After the workspace access check (which runs first) and before the query is validated: the
   * query string read literally (`literalQuery`).
   */
  const readQueryLiterally = async (request: FastifyRequest) => {
    request.query = literalQuery(request.url);
  };

  /** Requests whose upload has started to be read; any other refusal closes the connection. */
  const reading = new WeakSet<FastifyRequest>();

  for (const url of FILE_URLS) {
    app.get(
      url,
      { preValidation: readQueryLiterally, schema: { querystring: listQuerySchema } },
      async (request) => {
        const { workspace } = request.workspaceAccess;
        const given = request.query.file_path;
        const folder = await folderNamed(workspace.id, given);
        if (folder !== null) {
          return {
            path: folder,
            ...shownContents(await listFolder(db, workspace.id, folder, LISTING_CAP)),
          };
        }
        const release = await patterns
          .acquire({ orgId: workspace.org_id, userId: request.user.id })
          .catch((error: unknown) => {
            if (!(error instanceof ServerBusyError)) throw error;
            throw new ApiError(
              503,
              ERROR_CODES.serverBusy,
              'Other regular expressions are matching paths now: try again shortly, or list a folder',
              {},
              { 'retry-after': String(error.retryAfterSeconds) },
            );
          });
        try {
          const matched = await matchPaths(db, workspace.id, given, {
            timeoutMs: patternTimeoutMs,
            cap: LISTING_CAP,
          });
          return { pattern: given, ...shownContents(matched) };
        } catch (error) {
          if (!(error instanceof PatternError)) throw error;
          if (error.reason === 'slow') {
            throw badRequest(
              `file_path names no folder, and as a regular expression it took longer than ` +
                `${patternTimeoutMs} ms to match, so it was stopped: give a simpler one`,
            );
          }
          throw badRequest(
            `file_path names no folder, and is not a valid regular expression: ${error.message}`,
          );
        } finally {
          release();
        }
      },
    );

    app.post(
      url,
      {
        config: writersOnly('upload files'),
        preValidation: readQueryLiterally,
        schema: { querystring: uploadQuerySchema },
        // Refused before its body was read: not worth reading, it may be gigabytes.
        onError: async (request, reply) => {
          if (!reading.has(request)) refuseRest(reply);
        },
      },
      async (request, reply) => {
        const { workspace } = request.workspaceAccess;
        const { dir, commit } = request.query;
        if (dir !== undefined) await assertFolderPossible(db, workspace.id, dir, 'dir');
        const target = commit && (await recordTarget(options, request, commit));
        reading.add(request);
        const { file, rows } = await saveUpload(options, request, reply, workspace.id, {
          folder: dir,
          rows: target && recordingIn(options, request, target),
        });
        reply.code(201);
        return rows ? { ...engineFile(file), recorded: rows } : engineFile(file);
      },
    );

    app.delete(
      url,
      {
        config: writersOnly('delete files'),
        preValidation: readQueryLiterally,
        schema: { querystring: deleteQuerySchema },
      },
      async (request) => {
        const { workspace } = request.workspaceAccess;
        const { file_path: given, commit } = request.query;
        if (given === undefined || given === '') {
          throw badRequest('file_path: give the path of the file, or empty folder, to delete');
        }
        const path = checkedPath(given);
        if (path === ROOT) throw badRequest(`${ROOT} is the root folder: it cannot be deleted`);
        const only = commit && (await recordTarget(options, request, commit));
        const removed = await removeFile(
          options,
          workspace.id,
          { path },
          only && deletingRows(options, request, only),
        );
        if (removed) {
          const { file, rows } = removed;
          if (!rows) return { deleted: 'file', file: engineFile(file) };
          // One column: one entry, there even when no row held the path.
          const rowsDeleted = rows.reduce((sum, reference) => sum + reference.rows, 0);
          return {
            deleted: 'file',
            file: engineFile(file),
            rows_deleted: rowsDeleted,
            deleted_rows: [{ ...only!, rows: rowsDeleted }],
          };
        }
        const removal = await deleteFolder(db, workspace.id, path);
        if (removal === 'deleted') {
          return { deleted: 'folder', folder: { path, name: baseName(path) } };
        }
        if (removal === 'not-empty') {
          const { files, folders } = await countUnder(db, workspace.id, path);
          throw conflict(
            `The folder ${path} is not empty (${files} file(s) and ${folders} folder(s) under ` +
              'it): delete what is in it first',
          );
        }
        throw notFound(`Nothing at ${path} in workspace "${workspace.id}"`);
      },
    );
  }

  /** The folder `file_path` names, if it names one: empty and `drive` are the root. */
  async function folderNamed(workspaceId: string, given: string): Promise<string | null> {
    if (given === '' || given === '/') return ROOT;
    let path: string;
    try {
      path = clientPath(given, 'file_path');
    } catch (error) {
      if (error instanceof PathError) return null;
      throw error;
    }
    return (await isFolder(db, workspaceId, path)) ? path : null;
  }
}

/** `file_path` as a path, or the 400 saying which rule it breaks. */
function checkedPath(given: string): string {
  try {
    return clientPath(given, 'file_path');
  } catch (error) {
    if (error instanceof PathError) throw badRequest(error.message);
    throw error;
  }
}
