import { createRequire } from 'node:module';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  BatchRowError,
  CHUNK_ROWS,
  Describe,
  Execute,
  Pipeline,
  type Exchange,
  type ExecuteOptions,
  type WireValue,
} from './exchanges';
import { GuardedSocket } from './guarded-socket';
import { MessageTooLargeError } from './message-guard';
import {
  backendProcessId,
  connectGuarded,
  createGuardedPool,
  submit,
  type GuardedClient,
} from './pg-adapter';

/**
 * The contract between ./pg-adapter and the pinned node-postgres, on the test cluster's real
 * Postgres. The adapter relies on node-postgres internals: it calls an exchange's handlers by
 * name, in a given order, for the messages of its round trip; it keeps the backend's process id
 * as `processID`; it reads through the socket its `stream` option made. Each test below names
 * what it covers, so a `pg` upgrade that changes one of them fails that test by name instead of
 * breaking workspace SQL silently.
 *
 * Exchanges run through a recording proxy: every `handle…` node-postgres calls is noted, and one
 * an Exchange does not implement (a handler pg renamed, or one renamed here) fails the exchange
 * at once, so the recorded order shows the new name.
 */

const pgVersion = (createRequire(import.meta.url)('pg/package.json') as { version: string })
  .version;

let pool: pg.Pool;
/** Exceptions the current test's connection contained: none, unless pg broke the contract. */
const contained: unknown[] = [];

beforeAll(() => {
  pool = createGuardedPool({
    connectionString: inject('adminDatabaseUrl'),
    max: 2,
    application_name: 'deeplake-console/pg-contract-test',
    messageCap: 1024 * 1024,
    onContained: (error) => contained.push(error),
  });
});
afterAll(() => pool.end());

/** A client of the guarded pool for one test; dropped after it, so no state carries over. */
async function withGuarded<T>(work: (guarded: GuardedClient) => Promise<T>): Promise<T> {
  contained.length = 0;
  const guarded = await connectGuarded(pool);
  try {
    return await work(guarded);
  } finally {
    guarded.client.release(true);
    expect(contained).toEqual([]);
  }
}

interface Recording<T> {
  exchange: Exchange<T>;
  /** Handler names in the order node-postgres called them. */
  calls: string[];
  /** What node-postgres passed to `submit`. */
  connection: () => { stream: unknown } | undefined;
}

function recorded<T>(exchange: Exchange<T>): Recording<T> {
  const calls: string[] = [];
  let connection: { stream: unknown } | undefined;
  const proxy = new Proxy(exchange, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (property === 'submit') {
        return (given: { stream: unknown }) => {
          connection = given;
          (value as (connection: unknown) => void).call(receiver, given);
        };
      }
      if (typeof property !== 'string' || !property.startsWith('handle')) return value;
      calls.push(property);
      if (typeof value === 'function') return value;
      return () =>
        target.handleError(
          new Error(`node-postgres called ${property}, which an Exchange does not implement`),
        );
    },
  });
  return { exchange: proxy, calls, connection: () => connection };
}

/** `handleDataRow×3` for three calls in a row: the order, legible. */
function runs(calls: string[]) {
  const out: string[] = [];
  let count = 0;
  calls.forEach((call, index) => {
    count++;
    if (calls[index + 1] === call) return;
    out.push(count > 1 ? `${call}×${count}` : call);
    count = 0;
  });
  return out;
}

/** The exchange's outcome, or a failure naming what was called when it never ends. */
async function outcome<T>(recording: Recording<T>, ms = 10_000) {
  let timer: NodeJS.Timeout | undefined;
  const stalled = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new Error(`node-postgres never ended the exchange; it called ${runs(recording.calls)}`),
        ),
      ms,
    );
  });
  try {
    return await Promise.race([recording.exchange.done, stalled]);
  } finally {
    clearTimeout(timer);
  }
}

const asText = (): ExecuteOptions['rowReader'] => () => (fields: WireValue[]) => fields;
const rows = (maxRows = 10_000): ExecuteOptions => ({
  maxRows,
  maxChars: 10 * 1024 * 1024,
  rowReader: asText(),
});

