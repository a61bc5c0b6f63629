import { z } from 'zod';

/** Longest identifier Postgres keeps without truncating (NAMEDATALEN - 1). */
export const IDENTIFIER_MAX_BYTES = 63;

/**
 * Ids that would collide with Postgres' own schemas or the console's metadata schema,
 * since a workspace id becomes a schema name.
 */
const RESERVED = new Set(['public', 'information_schema', 'deeplake_console']);

/**
 * Says which rule an organization, workspace or table id breaks, or null when it is valid.
 * Used by the server to refuse and by the SPA to explain as the user types.
 */
export function identifierProblem(value: string): string | null {
  if (value.length === 0) return 'is required';
  if (new TextEncoder().encode(value).length > IDENTIFIER_MAX_BYTES)
    return `must be at most ${IDENTIFIER_MAX_BYTES} bytes`;
  if (!/^[a-z]/.test(value)) return 'must start with a lower-case letter';
  const bad = /[^a-z0-9_-]/.exec(value);
  if (bad) return `may only contain lower-case letters, digits, "_" and "-" (found "${bad[0]}")`;
  if (value.startsWith('pg_')) return 'must not start with "pg_" (reserved by PostgreSQL)';
  if (RESERVED.has(value)) return `"${value}" is reserved`;
  return null;
}

export const identifierSchema = z
  .string({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be a string') })
  .superRefine((value, ctx) => {
    const problem = identifierProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });
