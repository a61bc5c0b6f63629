import { performance } from 'node:perf_hooks';
import { z } from 'zod';
import { ERROR_CODES } from '../../../contract/errors';
import type { TransactionResult } from '../../../contract/tables';
import type { WireValue } from '../../db/workspace-sessions';
import { ApiError, badRequest } from '../../errors';
import { checkStatement, type CheckedStatement } from '../../sql/guard';
import { encodingTypes } from '../../sql/param-types';
import type { RunOptions, WorkspaceSandbox } from '../../sql/sandbox';
import { sqlApiError } from '../../sql/sql-api-error';
import { statementGrowth } from '../../sql/statement-growth';
import { encoderFor } from '../../sql/value-encoders';
import { refuse } from '../zod-provider';

/**
 * Several statements of different shapes (the table browser's staged UPDATEs, INSERTs and
 * DELETEs) in one transaction: all of them or none. Each is guarded as the query endpoint
 * guards one, and the first that fails names its index, so the console can mark its row.
 */

export const transactionSchema = z.unknown().transform((body, ctx) => {
  if (typeof body !== 'object' || body === null) {
    return refuse(ctx, 'request body is required (JSON)');
  }
  const { statements } = body as Record<string, unknown>;
  if (!Array.isArray(statements) || statements.length === 0) {
    return refuse(ctx, 'statements: must be a non-empty array of {query, params}');
  }
  const out: { query: string; params: unknown[] }[] = [];
  for (const [i, item] of statements.entries()) {
    const { query, params = [] } = (item ?? {}) as Record<string, unknown>;
    if (typeof query !== 'string' || query.trim() === '') {
      return refuse(ctx, `statements[${i}].query: the SQL statement is required`);
    }
    if (!Array.isArray(params)) return refuse(ctx, `statements[${i}].params: must be an array`);
    out.push({ query, params });
  }
  return { statements: out };
});

/** The error of statement `index`, as the API reports it, saying which one it was. */
function statementError(error: unknown, index: number, statement?: CheckedStatement) {
  const translated = sqlApiError(error, statement);
  if (!(translated instanceof ApiError)) return translated;
  return new ApiError(
    translated.status,
    translated.code,
    `statements[${index}]: ${translated.message}`,
    // batch_index: the error envelope's field for "which one of the request's list failed".
    { ...translated.extra, batch_index: index },
    translated.headers,
  );
}

const noRows = () => () => null;

export async function runTransaction(
  sandbox: WorkspaceSandbox,
  workspaceId: string,
  { statements }: { statements: { query: string; params: unknown[] }[] },
  options: RunOptions,
): Promise<TransactionResult> {
  if (statements.length > sandbox.limits.maxBatchRows) {
    throw new ApiError(
      413,
      ERROR_CODES.tooLarge,
      `The transaction has ${statements.length} statements; the limit is ${sandbox.limits.maxBatchRows}`,
    );
  }
  const checked = statements.map(({ query, params }, index) => {
    let statement: CheckedStatement;
    try {
      statement = checkStatement(query);
    } catch (error) {
      throw statementError(error, index);
    }
    if (params.length !== statement.paramCount) {
      throw badRequest(
        `statements[${index}]: the statement takes ${statement.paramCount} parameters, but has ${params.length}`,
      );
    }
    return { statement, params };
  });
  const grows = checked.some(({ statement }) => statementGrowth(statement.ast) !== undefined);
  const started = performance.now();
  // The statement running, -1 outside them (waiting for a session, COMMIT).
  let current = -1;
  return sandbox
    .run(workspaceId, { ...options, grows: grows ? 'atomic' : undefined }, async (session) => {
      session.capMessages(sandbox.limits.maxBytes);
      // 'atomic' wraps the work in BEGIN … COMMIT (and ROLLBACK on failure); otherwise here.
      if (!grows) await session.query('BEGIN');
      try {
        const counts: number[] = [];
        for (const [index, { statement, params }] of checked.entries()) {
          current = index;
          const shape = await session.describe(statement.text);
          const { types, asked } = await encodingTypes(session, shape.paramTypes);
          const values: WireValue[] = params.map((param, i) =>
            encoderFor(types[i] ?? 0)(param as never),
          );
          const result = await session.execute(asked ? statement.text : null, values, {
            maxRows: 0,
            maxChars: 0,
            rowReader: noRows,
          });
          counts.push(result.tagCount ?? 0);
        }
        current = -1;
        if (!grows) await session.query('COMMIT');
        return {
          row_count: counts.reduce((sum, n) => sum + n, 0),
          results: counts.map((row_count) => ({ row_count })),
          duration_ms: Math.round((performance.now() - started) * 100) / 100,
          committed: true,
        };
      } catch (error) {
        if (!grows) await session.query('ROLLBACK').catch(() => {});
        throw error;
      }
    })
    .catch((error: unknown) => {
      throw current >= 0
        ? statementError(error, current, checked[current]?.statement)
        : sqlApiError(error);
    });
}
