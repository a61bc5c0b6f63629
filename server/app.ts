import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import Fastify, {
  LogController,
  type FastifyBaseLogger,
  type FastifyError,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
} from 'fastify';
import { ERROR_CODES } from '../contract/errors';
import { requireSignIn, type AuthToken } from './auth/authenticate';
import { registerOrganizationAccess } from './auth/organization-access';
import { registerWorkspaceAccess } from './auth/workspace-access';
import type { User } from './auth/users-repository';
import { DatabaseUnavailableError, type Db } from './db/index';
import { ApiError, badRequest, notFound } from './errors';
import { FileStore } from './files/store';
import type { Logger } from './logger';
import { registerProxy } from './proxy';
import { existingFileIds } from './routes/files/repository';
import { folderRoutes } from './routes/files/folders';
import { fileRoutes } from './routes/files/routes';
import { Thumbnails } from './files/thumbnails';
import { healthRoutes } from './routes/health/routes';
import { deviceApprovalRoutes, deviceRoutes } from './routes/device/routes';
import { ENGINE_PREFIX, engineRoutes, isEnginePath } from './routes/engine/routes';
import { checkBodies, nulInUrl } from './routes/input';
import { meRoutes } from './routes/me/routes';
import { memberRoutes } from './routes/members/routes';
import { organizationRoutes } from './routes/organizations/routes';
import { queryV1Routes } from './routes/query-v1/routes';
import { tableRoutes } from './routes/tables/routes';
import { inviteRoutes } from './routes/tokens/invite-routes';
import { tokenRoutes } from './routes/tokens/routes';
import { DEFAULT_TENANT_LIMITS, type TenantLimits } from './routes/tenant-limits';
import { workspaceRoutes } from './routes/workspaces/routes';
import { useZodSchemas } from './routes/zod-provider';
import { loadGuard } from './sql/guard';
import {
  createWorkspaceSandbox,
  DEFAULT_SQL_LIMITS,
  type SqlLimits,
  type WorkspaceSandbox,
} from './sql/sandbox';
import { keepSettling } from './sql/two-phase';

declare module 'fastify' {
  interface FastifyRequest {
    /** The caller, set by the auth hook on every route but /health and /ready. */
    user: User;
    /** The token the caller sent, set with `user`. */
    token: AuthToken;
  }
}

export const API_PREFIX = '/api';

export type AppOptions = {
  logger: Logger;
  bodyLimitBytes?: number;
  /** Built SPA to serve beside the API; left out in API-only tests. */
  staticDir?: string;
  /** Deadline and caps of workspaces' SQL; defaults in DEFAULT_SQL_LIMITS. */
  sqlLimits?: Partial<SqlLimits>;
  /** Body limit of the query and batch endpoints. */
  sqlBodyLimitBytes?: number;
  /** Largest file a table can be created from (default 1 GiB). */
  uploadLimitBytes?: number;
  /** Where uploads are spooled while they are read (default: the system's temp directory). */
  spoolDir?: string;
  /**
   * The file store's folder. Left out (tests, benchmarks), each app gets a temporary one that
   * is removed when it closes.
   */
  filesDir?: string;
  /** Largest file a workspace can store (default 5 GiB). */
  fileUploadLimitBytes?: number;
  /** What one person or organization may create; defaults in DEFAULT_TENANT_LIMITS. */
  tenantLimits?: Partial<TenantLimits>;
  /**
   * Brings the workspace databases' template and migrations up to date and drops what deleted
   * workspaces left, before serving (the server's start). Otherwise on first use (tests).
   */
  prepareWorkspaceDatabases?: boolean;
} & ({ db: Db; proxyTarget?: undefined } | { db?: undefined; proxyTarget: string });

