import { Readable } from 'node:stream';
import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { identifierProblem } from '../../../contract/identifier';
import { queryRequestSchema } from '../../../contract/tables';
import { writersOnly } from '../../auth/workspace-access';
import { quoteIdent } from '../../db/index';
import type { SqlSession } from '../../db/workspace-sessions';
import { badRequest, notFound } from '../../errors';
import { queryAnswerJson, runBatch, runQuery } from '../../sql/executor';
import { sqlApiError } from '../../sql/sql-api-error';
import { ImportFormatError } from '../../sql/import/errors';
import { loadFile, spoolFile, type SpooledFile } from '../../sql/import/load';
import { releaseSpool, removeLeftoverSpools } from '../../sql/import/spool';
import type { RunOptions, WorkspaceSandbox } from '../../sql/sandbox';
import { createTableStatement, TableSchemaError } from '../../sql/table-schema';
import { clientGone } from '../client-gone';
import { tablePath } from '../params';
import { refuse, type ZodTypeProvider } from '../zod-provider';
import { columnProfileRoute } from './column-profile-route';
import { describeTable, dropTable, listTables } from './repository';
import { runTransaction, transactionSchema } from './transaction';

export interface TableRoutesOptions {
  sandbox: WorkspaceSandbox;
  /** Query and batch bodies may be far bigger than the API's other JSON. */
  sqlBodyLimitBytes: number;
  /** Largest file a table can be created from. */
  uploadLimitBytes: number;
  /** Where uploads are spooled while they are read. */
  spoolDir: string;
}

/**
 * The query body, plus the bundled server's `rollback: true`: the statement runs in a transaction
 * that is always rolled back, so the console's "Explain analyze" can run a write to measure it
 * and keep nothing (the guard refuses BEGIN/ROLLBACK in the statement itself).
 */
const queryBodySchema = queryRequestSchema.extend({ rollback: z.boolean().optional() });

/** Creating a table from a big file takes longer than a query may. */
const IMPORT_DEADLINE_MS = 15 * 60 * 1000;

/** A batch: one statement, run once per parameter array; the first problem is the answer. */
const batchSchema = z.unknown().transform((body, ctx) => {
  if (typeof body !== 'object' || body === null) {
    return refuse(ctx, 'request body is required (JSON)');
  }
  const { query, params_batch: rows } = body as Record<string, unknown>;
  if (typeof query !== 'string' || query.trim() === '') {
    return refuse(ctx, 'query: the SQL statement is required');
  }
  if (!Array.isArray(rows))
    return refuse(ctx, 'params_batch: must be an array of parameter arrays');
  const bad = rows.findIndex((row) => !Array.isArray(row));
  if (bad !== -1) return refuse(ctx, `params_batch[${bad}]: must be an array of parameters`);
  return { query, params_batch: rows as unknown[][] };
});

/** The CREATE TABLE of a JSON table creation; what is wrong with the body as a 400. */
function tableFromSchema(workspace: string, body: unknown) {
  try {
    return createTableStatement(workspace, body);
  } catch (error) {
    if (error instanceof TableSchemaError) throw badRequest(error.message);
    throw error;
  }
}

/** What the routes need of a request's workspace. */
type WorkspaceOfRequest = { id: string; org_id: string };

/**
 * A workspace's tables. Each route finds its workspace, and the caller's role, in
 * `request.workspaceAccess` (server/auth/workspace-access.ts).
 */
