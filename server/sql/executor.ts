import { performance } from 'node:perf_hooks';
import type { BatchResult, QueryResult } from '../../contract/tables';
import { Readable } from 'node:stream';
import { isPostgresError, quoteIdent } from '../db/index';
import {
  BatchRowError,
  MessageTooLargeError,
  type ResultColumn,
  type SqlSession,
  type WireValue,
} from '../db/workspace-sessions';
import { ApiError, badRequest } from '../errors';
import { ERROR_CODES } from '../../contract/errors';
import {
  checkStatement,
  insertValuesAsCopy,
  insertValuesAsSet,
  type CheckedStatement,
} from './guard';
import {
  beginReadOnly,
  readOnlyRefusal,
  refuseBatch,
  refuseWritingStatement,
  runsReadOnly,
  type SqlCaller,
} from './read-only';
import type { RunOptions, WorkspaceSandbox } from './sandbox';
import { sqlApiError } from './sql-api-error';
import { encodingTypes } from './param-types';
import { statementGrowth } from './statement-growth';
import { copyTextField } from './import/copy-text';
import { PG_TYPE } from './pg-type-oids';
import { decoderFor } from './value-decoders';
import { encoderFor } from './value-encoders';

/**
 * The query and batch endpoints' engine: guard the statement, bind the params by the types
 * Postgres infers for them, run it in the workspace's sandbox, and turn the text rows into JSON.
 */

const TYPE_NAMES = new Map<number, string>(
  Object.entries(PG_TYPE).map(([name, oid]) => [oid as number, name]),
);

const ROWS_TOUCHED = new Set(['INSERT', 'UPDATE', 'DELETE', 'MERGE']);

/** Without a described type, JSON values bind as their text; Postgres parses that by context. */
const encodeUntyped = encoderFor(0);

function hasArray(values: readonly unknown[]) {
  return values.some((value) => Array.isArray(value));
}

function readRows(columns: ResultColumn[]) {
  const decoders = columns.map((column) => decoderFor(column.typeOid));
  const count = decoders.length;
  return (fields: WireValue[]) => {
    const row = new Array<unknown>(count);
    for (let i = 0; i < count; i++) {
      const field = fields[i];
      row[i] = field === null || field === undefined ? null : decoders[i]!(field);
    }
    return row;
  };
}

function checkParams(statement: CheckedStatement, params: readonly unknown[], where: string) {
  if (params.length !== statement.paramCount) {
    const wanted =
      statement.paramCount === 0
        ? 'no parameters'
        : statement.paramCount === 1
          ? '1 parameter ($1)'
          : `${statement.paramCount} parameters ($1 … $${statement.paramCount})`;
    throw badRequest(`The statement takes ${wanted}, but ${where} has ${params.length}`);
  }
}

/** Names of column types: built-ins from the table, others from pg_type in the same session. */
async function typeNames(session: SqlSession, columns: ResultColumn[]) {
  const unknown = [...new Set(columns.map((c) => c.typeOid).filter((oid) => !TYPE_NAMES.has(oid)))];
  const names = new Map(TYPE_NAMES);
  if (unknown.length > 0) {
    const rows = await session.query<{ oid: number; typname: string }>(
      'SELECT oid::int4 AS oid, typname FROM pg_catalog.pg_type WHERE oid = ANY($1::oid[])',
      [unknown],
    );
    for (const row of rows) names.set(row.oid, row.typname);
  }
  return columns.map((column) => names.get(column.typeOid) ?? String(column.typeOid));
}

/**
 * A query's answer with each row already as JSON text. Rows are turned into text as they arrive
 * and the answer is streamed from them (`queryAnswerJson`), so a result near the byte cap is held
 * once, not again as one big string and once more as its buffer.
 */
export type QueryAnswer = Omit<QueryResult, 'rows'> & { rowsJson: (string | undefined)[] };

function readRowsAsJson(columns: ResultColumn[]) {
  const read = readRows(columns);
  return (fields: WireValue[]) => JSON.stringify(read(fields));
}

/** The answer's JSON in pieces of about 64 KiB, letting go of each row once it is written. */
export function* queryAnswerJson({ rowsJson, columns, ...rest }: QueryAnswer) {
  yield `{"columns":${JSON.stringify(columns)},"rows":[`;
  let piece = '';
  for (let i = 0; i < rowsJson.length; i++) {
    piece += i === 0 ? rowsJson[i] : `,${rowsJson[i]}`;
    rowsJson[i] = undefined;
    if (piece.length >= 64 * 1024) {
      yield piece;
      piece = '';
    }
  }
  yield `${piece}],${JSON.stringify(rest).slice(1)}`;
}

