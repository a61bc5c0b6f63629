import { randomBytes } from 'node:crypto';
import { parseSync, type Node } from 'libpg-query';
import { afterAll, beforeAll, expect, inject } from 'vitest';
import { databaseUrl, withClient, type Queryable } from '../db/index';
import { checkStatement, loadGuard, StatementRefused, StatementSyntaxError } from '../sql/guard';

/**
 * What the statement guard's tests (server/sql/guard*.test.ts) share: the workspace schema they
 * write statements for, ways to get a refusal or a syntax error out of checkStatement, parse
 * trees to compare, and a database of the file's own for what only PostgreSQL can confirm.
 */

export const W = 'ws1';

export function refusal(sql: string): StatementRefused {
  try {
    checkStatement(sql);
  } catch (error) {
    if (error instanceof StatementRefused) return error;
    throw error;
  }
  throw new Error(`expected a refusal for: ${sql}`);
}

export function syntaxError(sql: string): StatementSyntaxError {
  try {
    checkStatement(sql);
  } catch (error) {
    if (error instanceof StatementSyntaxError) return error;
    throw error;
  }
  throw new Error(`expected a syntax error for: ${sql}`);
}

export function parseOne(sql: string): Node {
  const stmts = parseSync(sql).stmts ?? [];
  expect(stmts).toHaveLength(1);
  return stmts[0]!.stmt!;
}

/** Every value found under `key` anywhere in a parse tree. */
export function collect(tree: unknown, key: string): unknown[] {
  const found: unknown[] = [];
  const visit = (value: unknown) => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (typeof value === 'object' && value !== null) {
      for (const [k, v] of Object.entries(value)) {
        if (k === key) found.push(v);
        visit(v);
      }
    }
  };
  visit(tree);
  return found;
}

/** Loads the guard's parser before the file's tests. */
export function useGuard() {
  beforeAll(async () => {
    await loadGuard();
  });
}

/**
 * Loads the guard's parser, and makes a database of the file's own on the test cluster (dropped
 * after it) with the schema `W` and Deeplake's access methods as the server sets them up.
 */
export function useGuardDatabase() {
  let url: string;
  const adminUrl = () => inject('adminDatabaseUrl');
  const onPg = <T>(work: (client: Queryable) => Promise<T>) => withClient(url, work);

  async function pgError(sql: string): Promise<{ message: string; position?: number }> {
    return onPg(async (client) => {
      try {
        await client.query(sql);
      } catch (error) {
        const e = error as { message: string; position?: string };
        return { message: e.message, position: e.position ? Number(e.position) : undefined };
      }
      throw new Error(`PostgreSQL accepted: ${sql}`);
    });
  }

  beforeAll(async () => {
    await loadGuard();
    const name = `guard_${randomBytes(6).toString('hex')}`;
    await withClient(adminUrl(), (client) => client.query(`CREATE DATABASE ${name}`));
    url = databaseUrl(adminUrl(), name);
    // What the server sets up for Deeplake SQL on plain PostgreSQL: heap and hash under
    // Deeplake's names, with default operator classes so that the hash handler has something
    // to index with.
    await onPg(async (client) => {
      await client.query('CREATE ACCESS METHOD deeplake TYPE TABLE HANDLER heap_tableam_handler');
      await client.query('CREATE ACCESS METHOD deeplake_index TYPE INDEX HANDLER hashhandler');
      await client.query(
        `CREATE OPERATOR CLASS deeplake_array_ops DEFAULT FOR TYPE anyarray USING deeplake_index
           AS OPERATOR 1 = (anyarray, anyarray), FUNCTION 1 hash_array(anyarray)`,
      );
      await client.query(
        `CREATE OPERATOR CLASS deeplake_text_ops DEFAULT FOR TYPE text USING deeplake_index
           AS OPERATOR 1 = (text, text), FUNCTION 1 hashtext(text)`,
      );
      await client.query(`CREATE SCHEMA ${W}`);
    });
  });

  afterAll(async () => {
    const name = new URL(url).pathname.slice(1);
    await withClient(adminUrl(), (client) =>
      client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
    );
  });

  return { onPg, pgError };
}