describe(`node-postgres ${pgVersion}, as the wire adapter drives it`, () => {
  it('submit: pg calls an exchange’s submit with its connection, whose stream is the guarded socket', async () => {
    await withGuarded(async ({ client, socket }) => {
      const run = recorded(new Execute('SELECT 1', [], rows()));
      void submit(client, run.exchange);
      await outcome(run);
      expect(socket).toBeInstanceOf(GuardedSocket);
      expect(run.connection()?.stream).toBe(socket);
      expect(typeof (run.connection() as { on?: unknown }).on).toBe('function');
    });
  });

  it('stream: pg reads Postgres only through the guarded socket’s data events', async () => {
    await withGuarded(async ({ client, socket }) => {
      // The guard saw the connection's start, as pg did.
      expect(socket.guard.backendKey?.processId).toBe(backendProcessId(client));
      // A plain query of pg's own: a message over the cap never reaches its parser. The
      // aborted connection then emits 'error' on its client, which must be listened to.
      client.on('error', () => {});
      socket.guard.limit = 1024;
      const failure = await client
        .query(`SELECT repeat('x', 5000) AS big`)
        .catch((error: unknown) => error);
      expect(socket.abortReason).toBeInstanceOf(MessageTooLargeError);
      expect(failure).toBe(socket.abortReason);
    });
  });

  it('processID: pg keeps the backend’s process id, the one pg_backend_pid() reports', async () => {
    await withGuarded(async ({ client }) => {
      const processId = backendProcessId(client);
      expect(typeof processId).toBe('number');
      const { rows: pid } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      expect(processId).toBe(pid[0]!.pid);
    });
  });

  it('handleRowDescription, handleDataRow, handleCommandComplete, handleReadyForQuery: one statement, in that order', async () => {
    await withGuarded(async ({ client }) => {
      const run = recorded(
        new Execute(
          'SELECT g, g::text AS t, NULL::text AS n FROM generate_series(1, 3) g',
          [],
          rows(),
        ),
      );
      void submit(client, run.exchange);
      const result = await outcome(run);
      expect(runs(run.calls)).toEqual([
        'handleRowDescription',
        'handleDataRow×3',
        'handleCommandComplete',
        'handleReadyForQuery',
      ]);
      // The messages' shapes the exchanges read: field names and type oids, raw text values
      // (null for NULL), the command tag.
      expect(result).toEqual({
        columns: [
          { name: 'g', typeOid: 23 },
          { name: 't', typeOid: 25 },
          { name: 'n', typeOid: 25 },
        ],
        rows: [
          ['1', '1', null],
          ['2', '2', null],
          ['3', '3', null],
        ],
        command: 'SELECT',
        tagCount: 3,
        truncated: false,
      });
    });
  });

  it('handlePortalSuspended: a portal read in chunks, and one closed early', async () => {
    await withGuarded(async ({ client }) => {
      const whole = recorded(
        new Execute(`SELECT g FROM generate_series(1, ${CHUNK_ROWS + 100}) g`, [], rows()),
      );
      void submit(client, whole.exchange);
      expect((await outcome(whole)).rows).toHaveLength(CHUNK_ROWS + 100);
      expect(runs(whole.calls)).toEqual([
        'handleRowDescription',
        `handleDataRow×${CHUNK_ROWS}`,
        'handlePortalSuspended',
        'handleDataRow×100',
        'handleCommandComplete',
        'handleReadyForQuery',
      ]);

      // Past maxRows the portal is closed: its CloseComplete is not the exchange's to handle.
      const capped = recorded(new Execute('SELECT g FROM generate_series(1, 100) g', [], rows(5)));
      void submit(client, capped.exchange);
      expect(await outcome(capped)).toMatchObject({ truncated: true, tagCount: null });
      expect(runs(capped.calls)).toEqual([
        'handleRowDescription',
        'handleDataRow×6',
        'handlePortalSuspended',
        'handleReadyForQuery',
      ]);
    });
  });

  it('handleEmptyQuery: an empty statement', async () => {
    await withGuarded(async ({ client }) => {
      const run = recorded(new Execute('', [], rows()));
      void submit(client, run.exchange);
      expect(await outcome(run)).toMatchObject({ command: '', rows: [] });
      expect(run.calls).toEqual(['handleEmptyQuery', 'handleReadyForQuery']);
    });
  });

  it('handleError: the server’s error, then nothing more; the next exchange waits for ReadyForQuery', async () => {
    await withGuarded(async ({ client }) => {
      const failing = recorded(
        new Execute('SELECT 1 / (g - 2) FROM generate_series(1, 3) g', [], rows()),
      );
      const next = recorded(new Execute('SELECT 2 AS two', [], rows()));
      // Both queued at once: pg must hold the second until the first's ReadyForQuery.
      void submit(client, failing.exchange).catch(() => {});
      void submit(client, next.exchange);
      const failure = await outcome(failing).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(pg.DatabaseError);
      expect((failure as pg.DatabaseError).code).toBe('22012');
      expect(await outcome(next)).toMatchObject({ rows: [['2']], command: 'SELECT' });
      expect(runs(failing.calls)).toEqual(['handleRowDescription', 'handleDataRow', 'handleError']);
      expect(runs(next.calls)).toEqual([
        'handleRowDescription',
        'handleDataRow',
        'handleCommandComplete',
        'handleReadyForQuery',
      ]);

      // A statement that does not parse fails before any other message.
      const unparsed = recorded(new Describe('SELEC 1'));
      void submit(client, unparsed.exchange).catch(() => {});
      const syntax = await outcome(unparsed).catch((error: unknown) => error);
      expect((syntax as pg.DatabaseError).code).toBe('42601');
      expect(unparsed.calls).toEqual(['handleError']);
      expect((await client.query('SELECT 3 AS n')).rows).toEqual([{ n: 3 }]);
    });
  });

  it('handleCopyInResponse: COPY FROM STDIN is refused with a CopyFail', async () => {
    await withGuarded(async ({ client }) => {
      await client.query('CREATE TEMP TABLE copied (n int)');
      const run = recorded(new Execute('COPY copied FROM STDIN', [], rows()));
      void submit(client, run.exchange).catch(() => {});
      const failure = await outcome(run).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(pg.DatabaseError);
      expect((failure as Error).message).toMatch(/COPY FROM STDIN is not available here/);
      expect(run.calls).toEqual(['handleCopyInResponse', 'handleError']);
      expect((await client.query('SELECT count(*)::int AS n FROM copied')).rows).toEqual([
        { n: 0 },
      ]);
    });
  });

  it('handleCopyData: COPY TO STDOUT’s rows', async () => {
    await withGuarded(async ({ client }) => {
      const run = recorded(new Execute('COPY (SELECT 1 UNION ALL SELECT 2) TO STDOUT', [], rows()));
      void submit(client, run.exchange);
      expect(await outcome(run)).toMatchObject({ command: 'COPY', tagCount: 2, rows: [] });
      expect(runs(run.calls)).toEqual([
        'handleCopyData×2',
        'handleCommandComplete',
        'handleReadyForQuery',
      ]);
    });
  });

  it('parameterDescription (a connection event): a Describe learns its parameter types', async () => {
    await withGuarded(async ({ client }) => {
      const run = recorded(new Describe('SELECT $1::int AS a, $2::text AS b'));
      void submit(client, run.exchange);
      expect(await outcome(run)).toEqual({
        paramTypes: [23, 25],
        columns: [
          { name: 'a', typeOid: 23 },
          { name: 'b', typeOid: 25 },
        ],
      });
      expect(run.calls).toEqual(['handleRowDescription', 'handleReadyForQuery']);

      // NoData is not the exchange's: no row description, no columns.
      const noRows = recorded(new Describe('CREATE TEMP TABLE described (n int)'));
      void submit(client, noRows.exchange);
      expect(await outcome(noRows)).toEqual({ paramTypes: [], columns: null });
      expect(noRows.calls).toEqual(['handleReadyForQuery']);
    });
  });

  it('parseComplete (a connection event): a Pipeline tells a failing row from a failing statement', async () => {
    await withGuarded(async ({ client }) => {
      await client.query('CREATE TEMP TABLE piped (n int CHECK (n > 0))');
      const text = 'INSERT INTO piped VALUES ($1)';

      const fine = recorded(new Pipeline(text, [['1'], ['2'], ['3']], 3));
      void submit(client, fine.exchange);
      expect(await outcome(fine)).toEqual([1, 1, 1]);
      expect(runs(fine.calls)).toEqual(['handleCommandComplete×3', 'handleReadyForQuery']);

      const row = recorded(new Pipeline(text, [['4'], ['-5'], ['6']], 3));
      void submit(client, row.exchange).catch(() => {});
      const rowFailure = await outcome(row).catch((error: unknown) => error);
      expect(rowFailure).toBeInstanceOf(BatchRowError);
      expect((rowFailure as BatchRowError).index).toBe(1);
      expect(runs(row.calls)).toEqual(['handleCommandComplete', 'handleError']);

      const statement = recorded(new Pipeline('INSERT INTO nowhere VALUES ($1)', [['1']], 1));
      void submit(client, statement.exchange).catch(() => {});
      const statementFailure = await outcome(statement).catch((error: unknown) => error);
      expect(statementFailure).not.toBeInstanceOf(BatchRowError);
      expect((statementFailure as pg.DatabaseError).code).toBe('42P01');
      expect(statement.calls).toEqual(['handleError']);

      // The implicit transaction ended at the failing row: nothing of that batch stayed.
      expect((await client.query('SELECT n FROM piped ORDER BY n')).rows).toEqual([
        { n: 1 },
        { n: 2 },
        { n: 3 },
      ]);
    });
  });
});