export async function runQuery(
  sandbox: WorkspaceSandbox,
  workspaceId: string,
  {
    query,
    params = [],
    rollback = false,
  }: { query: string; params?: unknown[]; rollback?: boolean },
  options: RunOptions,
  caller: SqlCaller,
): Promise<QueryAnswer> {
  const statement = guarded(query);
  const readOnly = runsReadOnly(caller);
  if (readOnly) refuseWritingStatement(statement, options.tenant.orgId);
  checkParams(statement, params, 'params');
  const { maxRows, maxBytes } = sandbox.limits;
  const started = performance.now();
  const growth = statementGrowth(statement.ast);
  // A rolled-back statement keeps nothing, but may fill the disk while it runs: watched, not
  // the sandbox's own atomic transaction (this one is ours, and always rolled back).
  const grows = rollback ? (growth === undefined ? undefined : 'watched') : growth;
  return sandbox
    .run(workspaceId, { ...options, ...(grows ? { grows } : {}) }, async (session) => {
      // One value or row over the result's cap could not be in its answer anyway, and read
      // whole it would cost a multiple of its size (or, past V8's string limit, fail).
      session.capMessages(maxBytes);
      // PostgreSQL itself refuses what the check above cannot see (server/sql/read-only.ts).
      if (readOnly) await beginReadOnly(session);
      if (!rollback) return execute(session);
      await session.query('BEGIN');
      let answer: QueryAnswer;
      try {
        answer = await execute(session);
      } catch (error) {
        // The statement's own error is the answer; a session whose connection broke with it
        // cannot roll back, and is not lent again anyway.
        await session.query('ROLLBACK').catch(() => {});
        throw error;
      }
      await session.query('ROLLBACK');
      return { ...answer, committed: false };
    })
    .catch((error: unknown) => {
      const translated = sqlApiError(error, statement);
      throw readOnly ? readOnlyRefusal(translated, options.tenant.orgId) : translated;
    });

  async function execute(session: SqlSession): Promise<QueryAnswer> {
    let text: string | null = statement.text;
    let values: WireValue[];
    if (hasArray(params)) {
      // A JSON array is an array literal for an array parameter but JSON text for a json one.
      const shape = await session.describe(statement.text);
      const { types, asked } = await encodingTypes(session, shape.paramTypes);
      values = params.map((param, i) => encoderFor(types[i] ?? 0)(param as never));
      // Asking replaced the unnamed statement describe parsed: then it is parsed again.
      if (!asked) text = null;
    } else {
      values = params.map((param) => encodeUntyped(param as never));
    }
    const result = await session.execute(text, values, {
      maxRows,
      maxChars: maxBytes,
      rowReader: readRowsAsJson,
    });
    const rowCount =
      ROWS_TOUCHED.has(result.command) && result.tagCount !== null
        ? result.tagCount
        : result.columns.length > 0
          ? result.rows.length
          : (result.tagCount ?? 0);
    return {
      columns: result.columns.map((column) => column.name),
      rowsJson: result.rows as string[],
      row_count: rowCount,
      types: await typeNames(session, result.columns),
      command: result.command,
      duration_ms: Math.round((performance.now() - started) * 100) / 100,
      truncated: result.truncated,
      // Each statement is its own transaction, committed before the answer is sent.
      committed: true,
    };
  }
}

/** Array literal of already encoded element texts, each quoted so no element needs thought. */
function arrayLiteral(elements: readonly WireValue[]) {
  let out = '{';
  for (let i = 0; i < elements.length; i++) {
    if (i > 0) out += ',';
    const element = elements[i];
    out +=
      element === null || element === undefined
        ? 'NULL'
        : `"${element.replace(/["\\]/g, (c) => `\\${c}`)}"`;
  }
  return `${out}}`;
}

export async function runBatch(
  sandbox: WorkspaceSandbox,
  workspaceId: string,
  { query, params_batch: rows }: { query: string; params_batch: unknown[][] },
  options: RunOptions,
  caller: SqlCaller,
): Promise<BatchResult> {
  if (runsReadOnly(caller)) refuseBatch(options.tenant.orgId);
  const statement = guarded(query);
  if (rows.length > sandbox.limits.maxBatchRows) {
    throw new ApiError(
      413,
      ERROR_CODES.tooLarge,
      `The batch has ${rows.length} rows; the limit is ${sandbox.limits.maxBatchRows}`,
    );
  }
  rows.forEach((row, index) => checkParams(statement, row, `params_batch[${index}]`));
  const started = performance.now();
  const finish = (counts: number[], command: string): BatchResult => ({
    row_count: counts.reduce((sum, count) => sum + count, 0),
    results: counts.map((count) => ({ row_count: count })),
    command,
    duration_ms: Math.round((performance.now() - started) * 100) / 100,
    committed: true,
  });
  const command = commandOf(statement);
  if (rows.length === 0) return finish([], command);

  return sandbox
    .run(workspaceId, { ...options, grows: statementGrowth(statement.ast) }, async (session) => {
      // Error texts quote the value that failed: a batch's can be as big as its parameters.
      session.capMessages(sandbox.limits.maxBytes);
      const shape = await session.describe(statement.text);
      const encoders = (await encodingTypes(session, shape.paramTypes)).types.map((oid) =>
        encoderFor(oid),
      );
      const copy = await copyStatement(session, statement, shape.paramTypes);
      if (copy) {
        await session
          .copyIn(copy.sql, Readable.from(copyRows(rows, encoders, copy.params)))
          .catch((error: unknown) => {
            throw asBatchRowError(error);
          });
        return finish(
          rows.map(() => 1),
          command,
        );
      }
      const asSet = await setStatement(session, statement, shape.paramTypes);
      if (asSet) {
        const columns = encoders.map((encode, k) =>
          arrayLiteral(rows.map((row) => encode(row[k] as never))),
        );
        try {
          const result = await session.execute(asSet, columns, {
            maxRows: 0,
            maxChars: 0,
            rowReader: readRows,
          });
          if (result.tagCount === rows.length)
            return finish(
              rows.map(() => 1),
              command,
            );
        } catch (error) {
          // The connection is gone with it: nothing more can run in this session.
          if (error instanceof MessageTooLargeError) throw error;
          // Which row failed is only known row by row: the pipeline below runs them so, and
          // reports the first failing row (the set statement changed nothing).
        }
      }
      const wire = function* () {
        for (const row of rows) yield row.map((value, k) => encoders[k]!(value as never));
      };
      return finish(await session.pipeline(statement.text, wire(), rows.length), command);
    })
    .catch((error: unknown) => {
      throw sqlApiError(error, statement);
    });
}

