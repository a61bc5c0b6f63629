import { ERROR_CODES } from '../../contract/errors';
import type { Role } from '../../contract/organizations';
import { viewerRefusalMessage } from '../auth/access';
import type { SqlSession } from '../db/workspace-sessions';
import { ApiError } from '../errors';
import type { CheckedStatement } from './guard';
import { SourceText } from './guard-ast';
import { writingStatement } from './guard-read-only';

/**
 * A viewer's SQL only reads, in two layers: statements the guard's parse tree shows writing are
 * refused before PostgreSQL, with the viewer rule in words; the rest runs in read-only
 * transactions, so PostgreSQL itself refuses a write hidden from the tree (`nextval()`, a
 * function that writes).
 */

/** Who runs a statement. */
export interface SqlCaller {
  role: Role;
}

export const runsReadOnly = (caller: SqlCaller) => caller.role === 'viewer';

/** read_only_sql_transaction: PostgreSQL's refusal of a write in a read-only transaction. */
export const READ_ONLY_SQLSTATE = '25006';

const viewerRefusal = (orgId: string, action: string, position?: number) =>
  new ApiError(403, ERROR_CODES.forbidden, viewerRefusalMessage(orgId, action), {
    // PostgreSQL's own sqlstate for the same refusal, so clients can treat both layers alike.
    sqlstate: READ_ONLY_SQLSTATE,
    ...(position !== undefined ? { position } : {}),
  });

/** Throws the 403 for a viewer's statement the tree shows writing. */
export function refuseWritingStatement(statement: CheckedStatement, orgId: string): void {
  const writing = writingStatement(statement.ast);
  if (!writing) return;
  // Offsets are into the text that runs: positions only when that is the caller's own text.
  const position =
    statement.rewritten || writing.at === undefined
      ? undefined
      : new SourceText(statement.text).positionOfByte(writing.at);
  throw viewerRefusal(orgId, `run ${writing.what}`, position);
}

/** The batch endpoint is for loading rows: a viewer has no use for it. */
export function refuseBatch(orgId: string): never {
  throw viewerRefusal(orgId, 'run statements in batch mode');
}

/**
 * Makes every transaction of the lent session read-only. A session setting: DISCARD ALL resets
 * it before the session is lent again (server/db/workspace-sessions.ts). The user's statement runs in a
 * transaction that begins after this, read-only from its start, and PostgreSQL lets no
 * transaction turn read-write once it has run a query.
 */
export async function beginReadOnly(session: SqlSession): Promise<void> {
  await session.query('SET default_transaction_read_only = on');
}

/**
 * PostgreSQL's refusal of a write the guard could not see, already in the API's shape: kept
 * with PostgreSQL's own message, as a 403 whose hint says why the transaction was read-only.
 */
export function readOnlyRefusal(translated: unknown, orgId: string): unknown {
  if (!(translated instanceof ApiError) || translated.extra.sqlstate !== READ_ONLY_SQLSTATE) {
    return translated;
  }
  return new ApiError(403, ERROR_CODES.forbidden, translated.message, {
    ...translated.extra,
    hint: viewerRefusalMessage(orgId, 'run SQL that writes'),
  });
}
