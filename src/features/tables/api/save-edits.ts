import type { TransactionResult } from '../../../../contract/tables';
import { api, isApiError } from '../../../lib/api-client';
import type { EditStatement } from '../edit/statements';
import { tablesPath } from './paths';

/**
 * Staged edits saved in one transaction on the bundled server (`…/tables/query/transaction`):
 * every statement or none.
 */
export function saveEdits(
  orgId: string,
  workspaceId: string,
  statements: readonly EditStatement[],
): Promise<TransactionResult> {
  return api.post<TransactionResult>(
    `${tablesPath(workspaceId)}/query/transaction`,
    { statements: statements.map(({ query, params }) => ({ query, params })) },
    { orgId },
  );
}

/** Which statement failed and why, from the server's `statements[i]: …` message. */
export function failedStatement(error: unknown): { index: number; message: string } | null {
  if (!isApiError(error)) return null;
  const match = /^statements\[(\d+)\]: ([\s\S]*)$/.exec(error.message);
  return match ? { index: Number(match[1]), message: match[2]! } : null;
}