function guarded(query: string) {
  try {
    return checkStatement(query);
  } catch (error) {
    throw sqlApiError(error);
  }
}

/**
 * `INSERT INTO t (a, b) VALUES ($1, $2)` over many rows is a COPY of the rows into those columns,
 * when each parameter's type is its column's (so COPY reads each text as the INSERT would).
 */
async function copyStatement(
  session: SqlSession,
  statement: CheckedStatement,
  paramTypes: number[],
): Promise<{ sql: string; params: number[] } | null> {
  const plan = insertValuesAsCopy(statement.ast as never);
  if (!plan) return null;
  const target = `${plan.schema === null ? '' : `${quoteIdent(plan.schema)}.`}${quoteIdent(plan.table)}`;
  const attributes = await session.query<{
    name: string;
    type: number;
    copyable: boolean;
  }>(
    `SELECT a.attname AS name, a.atttypid::int4 AS type,
            c.relkind IN ('r', 'p') AND a.attgenerated = '' AND a.attidentity <> 'a' AS copyable
       FROM pg_catalog.pg_class c
       JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid
      WHERE c.oid = to_regclass($1) AND a.attnum > 0 AND NOT a.attisdropped
      ORDER BY a.attnum`,
    [target],
  );
  const byName = new Map(attributes.map((attribute) => [attribute.name, attribute]));
  const columns = plan.columns
    ? plan.columns.map((name) => byName.get(name))
    : attributes.slice(0, plan.params.length);
  if (columns.length !== plan.params.length) return null;
  for (const [i, column] of columns.entries()) {
    if (!column?.copyable || column.type !== paramTypes[plan.params[i]! - 1]) return null;
  }
  const list = columns.map((column) => quoteIdent(column!.name)).join(', ');
  return { sql: `COPY ${target} (${list}) FROM STDIN`, params: plan.params };
}

function* copyRows(rows: unknown[][], encoders: ((value: never) => WireValue)[], params: number[]) {
  let chunk = '';
  for (const row of rows) {
    for (let i = 0; i < params.length; i++) {
      const k = params[i]! - 1;
      const text = encoders[k]!(row[k] as never);
      if (i > 0) chunk += '\t';
      chunk += text === null ? '\\N' : copyTextField(text);
    }
    chunk += '\n';
    if (chunk.length > 256 * 1024) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk !== '') yield chunk;
}

/** COPY names the line it failed on; with one line per parameter row, that is the row. */
function asBatchRowError(error: unknown) {
  if (isPostgresError(error)) {
    const line = /^COPY [^,]*, line (\d+)/.exec(error.where ?? '');
    if (line) return new BatchRowError(Number(line[1]) - 1, error);
  }
  return error;
}

/** `INSERT … VALUES ($1, $2)` over many rows runs as one `INSERT … SELECT FROM unnest(…)`. */
async function setStatement(
  session: SqlSession,
  statement: CheckedStatement,
  paramTypes: number[],
): Promise<string | null> {
  if (statement.kind !== 'InsertStmt' || paramTypes.length === 0) return null;
  const names = await session.query<{ name: string }>(
    `SELECT format_type(p.oid, NULL) AS name
       FROM unnest($1::oid[]) WITH ORDINALITY AS p(oid, n) ORDER BY p.n`,
    [paramTypes],
  );
  return insertValuesAsSet(
    statement.ast as never,
    names.map((row) => row.name),
  );
}

function commandOf(statement: CheckedStatement) {
  return statement.kind.replace(/Stmt$/, '').toUpperCase();
}
