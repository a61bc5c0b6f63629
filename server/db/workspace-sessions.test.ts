import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { createDb, type Db } from './index';
import { createSessionPool, MessageTooLargeError, type SessionPool } from './workspace-sessions';

/**
 * Sessions over their guarded sockets, on the test cluster's Postgres: a message over the cap
 * and an exception while a message is handled each end that one connection, its backend and
 * its statement, and nothing else.
 */

const logged: { level: number; msg: string }[] = [];
const logger = pino(
  { level: 'warn' },
  new Writable({
    write(line: Buffer, _encoding, done) {
      logged.push(JSON.parse(line.toString()) as { level: number; msg: string });
      done();
    },
  }),
);
const APP = 'deeplake-console/session-test';
let pool: SessionPool;
let admin: Db;

const escaped: unknown[] = [];
const onEscape = (error: unknown) => escaped.push(error);

beforeAll(() => {
  process.on('uncaughtException', onEscape);
  const url = new URL(inject('adminDatabaseUrl'));
  admin = createDb({ connectionString: url.toString(), logger, applicationName: 'session-test' });
  pool = createSessionPool({
    connectionString: url.toString(),
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
    max: 2,
    logger,
    settings: {},
    applicationName: APP,
    acquireTimeoutMs: 5_000,
    messageCap: 64 * 1024,
  });
});
afterEach(() => expect(escaped).toEqual([]));
afterAll(async () => {
  process.off('uncaughtException', onEscape);
  await pool.close();
  await admin.close();
});

const rows = { maxRows: 100, maxChars: 1024 * 1024 };
const asText = () => (fields: (string | null)[]) => fields;

/** Resolves once no backend of the pool runs `pattern`; fails after `ms`. */
async function gone(pattern: string, ms: number) {
  const deadline = Date.now() + ms;
  for (;;) {
    const running = await admin.query(
      `SELECT pid FROM pg_stat_activity
        WHERE application_name = $1 AND query LIKE $2 AND state = 'active'`,
      [APP, `%${pattern}%`],
    );
    if (running.length === 0) return;
    if (Date.now() > deadline) throw new Error(`"${pattern}" still runs after ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('a message over the pool’s cap', () => {
  it('fails the statement and cancels it, though its backend has more to compute', async () => {
    // The big first row is sent at once; then the backend sleeps, where a closed socket goes
    // unnoticed: only the CancelRequest stops it before the 30 s are up.
    const query = `SELECT repeat('x', 1000000) AS big UNION ALL SELECT pg_sleep(30)::text`;
    const started = Date.now();
    const failure = await pool
      .withSession((session) => session.execute(query, [], { ...rows, rowReader: asText }))
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(MessageTooLargeError);
    expect((failure as Error).message).toMatch(
      /^A value in row 1, column "big", is 977 KiB, over the 64 KiB limit/,
    );
    await gone('pg_sleep(30)', 3_000);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('is the session’s own: capMessages raises it until the session goes back', async () => {
    const value = await pool.withSession(async (session) => {
      session.capMessages(2 * 1024 * 1024);
      return session.execute(`SELECT repeat('y', 1000000)`, [], { ...rows, rowReader: asText });
    });
    expect((value.rows[0] as string[])[0]).toHaveLength(1_000_000);
    await expect(
      pool.withSession((session) => session.query(`SELECT repeat('y', 1000000)`)),
    ).rejects.toBeInstanceOf(MessageTooLargeError);
  });
});

describe('an exception while a message is handled', () => {
  it('fails that statement and drops that connection, not the process', async () => {
    const boom = new Error('a row reader failed');
    const failure = await pool
      .withSession((session) =>
        session.execute('SELECT g FROM generate_series(1, 10) g', [], {
          ...rows,
          rowReader: () => () => {
            throw boom;
          },
        }),
      )
      .catch((error: unknown) => error);
    expect(failure).toBe(boom);
    expect(
      logged.some((line) => line.level === 50 && /connection was dropped/.test(line.msg)),
    ).toBe(true);
    // Both of the pool's sessions answer: the dropped one was replaced.
    const answers = await Promise.all(
      [1, 2, 3].map((n) =>
        pool.withSession((session) => session.query('SELECT $1::int AS n', [n])),
      ),
    );
    expect(answers).toEqual([[{ n: 1 }], [{ n: 2 }], [{ n: 3 }]]);
  });
});
