import { z } from 'zod';
import { identifierProblem, organizationIdProblem } from '../../contract/identifier';
import { refuse } from './zod-provider';

/**
 * Schemas of the ids in paths. Each mismatch is the whole answer (`refuse`): a malformed
 * workspace or organization id is a 400 naming it; an id that cannot exist (a user, table,
 * file or token) is simply not found (404), never a database cast error.
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An id checked by a rule, refused in the rule's words. */
const ruledId = (what: string, problemOf: (value: string) => string | null) =>
  z.string().transform((value, ctx) => {
    const problem = problemOf(value);
    return problem ? refuse(ctx, `${what} id "${value}" ${problem}`) : value;
  });

/** A UUID, lower-cased; anything else is `missing(value)`, a 404. */
export const uuidParam = (missing: (value: string) => string) =>
  z
    .string()
    .transform((value, ctx) =>
      UUID.test(value) ? value.toLowerCase() : refuse(ctx, missing(value), 404),
    );

/** `/workspaces/:ws`. */
export const workspacePath = z.object({ ws: ruledId('workspace', identifierProblem) });

/**
 * `/organizations/:org_id`, checked with the organization rule (a UUID, as the hosted service's
 * ids are, may start with a digit), not the workspace rule. It only reaches SQL as a bind
 * parameter; an id no organization can have is refused before any query.
 */
export const organizationPath = z.object({
  org_id: ruledId('organization', organizationIdProblem),
});

/** `/organizations/:org_id/members/:user_id`: a user id that cannot exist is not found. */
export const memberPath = organizationPath
  .extend({ user_id: z.string() })
  .transform(({ org_id, user_id }, ctx) =>
    UUID.test(user_id)
      ? { org_id, user_id: user_id.toLowerCase() }
      : refuse(ctx, `No member "${user_id}" in organization "${org_id}"`, 404),
  );

/**
 * `/workspaces/:ws/tables/:table`. Tables made with SQL may have any name Postgres takes, so
 * only its length is checked; one that cannot exist is simply not found.
 */
export const tablePath = workspacePath.extend({
  table: z
    .string()
    .transform((value, ctx) =>
      value === '' || Buffer.byteLength(value) > 63
        ? refuse(ctx, `No table "${value}"`, 404)
        : value,
    ),
});