/** Builds the HTTP app without listening, so tests can drive it with `inject`. */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app: FastifyInstance = Fastify({
    loggerInstance: options.logger as FastifyBaseLogger,
    bodyLimit: options.bodyLimitBytes ?? 1024 * 1024,
    // Uploads of later features stream for minutes; request time is bounded per route instead.
    requestTimeout: 0,
    // Behind a TLS-terminating proxy, invite links must use the address people reach.
    trustProxy: true,
    // Per-request lines would drown the sign-in link and cost throughput; errors are still logged.
    logController: new LogController({ disableRequestLogging: true }),
    // A URL the router cannot decode is answered like any other error, not in Fastify's format.
    frameworkErrors: (error, request, reply) => sendError(error, request, reply),
  });

  const sendError = (error: unknown, request: FastifyRequest, reply: FastifyReply) => {
    const bodyLimit = request.routeOptions.bodyLimit ?? options.bodyLimitBytes ?? 1024 * 1024;
    const apiError = toApiError(error as FastifyError, bodyLimit);
    if (apiError.status >= 500 && !(error instanceof DatabaseUnavailableError)) {
      request.log.error({ err: error, url: request.url, method: request.method }, 'request failed');
    }
    return reply.code(apiError.status).headers(apiError.headers).send(apiError.toEnvelope());
  };
  app.setErrorHandler(sendError);

  // Checked once for every route, the SPA's and the proxy's too: no id, name or file name has
  // one, PostgreSQL refuses it in text, and a path with one makes fs throw.
  app.addHook('onRequest', async (request) => {
    if (nulInUrl(request.url)) throw badRequest('The URL contains a NUL character (%00)');
  });
  app.setNotFoundHandler((request, reply) =>
    sendError(notFound(`Nothing at ${request.method} ${request.url}`), request, reply),
  );

  const fileUploadLimitBytes = options.fileUploadLimitBytes ?? 5 * 1024 ** 3;
  /** The file store and SQL sandbox the API opens, which the engine's File API shares. */
  let files: Awaited<ReturnType<typeof openFiles>> | undefined;
  let sandboxOpened: WorkspaceSandbox | undefined;
  await app.register(
    async (api) => {
      if (options.proxyTarget !== undefined) {
        await registerProxy(api, options.proxyTarget);
        return;
      }
      const db = options.db;
      checkBodies(api);
      // Routes declare what they take as zod schemas, checked before their handlers run.
      useZodSchemas(api);
      await loadGuard();
      const sandbox = createWorkspaceSandbox({
        db,
        logger: options.logger,
        limits: { ...DEFAULT_SQL_LIMITS, ...options.sqlLimits },
      });
      sandboxOpened = sandbox;
      if (options.prepareWorkspaceDatabases) await sandbox.prepareAll();
      // Changes to a file and table rows that a crash left half done (server/sql/two-phase.ts).
      const stopSettling = keepSettling({ db, sandbox, logger: options.logger });
      api.addHook('onClose', async () => {
        await stopSettling();
        await sandbox.close();
      });
      const opened = await openFiles(db, options);
      files = opened;
      api.addHook('onClose', () => opened.close());
      await api.register(healthRoutes, { db });
      // Without a token: a command-line client's device sign-in, and an invite link's exchange.
      await api.register(deviceRoutes, { db });
      await api.register(inviteRoutes, { db });
      await api.register(async (authed) => {
        requireSignIn(authed, { db, logger: options.logger });
        // Before the routes: who may use an organization's or a workspace's routes is
        // settled for each before anything it sends is validated.
        registerOrganizationAccess(authed, { db });
        registerWorkspaceAccess(authed, { db });
        await authed.register(meRoutes, { db });
        const limits = { ...DEFAULT_TENANT_LIMITS, ...options.tenantLimits };
        await authed.register(organizationRoutes, { db, sandbox, files: opened.store, limits });
        await authed.register(memberRoutes, { db });
        await authed.register(tokenRoutes, { db });
        await authed.register(deviceApprovalRoutes, { db });
        await authed.register(workspaceRoutes, { db, sandbox, files: opened.store, limits });
        await authed.register(tableRoutes, {
          sandbox,
          sqlBodyLimitBytes: options.sqlBodyLimitBytes ?? 64 * 1024 * 1024,
          uploadLimitBytes: options.uploadLimitBytes ?? 1024 * 1024 * 1024,
          spoolDir: options.spoolDir ?? path.join(os.tmpdir(), 'deeplake-console'),
        });
        await authed.register(queryV1Routes, {
          db,
          sandbox,
          sqlBodyLimitBytes: options.sqlBodyLimitBytes ?? 64 * 1024 * 1024,
        });
        await authed.register(fileRoutes, {
          db,
          sandbox,
          logger: options.logger,
          store: opened.store,
          thumbnails: opened.thumbnails,
          uploadLimitBytes: fileUploadLimitBytes,
        });
        await authed.register(folderRoutes, { db });
      });
      api.setNotFoundHandler(apiNotFound);
    },
    { prefix: API_PREFIX },
  );

  // The older File API (seed 003), outside /api, on the API's database and file store.
  if (options.db !== undefined && files !== undefined && sandboxOpened !== undefined) {
    await app.register(engineRoutes, {
      prefix: ENGINE_PREFIX,
      db: options.db,
      sandbox: sandboxOpened,
      logger: options.logger,
      store: files.store,
      thumbnails: files.thumbnails,
      uploadLimitBytes: fileUploadLimitBytes,
    });
  }

  if (options.staticDir && fs.existsSync(path.join(options.staticDir, 'index.html'))) {
    await serveSpa(app, options.staticDir);
  }
  return app;
}

/**
 * The file store, cleared of what crashed uploads left. Bytes without a row (a crash between
 * an upload's rename and its insert) are swept in the background, as that reads the whole store.
 */
async function openFiles(db: Db, options: AppOptions) {
  const ownDir =
    options.filesDir === undefined
      ? await fs.promises.mkdtemp(path.join(os.tmpdir(), 'deeplake-console-files-'))
      : null;
  const store = await FileStore.open(options.filesDir ?? ownDir!, options.logger);
  const sweeping = store
    .sweep((workspaceId, ids) => existingFileIds(db, workspaceId, ids))
    .catch((error: unknown) =>
      options.logger.warn({ err: error }, 'could not sweep the file store for orphaned files'),
    );
  const thumbnails = new Thumbnails(store, options.logger);
  return {
    store,
    thumbnails,
    async close() {
      await sweeping;
      await thumbnails.close();
      await store.close();
      if (ownDir) await fs.promises.rm(ownDir, { recursive: true, force: true });
    },
  };
}

