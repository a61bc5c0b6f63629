import pg from 'pg';
import type { Logger } from '../logger';

/**
 * The one module that imports the Postgres driver. Everything else gets a `Db` (a pool) and
 * runs statements through `query` or inside `transaction`.
 */

export interface Queryable {
  query<Row extends object = Record<string, unknown>>(
    text: string,
    params?: readonly unknown[],
  ): Promise<Row[]>;
}

export interface Db extends Queryable {
  /** Where this pool connects, for pools of other roles on the same database. */
  readonly connectionString: string;
  /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Resolves when Postgres answers a trivial query within a short deadline. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** Postgres cannot be reached (down, restarting, refusing connections): the API answers 503. */
export class DatabaseUnavailableError extends Error {
  override name = 'DatabaseUnavailableError';
}

/** Error fields Postgres sends with a failed statement, as the driver exposes them. */
export interface PostgresError extends Error {
  code: string;
  position?: string;
  detail?: string;
  constraint?: string;
  hint?: string;
  /** Where the error happened, e.g. `COPY t, line 5, column n: "x"`. */
  where?: string;
}

export function isPostgresError(error: unknown): error is PostgresError {
  return (
    error instanceof Error &&
    'code' in error &&
    typeof error.code === 'string' &&
    /^[0-9A-Z]{5}$/.test(error.code)
  );
}

const UNAVAILABLE_SQLSTATES = new Set([
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
]);
const UNAVAILABLE_NODE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EHOSTUNREACH',
]);

function isUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (
    typeof code === 'string' &&
    (UNAVAILABLE_SQLSTATES.has(code) || UNAVAILABLE_NODE_CODES.has(code))
  )
    return true;
  return /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Connection ended unexpectedly/i.test(
    error.message,
  );
}

export function translateDbError(error: unknown): unknown {
  if (isUnavailable(error)) {
    return new DatabaseUnavailableError('The database is not reachable', { cause: error });
  }
  return error;
}

/** Timestamps and bigints travel as the API shows them: ISO strings and exact decimal strings. */
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (oid === pg.types.builtins.TIMESTAMPTZ || oid === pg.types.builtins.TIMESTAMP) {
      return (value: string) => new Date(value).toISOString();
    }
    return pg.types.getTypeParser(oid, format);
  }) as typeof pg.types.getTypeParser,
};

export interface DbOptions {
  connectionString: string;
  logger: Logger;
  max?: number;
  /** Deadline for the console's own statements, so a stuck database cannot hang a request. */
  statementTimeoutMs?: number;
  applicationName?: string;
}

export function createDb({
  connectionString,
  logger,
  max = 10,
  statementTimeoutMs = 5_000,
  applicationName = 'deeplake-console',
}: DbOptions): Db {
  const pool = new pg.Pool({
    connectionString,
    max,
    connectionTimeoutMillis: 3_000,
    idleTimeoutMillis: 30_000,
    statement_timeout: statementTimeoutMs,
    query_timeout: statementTimeoutMs + 2_000,
    application_name: applicationName,
    types,
  });
  // An idle client whose server went away emits here; without a listener it would crash the
  // process. The pool drops the client and makes a new one on the next checkout.
  pool.on('error', (error) => logger.warn({ err: error }, 'idle database connection lost'));

  const run = async <Row extends object>(
    client: pg.Pool | pg.PoolClient,
    text: string,
    params?: readonly unknown[],
  ): Promise<Row[]> => {
    try {
      const result = await client.query<Row>(text, params as unknown[] | undefined);
      return result.rows;
    } catch (error) {
      throw translateDbError(error);
    }
  };

  return {
    connectionString,
    query: (text, params) => run(pool, text, params),
    async transaction(work) {
      let client: pg.PoolClient;
      try {
        client = await pool.connect();
      } catch (error) {
        throw translateDbError(error);
      }
      const tx: Queryable = { query: (text, params) => run(client, text, params) };
      let broken = false;
      try {
        await tx.query('BEGIN');
        const result = await work(tx);
        await tx.query('COMMIT');
        return result;
      } catch (error) {
        try {
          await client.query('ROLLBACK');
        } catch {
          broken = true;
        }
        throw error;
      } finally {
        client.release(broken);
      }
    },
    async ping() {
      await run(pool, 'SELECT 1');
    },
    close: () => pool.end(),
  };
}

/** Quotes an identifier for SQL text. Ids are validated before they get here; this is the net. */
export function quoteIdent(identifier: string): string {
  return `"${identifier.replaceAll('"', '""')}"`;
}

/** Quotes a literal for SQL text, where a statement takes no bind parameters (DDL, COPY options). */
export function quoteLiteral(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/** The URL of another database on the server `connectionString` names, with its credentials. */
export function databaseUrl(connectionString: string, database: string) {
  const url = new URL(connectionString);
  url.pathname = `/${encodeURIComponent(database)}`;
  return url.toString();
}

/** A one-off client for admin work outside a pool (creating a database in tests, say). */
export async function withClient<T>(
  connectionString: string,
  work: (client: Queryable) => Promise<T>,
): Promise<T> {
  const client = new pg.Client({ connectionString, connectionTimeoutMillis: 5_000, types });
  await client.connect();
  try {
    return await work({
      query: async (text, params) =>
        (await client.query(text, params as unknown[] | undefined)).rows,
    });
  } finally {
    await client.end();
  }
}
