import { z } from 'zod';

/** Longest identifier Postgres keeps without truncating (NAMEDATALEN - 1). */
export const IDENTIFIER_MAX_BYTES = 63;

/**
 * Ids that would collide with Postgres' own schemas or the console's metadata schema,
 * since a workspace id becomes a schema name.
 */
const RESERVED = new Set(['public', 'information_schema', 'deeplake_console', 'deeplake_internal']);

/** The checks both rules share: present, short enough for a Postgres name, and its characters. */
function shapeProblem(value: string, first: RegExp, firstRule: string): string | null {
  if (value.length === 0) return 'is required';
  if (new TextEncoder().encode(value).length > IDENTIFIER_MAX_BYTES)
    return `must be at most ${IDENTIFIER_MAX_BYTES} bytes`;
  if (!first.test(value)) return `must start with ${firstRule}`;
  const bad = /[^a-z0-9_-]/.exec(value);
  if (bad) return `may only contain lower-case letters, digits, "_" and "-" (found "${bad[0]}")`;
  return null;
}

/**
 * Says which rule a workspace or table id breaks, or null when it is valid. Such an id becomes
 * a Postgres schema or table name, unquoted in the SQL people write, so it starts with a letter
 * and keeps clear of Postgres' own names. Used by the server to refuse and by the SPA to
 * explain as the user types.
 */
export function identifierProblem(value: string): string | null {
  const problem = shapeProblem(value, /^[a-z]/, 'a lower-case letter');
  if (problem) return problem;
  if (value.startsWith('pg_')) return 'must not start with "pg_" (reserved by PostgreSQL)';
  if (RESERVED.has(value)) return `"${value}" is reserved`;
  return null;
}

/**
 * Says which rule an organization id breaks, or null when it is valid. The hosted service's
 * organization ids are UUIDs, which may start with a digit, so this rule takes a leading digit.
 * An organization id never becomes a Postgres name (it only reaches SQL as a bind parameter),
 * so Postgres' reserved names do not concern it; it keeps the same characters and length, so
 * it stays safe in URLs, headers and anywhere a name is derived from it.
 */
export function organizationIdProblem(value: string): string | null {
  return shapeProblem(value, /^[a-z0-9]/, 'a lower-case letter or a digit');
}

const idSchema = (problemOf: (value: string) => string | null) =>
  z
    .string({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be a string') })
    .superRefine((value, ctx) => {
      const problem = problemOf(value);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    });

/** A workspace or table id. */
export const identifierSchema = idSchema(identifierProblem);
/** An organization id. */
export const organizationIdSchema = idSchema(organizationIdProblem);