function toApiError(error: FastifyError, bodyLimitBytes: number): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof DatabaseUnavailableError) {
    return new ApiError(
      503,
      ERROR_CODES.notReady,
      'The database is not reachable: try again shortly',
    );
  }
  switch (error.code) {
    case 'FST_REQ_FILE_TOO_LARGE':
      return new ApiError(413, ERROR_CODES.tooLarge, 'The file is larger than the upload limit');
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new ApiError(
        413,
        ERROR_CODES.tooLarge,
        `The request body is larger than ${bodyLimitBytes} bytes`,
      );
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new ApiError(400, ERROR_CODES.badRequest, 'Send the request body as application/json');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new ApiError(
        400,
        ERROR_CODES.badRequest,
        'The request body is empty but Content-Type is application/json',
      );
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new ApiError(400, ERROR_CODES.badRequest, 'The request body is not valid JSON');
    case 'FST_ERR_BAD_URL':
      return badRequest('The URL is malformed: a %-escape in its path is not UTF-8');
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return new ApiError(414, ERROR_CODES.badRequest, 'A part of the URL path is too long');
    case 'FST_FILES_LIMIT':
      return badRequest('Send one file per request, in the field "file"');
    case 'FST_FIELDS_LIMIT':
    case 'FST_PARTS_LIMIT':
      return badRequest('The form has more fields than the endpoint takes');
  }
  // What the proxy's URL decoding throws for a query string that is not UTF-8.
  if (error instanceof URIError) {
    return badRequest('The URL is malformed: a %-escape in it is not UTF-8');
  }
  // busboy, should a Content-Type get past the boundary check (routes/input.ts) all the same.
  if (/^Multipart: Boundary not found|needle cannot have a length/.test(error.message)) {
    return badRequest('The multipart boundary is missing or too long');
  }
  if (error instanceof SyntaxError || (error.statusCode === 400 && /JSON/i.test(error.message))) {
    return new ApiError(
      400,
      ERROR_CODES.badRequest,
      `The request body is not valid JSON: ${error.message}`,
    );
  }
  if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
    return new ApiError(error.statusCode, ERROR_CODES.badRequest, error.message);
  }
  return new ApiError(
    500,
    ERROR_CODES.internal,
    'Something went wrong on the server; the details are in its log',
  );
}

/** An API (or engine) path no route takes: the SPA's catch-all must not answer it with the page. */
function apiNotFound(request: FastifyRequest, reply: FastifyReply) {
  return reply.code(404).send({
    error: {
      code: ERROR_CODES.notFound,
      message: `No API endpoint ${request.method} ${request.url}`,
    },
  });
}

const isApiPath = (url: string) =>
  url === API_PREFIX || url.startsWith(`${API_PREFIX}/`) || url.startsWith(`${API_PREFIX}?`);

/**
 * The console's pages run only its own scripts: no inline script, no eval, nothing from another
 * origin, so text shown from tables and files can never become code. Styles may be inline (React
 * style props, the editor's and the toasts' style elements). Requests may go to any API: its
 * base URL is a setting. Images come as data URLs (thumbnails) and blobs; media, PDFs and the
 * SQL editor's and thumbnails' workers come from this origin or blobs.
 */
const SPA_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob:",
  "font-src 'self' data:",
  "connect-src 'self' http: https:",
  "worker-src 'self' blob:",
  "frame-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Serves the built SPA beside the API. */
async function serveSpa(app: FastifyInstance, root: string) {
  await app.register(fastifyStatic, {
    root,
    wildcard: false,
    index: false,
    // Ours, set below: send's own Cache-Control would be written over them.
    cacheControl: false,
    setHeaders: (res, filePath) => {
      // Vite fingerprints everything under assets/, so those can be cached for good.
      const immutable = filePath.includes(`${path.sep}assets${path.sep}`);
      res.setHeader(
        'cache-control',
        immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      );
      if (filePath.endsWith('.html')) res.setHeader('content-security-policy', SPA_CSP);
    },
  });
  // Any non-API path that is not a file gets index.html (client routing).
  app.get('/*', (request, reply) => {
    if (isApiPath(request.url) || isEnginePath(request.url)) return apiNotFound(request, reply);
    let relative: string;
    try {
      relative = decodeURIComponent((request.params as { '*': string })['*']);
    } catch {
      throw badRequest('The URL is malformed: a %-escape in its path is not UTF-8');
    }
    const file = path.join(root, relative);
    if (
      relative !== '' &&
      file.startsWith(root + path.sep) &&
      fs.statSync(file, { throwIfNoEntry: false })?.isFile()
    ) {
      return reply.sendFile(relative);
    }
    if (path.extname(relative) !== '' && !relative.endsWith('.html')) {
      return reply.code(404).type('text/plain').send('Not found');
    }
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  });
}