export async function tableRoutes(
  instance: FastifyInstance,
  { sandbox, sqlBodyLimitBytes, uploadLimitBytes, spoolDir }: TableRoutesOptions,
) {
  const app = instance.withTypeProvider<ZodTypeProvider>();
  await app.register(fastifyMultipart, {
    limits: { fileSize: uploadLimitBytes, files: 1, fields: 10, fieldSize: 64 * 1024 },
  });
  // What imports of a server that was killed left behind; this app's own have not begun.
  await removeLeftoverSpools(spoolDir, app.log);

  /** A statement's options: whose share of the sessions it takes, and when it stops. */
  const runOptions = (workspace: WorkspaceOfRequest, reply: FastifyReply): RunOptions => ({
    tenant: { orgId: workspace.org_id, userId: reply.request.user.id },
    signal: clientGone(reply),
  });

  /** Work in the workspace's sandbox for this request, its errors as the API reports them. */
  const inWorkspace = <T>(
    workspace: WorkspaceOfRequest,
    reply: FastifyReply,
    work: (session: SqlSession) => Promise<T>,
    options: Pick<RunOptions, 'deadlineMs' | 'grows'> = {},
  ) =>
    sandbox
      .run(workspace.id, { ...runOptions(workspace, reply), ...options }, work)
      .catch((error: unknown) => {
        throw sqlApiError(error);
      });

  app.post(
    '/workspaces/:ws/tables/query',
    { bodyLimit: sqlBodyLimitBytes, schema: { body: queryBodySchema } },
    async (request, reply) => {
      const { workspace, role } = request.workspaceAccess;
      const answer = await runQuery(
        sandbox,
        workspace.id,
        request.body,
        runOptions(workspace, reply),
        { role },
      );
      reply.type('application/json; charset=utf-8');
      return Readable.from(queryAnswerJson(answer));
    },
  );

  app.post(
    '/workspaces/:ws/tables/query/batch',
    { bodyLimit: sqlBodyLimitBytes, schema: { body: batchSchema } },
    async (request, reply) => {
      const { workspace, role } = request.workspaceAccess;
      return runBatch(sandbox, workspace.id, request.body, runOptions(workspace, reply), {
        role,
      });
    },
  );

  // The table browser's staged edits: different statements, all or none. Writers only: every
  // statement here is meant to change rows, so a viewer is refused before any is parsed.
  app.post(
    '/workspaces/:ws/tables/query/transaction',
    {
      bodyLimit: sqlBodyLimitBytes,
      config: writersOnly('change rows'),
      schema: { body: transactionSchema },
    },
    async (request, reply) => {
      const { workspace } = request.workspaceAccess;
      return runTransaction(sandbox, workspace.id, request.body, runOptions(workspace, reply));
    },
  );

  app.get('/workspaces/:ws/tables', async (request, reply) => {
    const { workspace } = request.workspaceAccess;
    const tables = await inWorkspace(workspace, reply, (session) =>
      listTables(session, workspace.id),
    );
    return { tables };
  });

  // No body schema: the body is JSON or a multipart upload streamed below.
  app.post(
    '/workspaces/:ws/tables',
    { config: writersOnly('create or import tables') },
    async (request, reply) => {
      const { workspace } = request.workspaceAccess;
      if (!request.isMultipart()) {
        if (!request.body) {
          throw badRequest(
            'Send multipart/form-data with the fields file and table_name, or JSON {"table_name", "table_schema"}',
          );
        }
        // JSON: an empty table from a schema, as Deeplake's ingestion reference creates one.
        const { table, sql } = tableFromSchema(workspace.id, request.body);
        const details = await inWorkspace(
          workspace,
          reply,
          async (session) => {
            await session.query(sql);
            return describeTable(session, workspace.id, table);
          },
          { grows: 'atomic' },
        );
        reply.code(201);
        return details;
      }
      const fields: Record<string, string> = {};
      let spooled: SpooledFile | null = null;
      try {
        for await (const part of request.parts()) {
          if (part.type === 'field') {
            fields[part.fieldname] = String(part.value);
            continue;
          }
          if (part.fieldname !== 'file' || spooled) {
            part.file.resume();
            continue;
          }
          spooled = await spoolFile(part.file, {
            dir: spoolDir,
            filename: part.filename,
          }).catch((error: unknown) => {
            if (error instanceof ImportFormatError) {
              throw badRequest(`The file could not be read: ${error.message}`);
            }
            throw error;
          });
        }
        const table = fields.table_name?.trim() ?? '';
        const problem = table === '' ? 'is required' : identifierProblem(table);
        if (problem) throw badRequest(`table_name "${table}" ${problem}`);
        if (!spooled)
          throw badRequest('file: attach the CSV or JSON file to create the table from');
        const file = spooled;
        const details = await inWorkspace(
          workspace,
          reply,
          async (session) => {
            await loadFile(session, { schema: workspace.id, table, file });
            await session.query(`ANALYZE ${quoteIdent(workspace.id)}.${quoteIdent(table)}`);
            return describeTable(session, workspace.id, table);
          },
          { deadlineMs: IMPORT_DEADLINE_MS, grows: 'atomic' },
        );
        reply.code(201);
        return details;
      } finally {
        if (spooled) await releaseSpool(spooled.path);
      }
    },
  );

  app.get(
    '/workspaces/:ws/tables/:table',
    { schema: { params: tablePath } },
    async (request, reply) => {
      const { workspace } = request.workspaceAccess;
      const { table } = request.params;
      const details = await inWorkspace(workspace, reply, (session) =>
        describeTable(session, workspace.id, table),
      );
      if (!details) throw notFound(`No table "${table}" in workspace "${workspace.id}"`);
      return details;
    },
  );

  columnProfileRoute(app, inWorkspace);

  app.delete(
    '/workspaces/:ws/tables/:table',
    { config: writersOnly('drop tables'), schema: { params: tablePath } },
    async (request, reply) => {
      const { workspace } = request.workspaceAccess;
      const { table } = request.params;
      const dropped = await inWorkspace(workspace, reply, (session) =>
        dropTable(session, workspace.id, table),
      );
      if (!dropped) throw notFound(`No table "${table}" in workspace "${workspace.id}"`);
      reply.code(204);
    },
  );
}
