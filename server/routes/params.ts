import { identifierProblem } from '../../contract/identifier';
import { badRequest, notFound } from '../errors';

function param(params: unknown, name: string): string {
  const value = (params as Record<string, string | undefined>)[name];
  if (value === undefined) throw new Error(`route has no :${name} parameter`);
  return value;
}

function identifierParam(params: unknown, name: string, what: string): string {
  const value = param(params, name);
  const problem = identifierProblem(value);
  if (problem) throw badRequest(`${what} id "${value}" ${problem}`);
  return value;
}

export const workspaceIdParam = (params: unknown) => identifierParam(params, 'ws', 'workspace');

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A user id that cannot exist is simply not found, never a database cast error. */
export function userIdParam(params: unknown, orgId: string): string {
  const value = param(params, 'user_id');
  if (!UUID.test(value)) throw notFound(`No member "${value}" in organization "${orgId}"`);
  return value.toLowerCase();
}

/**
 * A table name in a path. Tables made with SQL may have any name Postgres takes, so only its
 * length is checked; one that cannot exist is simply not found.
 */
export function tableNameParam(params: unknown): string {
  const value = param(params, 'table');
  if (value === '' || Buffer.byteLength(value) > 63) throw notFound(`No table "${value}"`);
  return value;
}
