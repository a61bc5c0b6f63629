import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Workspace } from '../../../contract/workspaces';
import { orgHeader } from '../../auth/workspace-access';
import type { Queryable } from '../../db/index';
import { ERROR_CODES } from '../../../contract/errors';
import { ApiError } from '../../errors';
import { runQuery } from '../../sql/executor';
import {
  HUB_PATH_FORM,
  HubPathError,
  locateHubPaths,
  spliceHubPaths,
  workspaceTable,
  type HubPathRef,
  type HubRewrite,
} from '../../sql/hub-paths';
import type { RunOptions, WorkspaceSandbox } from '../../sql/sandbox';
import { sqlApiError } from '../../sql/sql-api-error';
import { clientGone } from '../client-gone';
import type { ZodTypeProvider } from '../zod-provider';
import { queryV1AnswerJson, refuseDuplicateColumns } from './answer';
import { resolveHubPaths } from './resolve';

/**
 * Deeplake's query API, `POST /api/query/v1 {query, as_list}` (the REST API's
 * `app.activeloop.ai/api/query/v1`): a query whose tables are hub paths, run in the workspace
 * they name through the query endpoint's engine (server/sql/executor.ts) — the same statement
 * guard, sandbox, caps, fair share and roles — and answered as Deeplake answers it. Errors keep
 * the API's envelope and repeat its message as a top-level `message`, where Deeplake's clients
 * read it.
 */

export interface QueryV1RoutesOptions {
  db: Queryable;
  sandbox: WorkspaceSandbox;
  /** The query endpoint's body limit: queries carry their embeddings inline. */
  sqlBodyLimitBytes: number;
}

export const queryV1RequestSchema = z.object({
  query: z
    .string({ error: `must be a string, the query; ${HUB_PATH_FORM}` })
    .min(1, 'the query is empty'),
  as_list: z
    .boolean({ error: 'must be true (a list of rows, the default) or false (a list per column)' })
    .nullish()
    .transform((value) => value ?? true),
});

/** The API's error envelope with its message also at the top, as Deeplake's clients read it. */
async function withTopLevelMessage(
  _request: FastifyRequest,
  reply: FastifyReply,
  payload: unknown,
) {
  if (reply.statusCode < 400 || typeof payload !== 'string') return payload;
  try {
    const body = JSON.parse(payload) as { error?: { message?: unknown } };
    const message = body.error?.message;
    return typeof message === 'string' ? JSON.stringify({ ...body, message }) : payload;
  } catch {
    return payload;
  }
}

/** Errors about the caller's query, with positions in the caller's own text. */
function inCallersText(error: unknown, rewrite: HubRewrite): unknown {
  if (!(error instanceof ApiError) || typeof error.extra.position !== 'number') return error;
  const position = rewrite.originalPosition(error.extra.position);
  return new ApiError(
    error.status,
    error.code,
    error.message,
    { ...error.extra, position },
    error.headers,
  );
}

/**
 * The sandbox, refusing before the statement runs a result whose column names repeat (both
 * answer shapes key values by name), so nothing is written or read for an answer that cannot be
 * given.
 */
function refusingDuplicateColumns(sandbox: WorkspaceSandbox, text: string): WorkspaceSandbox {
  return {
    ...sandbox,
    run: (workspaceId, options, work) =>
      sandbox.run(workspaceId, options, async (session) => {
        const { columns } = await session.describe(text);
        refuseDuplicateColumns((columns ?? []).map((column) => column.name));
        return work(session);
      }),
  };
}

const HAS_TABLE = `SELECT EXISTS (
  SELECT 1 FROM pg_catalog.pg_class c
    JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
   WHERE n.nspname = $1 AND c.relname = $2 AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
) AS found`;

export async function queryV1Routes(
  instance: FastifyInstance,
  { db, sandbox, sqlBodyLimitBytes }: QueryV1RoutesOptions,
) {
  const app = instance.withTypeProvider<ZodTypeProvider>();
  app.addHook('onSend', withTopLevelMessage);

  app.post(
    '/query/v1',
    { bodyLimit: sqlBodyLimitBytes, schema: { body: queryV1RequestSchema } },
    async (request, reply) => {
      const { query, as_list: asList } = request.body;
      const signal = clientGone(reply);
      const runOptions = (workspace: Workspace): RunOptions => ({
        tenant: { orgId: workspace.org_id, userId: request.user.id },
        signal,
      });

      let refs: HubPathRef[];
      try {
        refs = locateHubPaths(query);
      } catch (error) {
        if (error instanceof HubPathError) {
          throw new ApiError(400, ERROR_CODES.badRequest, error.message, {
            ...(error.position !== undefined ? { position: error.position } : {}),
          });
        }
        throw sqlApiError(error);
      }
      const { workspace, role } = await resolveHubPaths(db, refs, {
        userId: request.user.id,
        orgHeader: orgHeader(request),
        hasTable: (candidate, table) =>
          sandbox
            .run(candidate.id, runOptions(candidate), (session) =>
              session.query<{ found: boolean }>(HAS_TABLE, [candidate.id, table]),
            )
            .then(
              ([row]) => row?.found === true,
              (error: unknown) => {
                throw sqlApiError(error);
              },
            ),
      });
      const rewrite = spliceHubPaths(query, refs, (ref) =>
        workspaceTable(workspace.id, ref.path.table),
      );
      const answer = await runQuery(
        refusingDuplicateColumns(sandbox, rewrite.text),
        workspace.id,
        { query: rewrite.text },
        runOptions(workspace),
        { role },
      ).catch((error: unknown) => {
        throw inCallersText(error, rewrite);
      });
      reply.type('application/json; charset=utf-8');
      return Readable.from(queryV1AnswerJson(answer, asList));
    },
  );
}
