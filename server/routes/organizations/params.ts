import { organizationIdProblem } from '../../../contract/identifier';
import { badRequest } from '../../errors';

/**
 * The organization id in a path, checked with the organization rule (a UUID, as the hosted
 * service's ids are, may start with a digit), not the workspace rule. It only reaches SQL as a
 * bind parameter; an id no organization can have is refused before any query.
 */
export function orgIdParam(params: unknown): string {
  const value = (params as Record<string, string | undefined>).org_id;
  if (value === undefined) throw new Error('route has no :org_id parameter');
  const problem = organizationIdProblem(value);
  if (problem) throw badRequest(`organization id "${value}" ${problem}`);
  return value;
}
