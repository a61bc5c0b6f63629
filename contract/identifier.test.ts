import { describe, expect, it } from 'vitest';
import {
  identifierProblem,
  identifierSchema,
  organizationIdProblem,
  organizationIdSchema,
} from './identifier';

describe('identifierProblem (workspace and table ids)', () => {
  it('takes lower-case letters, digits, "_" and "-" after a leading letter', () => {
    for (const id of ['default', 'a', 'lab-2', 'my_ws', 'x'.repeat(63)]) {
      expect(identifierProblem(id), id).toBeNull();
    }
  });

  it.each([
    ['', 'is required'],
    ['1lab', 'must start with a lower-case letter'],
    ['_lab', 'must start with a lower-case letter'],
    ['Lab', 'must start with a lower-case letter'],
    ['la b', 'may only contain lower-case letters, digits, "_" and "-" (found " ")'],
    ['x'.repeat(64), 'must be at most 63 bytes'],
    ['pg_temp', 'must not start with "pg_" (reserved by PostgreSQL)'],
    ['public', '"public" is reserved'],
    ['deeplake_console', '"deeplake_console" is reserved'],
    ['deeplake_internal', '"deeplake_internal" is reserved'],
  ])('refuses %j: %s', (id, problem) => {
    expect(identifierProblem(id)).toBe(problem);
  });

  it('counts bytes, not characters', () => {
    expect(identifierProblem(`a${'é'.repeat(31)}`)).toMatch(/may only contain/);
    expect(identifierProblem(`a${'é'.repeat(32)}`)).toBe('must be at most 63 bytes');
  });
});

describe('organizationIdProblem', () => {
  it('takes a UUID, as the hosted service’s ids are, and the slugs workspaces take', () => {
    for (const id of [
      '3f2b8c1e-9a4d-4e6f-8b7a-1c2d3e4f5a6b',
      '0',
      'default',
      'my-org',
      'acme_2',
      // Not a Postgres name, so Postgres' reserved prefixes do not concern it.
      'pg_team',
      'public',
      '9'.repeat(63),
    ]) {
      expect(organizationIdProblem(id), id).toBeNull();
    }
  });

  it.each([
    ['', 'is required'],
    ['-org', 'must start with a lower-case letter or a digit'],
    ['_org', 'must start with a lower-case letter or a digit'],
    ['Acme', 'must start with a lower-case letter or a digit'],
    // Ids are compared as they are written: an upper-case UUID is another id, so it is refused.
    [
      '3F2B8C1E-9A4D-4E6F-8B7A-1C2D3E4F5A6B',
      'may only contain lower-case letters, digits, "_" and "-" (found "F")',
    ],
    ['my org', 'may only contain lower-case letters, digits, "_" and "-" (found " ")'],
    [
      'a"; DROP SCHEMA x; --',
      'may only contain lower-case letters, digits, "_" and "-" (found """)',
    ],
    ['1'.repeat(64), 'must be at most 63 bytes'],
  ])('refuses %j: %s', (id, problem) => {
    expect(organizationIdProblem(id)).toBe(problem);
  });
});

describe('the zod schemas', () => {
  it('apply their rule, and say when the id is missing or not text', () => {
    expect(organizationIdSchema.safeParse('1acme').success).toBe(true);
    expect(identifierSchema.safeParse('1acme').error?.issues[0]?.message).toBe(
      'must start with a lower-case letter',
    );
    expect(organizationIdSchema.safeParse(undefined).error?.issues[0]?.message).toBe('is required');
    expect(organizationIdSchema.safeParse(7).error?.issues[0]?.message).toBe('must be a string');
  });
});
