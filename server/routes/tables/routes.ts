import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { queryRequestSchema } from '../../../contract/tables';
import type { Db } from '../../db/index';
import { badRequest, notFound, parseWith } from '../../errors';
import { runBatch, runQuery, sqlApiError } from '../../sql/executor';
import type { WorkspaceSandbox } from '../../sql/sandbox';
import { tableNameParam, workspaceIdParam } from '../params';
import { accessibleWorkspace } from '../workspaces/routes';
import { describeTable, dropTable, listTables } from './repository';

export interface TableRoutesOptions {
  db: Db;
  sandbox: WorkspaceSandbox;
  /** Query and batch bodies may be far bigger than the API's other JSON. */
  sqlBodyLimitBytes: number;
}

/** Aborted when the client goes away before its answer is sent: the statement is cancelled. */
function clientGone(reply: FastifyReply): AbortSignal {
  const controller = new AbortController();
  reply.raw.once('close', () => {
    if (!reply.raw.writableFinished) controller.abort();
  });
  return controller.signal;
}

function batchBody(body: unknown): { query: string; params_batch: unknown[][] } {
  if (typeof body !== 'object' || body === null)
    throw badRequest('request body is required (JSON)');
  const { query, params_batch: rows } = body as Record<string, unknown>;
  if (typeof query !== 'string' || query.trim() === '') {
    throw badRequest('query: the SQL statement is required');
  }
  if (!Array.isArray(rows)) throw badRequest('params_batch: must be an array of parameter arrays');
  const bad = rows.findIndex((row) => !Array.isArray(row));
  if (bad !== -1) throw badRequest(`params_batch[${bad}]: must be an array of parameters`);
  return { query, params_batch: rows as unknown[][] };
}

export async function tableRoutes(
  app: FastifyInstance,
  { db, sandbox, sqlBodyLimitBytes }: TableRoutesOptions,
) {
  const workspaceOf = async (request: FastifyRequest) =>
    (await accessibleWorkspace(db, request, workspaceIdParam(request.params))).workspace;

  app.post(
    '/workspaces/:ws/tables/query',
    { bodyLimit: sqlBodyLimitBytes },
    async (request, reply) => {
      const workspace = await workspaceOf(request);
      const body = parseWith(queryRequestSchema, request.body);
      return runQuery(sandbox, workspace.id, body, { signal: clientGone(reply) });
    },
  );

  app.post(
    '/workspaces/:ws/tables/query/batch',
    { bodyLimit: sqlBodyLimitBytes },
    async (request, reply) => {
      const workspace = await workspaceOf(request);
      return runBatch(sandbox, workspace.id, batchBody(request.body), {
        signal: clientGone(reply),
      });
    },
  );

  app.get('/workspaces/:ws/tables', async (request, reply) => {
    const workspace = await workspaceOf(request);
    const tables = await sandbox
      .run(workspace.id, { signal: clientGone(reply) }, (session) =>
        listTables(session, workspace.id),
      )
      .catch((error: unknown) => {
        throw sqlApiError(error);
      });
    return { tables };
  });

  app.get('/workspaces/:ws/tables/:table', async (request, reply) => {
    const workspace = await workspaceOf(request);
    const table = tableNameParam(request.params);
    const details = await sandbox
      .run(workspace.id, { signal: clientGone(reply) }, (session) =>
        describeTable(session, workspace.id, table),
      )
      .catch((error: unknown) => {
        throw sqlApiError(error);
      });
    if (!details) throw notFound(`No table "${table}" in workspace "${workspace.id}"`);
    return details;
  });

  app.delete('/workspaces/:ws/tables/:table', async (request, reply) => {
    const workspace = await workspaceOf(request);
    const table = tableNameParam(request.params);
    const dropped = await sandbox
      .run(workspace.id, { signal: clientGone(reply) }, (session) =>
        dropTable(session, workspace.id, table),
      )
      .catch((error: unknown) => {
        throw sqlApiError(error);
      });
    if (!dropped) throw notFound(`No table "${table}" in workspace "${workspace.id}"`);
    reply.code(204);
  });
}
