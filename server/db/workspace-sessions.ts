import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { Logger } from '../logger';
import {
  Describe,
  Execute,
  Pipeline,
  type ExecuteOptions,
  type ExecuteResult,
  type StatementShape,
  type WireValue,
} from './wire/exchanges';
import type { GuardedSocket } from './wire/guarded-socket';
import { DatabaseUnavailableError, translateDbError } from './index';
import { DEFAULT_MESSAGE_CAP } from './wire/message-guard';
import {
  backendProcessId,
  connectGuarded,
  createGuardedPool,
  submit,
  type GuardedClient,
} from './wire/pg-adapter';

export {
  BatchRowError,
  parseCommandTag,
  type ExecuteOptions,
  type ExecuteResult,
  type ResultColumn,
  type StatementShape,
  type WireValue,
} from './wire/exchanges';
export { MessageTooLargeError } from './wire/message-guard';

/**
 * Sessions of one login role (a workspace's), lent from a pool one request at a time. Their
 * statements run as exchanges (./wire/exchanges) over the extended query flow, and what Postgres
 * sends them is framed before the driver parses it (./wire/guarded-socket), so no value, row or
 * error text over the cap is ever read whole. Whatever that takes of node-postgres beyond its
 * documented API goes through ./wire/pg-adapter.
 */

export interface SqlSession {
  readonly processId: number;
  /**
   * Caps each message Postgres sends this session (one row, one error text) at `bytes`, until
   * the session goes back to its pool; it starts at the pool's cap. A bigger message fails the
   * statement with MessageTooLargeError, and the connection is dropped.
   */
  capMessages(bytes: number): void;
  /** Parses the statement (unnamed) and reports its parameter and column types. */
  describe(text: string): Promise<StatementShape>;
  /** Runs a statement: the text, or the unnamed statement `describe` just parsed when null. */
  execute(
    text: string | null,
    values: readonly WireValue[],
    options: ExecuteOptions,
  ): Promise<ExecuteResult>;
  /** Runs `text` once per row of values in one pipelined implicit transaction. */
  pipeline(text: string, rows: Iterable<readonly WireValue[]>, rowCount: number): Promise<number[]>;
  /** `COPY … FROM STDIN` fed from `source`; resolves with the rows copied. */
  copyIn(text: string, source: Readable): Promise<number>;
  query<Row extends object = Record<string, unknown>>(
    text: string,
    params?: readonly unknown[],
  ): Promise<Row[]>;
}

export interface SessionPool {
  /** Lends a session to `work`; its state is discarded before another request gets it. */
  withSession<T>(work: (session: SqlSession) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface SessionPoolOptions {
  connectionString: string;
  user: string;
  password: string;
  max: number;
  logger: Logger;
  /** Settings every session starts with (and returns to after DISCARD ALL). */
  settings: Record<string, string>;
  applicationName: string;
  /** How long a request waits for a free session before the workspace counts as busy. */
  acquireTimeoutMs: number;
  /** Largest message (a row, an error text) a session takes from Postgres; default 64 MiB. */
  messageCap?: number;
}

export class PoolBusyError extends Error {
  override name = 'PoolBusyError';
}

export function createSessionPool(options: SessionPoolOptions): SessionPool {
  const url = new URL(options.connectionString);
  url.username = encodeURIComponent(options.user);
  url.password = encodeURIComponent(options.password);
  const messageCap = options.messageCap ?? DEFAULT_MESSAGE_CAP;
  const pool = createGuardedPool({
    connectionString: url.toString(),
    max: options.max,
    idleTimeoutMillis: 30_000,
    connectionTimeoutMillis: options.acquireTimeoutMs,
    application_name: options.applicationName,
    options: Object.entries(options.settings)
      .map(([name, value]) => `-c ${name}=${value.replaceAll(' ', '\\ ')}`)
      .join(' '),
    messageCap,
    onContained: (error) =>
      options.logger.error(
        { err: error },
        'an exception while a workspace connection was read: that connection was dropped',
      ),
  });
  pool.on('error', (error) =>
    options.logger.warn({ err: error }, 'idle workspace connection lost'),
  );

  return {
    async withSession(work) {
      let client: pg.PoolClient;
      let socket: GuardedSocket;
      try {
        ({ client, socket } = await connectGuarded(pool));
      } catch (error) {
        if (
          error instanceof Error &&
          /timeout exceeded when trying to connect/i.test(error.message)
        ) {
          if (pool.totalCount >= options.max) {
            throw new PoolBusyError(
              `All ${options.max} connections of this workspace are busy: try again shortly`,
            );
          }
        }
        throw translateDbError(error);
      }
      socket.guard.limit = messageCap;
      // A connection that fails while lent (dropped by its guard, ended by the server) emits
      // 'error' on its client after failing its queries. The pool listens only to idle clients,
      // and an 'error' without a listener would throw out of the socket's event, ending the
      // process: this listener takes it for the lease, and the client is not reused.
      let broken = false;
      const onError = () => {
        broken = true;
      };
      client.on('error', onError);
      const release = (error?: Error | boolean) => {
        client.removeListener('error', onError);
        client.release(error);
      };
      let healthy = true;
      try {
        return await work(sessionOf({ client, socket }));
      } catch (error) {
        // A connection dropped by its guard fails whatever the work tried next on it too
        // ("not queryable"); the reason it was dropped is what the caller needs to hear.
        const translated = translateDbError(socket.abortReason ?? error);
        if (translated instanceof DatabaseUnavailableError) healthy = false;
        throw translated;
      } finally {
        if (healthy && !broken && !socket.abortReason) {
          // Temp tables, prepared statements, cursors, advisory locks and settings of one request
          // must not reach the next. Done after the answer is ready, off the response's path.
          client.query('DISCARD ALL').then(
            () => release(),
            (error: Error) => release(error),
          );
        } else {
          release(true);
        }
      }
    },
    close: () => pool.end(),
  };
}

function sessionOf({ client, socket }: GuardedClient): SqlSession {
  return {
    processId: backendProcessId(client),
    capMessages(bytes) {
      socket.guard.limit = bytes;
    },
    describe: (text) => submit(client, new Describe(text)),
    execute: (text, values, options) => submit(client, new Execute(text, values, options)),
    pipeline: (text, rows, rowCount) => submit(client, new Pipeline(text, rows, rowCount)),
    async copyIn(text, source) {
      const stream = client.query(copyFrom(text));
      await pipeline(source, stream);
      return Number(stream.rowCount ?? 0);
    },
    async query(text, params) {
      return (await client.query(text, params as unknown[] | undefined)).rows;
    },
  };
}
