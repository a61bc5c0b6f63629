import { Readable } from 'node:stream';
import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { identifierProblem } from '../../../contract/identifier';
import { queryRequestSchema } from '../../../contract/tables';
import { quoteIdent, type Db } from '../../db/index';
import type { SqlSession } from '../../db/workspace-sessions';
import { badRequest, notFound, parseWith } from '../../errors';
import { queryAnswerJson, runBatch, runQuery } from '../../sql/executor';
import { sqlApiError } from '../../sql/sql-api-error';
import { ImportFormatError } from '../../sql/import/errors';
import { loadFile, spoolFile, type SpooledFile } from '../../sql/import/load';
import { releaseSpool, removeLeftoverSpools } from '../../sql/import/spool';
import type { RunOptions, WorkspaceSandbox } from '../../sql/sandbox';
import { createTableStatement, TableSchemaError } from '../../sql/table-schema';
import { tableNameParam, workspaceIdParam } from '../params';
import { accessibleWorkspace, writableWorkspace } from '../workspaces/routes';
import { describeTable, dropTable, listTables } from './repository';

export interface TableRoutesOptions {
  db: Db;
  sandbox: WorkspaceSandbox;
  /** Query and batch bodies may be far bigger than the API's other JSON. */
  sqlBodyLimitBytes: number;
  /** Largest file a table can be created from. */
  uploadLimitBytes: number;
  /** Where uploads are spooled while they are read. */
  spoolDir: string;
}

/** Creating a table from a big file takes longer than a query may. */
const IMPORT_DEADLINE_MS = 15 * 60 * 1000;

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

export async function tableRoutes(
  app: FastifyInstance,
  { db, sandbox, sqlBodyLimitBytes, uploadLimitBytes, spoolDir }: TableRoutesOptions,
) {
  await app.register(fastifyMultipart, {
    limits: { fileSize: uploadLimitBytes, files: 1, fields: 10, fieldSize: 64 * 1024 },
  });
  // What imports of a server that was killed left behind; this app's own have not begun.
  await removeLeftoverSpools(spoolDir, app.log);

  /** The request's workspace, and the caller's role in its organization. */
  const accessOf = (request: FastifyRequest) =>
    accessibleWorkspace(db, request, workspaceIdParam(request.params));
  const workspaceOf = async (request: FastifyRequest) => (await accessOf(request)).workspace;
  const writableWorkspaceOf = (request: FastifyRequest, action: string) =>
    writableWorkspace(db, request, workspaceIdParam(request.params), action);
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
    { bodyLimit: sqlBodyLimitBytes },
    async (request, reply) => {
      const { workspace, role } = await accessOf(request);
      const body = parseWith(queryRequestSchema, request.body);
      const answer = await runQuery(sandbox, workspace.id, body, runOptions(workspace, reply), {
        role,
      });
      reply.type('application/json; charset=utf-8');
      return Readable.from(queryAnswerJson(answer));
    },
  );

  app.post(
    '/workspaces/:ws/tables/query/batch',
    { bodyLimit: sqlBodyLimitBytes },
    async (request, reply) => {
      const { workspace, role } = await accessOf(request);
      return runBatch(
        sandbox,
        workspace.id,
        batchBody(request.body),
        runOptions(workspace, reply),
        { role },
      );
    },
  );

  app.get('/workspaces/:ws/tables', async (request, reply) => {
    const workspace = await workspaceOf(request);
    const tables = await inWorkspace(workspace, reply, (session) =>
      listTables(session, workspace.id),
    );
    return { tables };
  });

  app.post('/workspaces/:ws/tables', async (request, reply) => {
    const workspace = await writableWorkspaceOf(request, 'create or import tables');
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
      if (!spooled) throw badRequest('file: attach the CSV or JSON file to create the table from');
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
  });

  app.get('/workspaces/:ws/tables/:table', async (request, reply) => {
    const workspace = await workspaceOf(request);
    const table = tableNameParam(request.params);
    const details = await inWorkspace(workspace, reply, (session) =>
      describeTable(session, workspace.id, table),
    );
    if (!details) throw notFound(`No table "${table}" in workspace "${workspace.id}"`);
    return details;
  });

  app.delete('/workspaces/:ws/tables/:table', async (request, reply) => {
    const workspace = await writableWorkspaceOf(request, 'drop tables');
    const table = tableNameParam(request.params);
    const dropped = await inWorkspace(workspace, reply, (session) =>
      dropTable(session, workspace.id, table),
    );
    if (!dropped) throw notFound(`No table "${table}" in workspace "${workspace.id}"`);
    reply.code(204);
  });
}
