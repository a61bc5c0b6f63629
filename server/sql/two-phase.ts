import { randomUUID } from 'node:crypto';
import { ERROR_CODES } from '../../contract/errors';
import { isPostgresError, quoteLiteral, type Db, type Queryable } from '../db/index';
import type { SqlSession } from '../db/workspace-sessions';
import { ApiError } from '../errors';
import type { Logger } from '../logger';
import type { RunOptions, WorkspaceSandbox } from './sandbox';

/**
 * One change across the console's database and a workspace's (which may be another database):
 * a file's record and the table rows that name it commit together or not at all.
 *
 * The workspace's half runs first as far as PREPARE TRANSACTION, inside the console's half's
 * open transaction; the console's half then writes its decision (`commit`) to
 * `deeplake_console.prepared_decisions` and commits, and only then is the prepared half
 * committed. The console's commit is the moment the change happens: before it, everything is
 * rolled back; after it, the prepared half is committed — by the request, or, if the process
 * died in between, by `settleInDoubt`, which reads the decision. A prepared half with no
 * decision is decided `rollback` by inserting that decision: the insert waits for a console half
 * still holding the same key and loses to it, so the two can never disagree.
 */

/** Every transaction this prepares has an identifier starting so (then the workspace's id). */
export const PREPARED_PREFIX = 'deeplake-console:';

/** A prepared half must be this old before `settleInDoubt` decides it: it may be under way. */
export const IN_DOUBT_AFTER_MS = 60_000;

export type Outcome = 'commit' | 'rollback';

export interface AcrossOptions {
  db: Db;
  sandbox: WorkspaceSandbox;
  logger: Logger;
  workspaceId: string;
  /** Whose change it is: its statements run in their organization's and person's share. */
  run: Pick<RunOptions, 'tenant' | 'signal'>;
}

/**
 * Runs `consoleHalf` in a transaction of the console's database and `workspaceHalf` (given what
 * the first returned) in one of the workspace's sessions, and commits both or neither. Either
 * half throwing rolls both back and rethrows.
 */
export async function commitAcross<C, W>(
  { db, sandbox, logger, workspaceId, run }: AcrossOptions,
  consoleHalf: (tx: Queryable) => Promise<C>,
  workspaceHalf: (session: SqlSession, consoleResult: C) => Promise<W>,
): Promise<{ console: C; workspace: W }> {
  const gid = `${PREPARED_PREFIX}${workspaceId}:${randomUUID()}`;
  let prepared = false;
  let halves: { console: C; workspace: W } | undefined;
  try {
    await db.transaction(async (tx) => {
      const consoleResult = await consoleHalf(tx);
      const workspaceResult = await sandbox.run(workspaceId, run, async (session) => {
        await session.query('BEGIN');
        try {
          const result = await workspaceHalf(session, consoleResult);
          await session.query(`PREPARE TRANSACTION ${quoteLiteral(gid)}`);
          prepared = true;
          return result;
        } catch (error) {
          // A failed PREPARE has rolled back already; ROLLBACK then only warns.
          await session.query('ROLLBACK').catch(() => {});
          throw preparedTransactionsOff(error);
        }
      });
      halves = { console: consoleResult, workspace: workspaceResult };
      await tx.query(
        `INSERT INTO deeplake_console.prepared_decisions (gid, outcome) VALUES ($1, 'commit')`,
        [gid],
      );
    });
  } catch (error) {
    if (!prepared) throw error;
    // The console's commit failed, or its answer was lost: what it decided, if it did, stands.
    const outcome = await decide(db, gid).catch((decideError: unknown) => {
      logger.warn({ err: decideError, gid }, 'a prepared change is in doubt: settled later');
      return null;
    });
    if (outcome === null) throw error;
    await settle({ db, sandbox, logger }, workspaceId, gid, outcome);
    if (outcome === 'rollback' || halves === undefined) throw error;
    return halves;
  }
  await settle({ db, sandbox, logger }, workspaceId, gid, 'commit');
  return halves!;
}

/** The decision on `gid`: the one written, or `rollback`, written now if there was none. */
async function decide(db: Queryable, gid: string): Promise<Outcome> {
  await db.query(
    `INSERT INTO deeplake_console.prepared_decisions (gid, outcome) VALUES ($1, 'rollback')
     ON CONFLICT (gid) DO NOTHING`,
    [gid],
  );
  const [row] = await db.query<{ outcome: Outcome }>(
    'SELECT outcome FROM deeplake_console.prepared_decisions WHERE gid = $1',
    [gid],
  );
  return row!.outcome;
}

/**
 * Commits or rolls back the prepared half `gid` and forgets its decision. A half already settled
 * (by another server, or an earlier try) is fine. A failure is logged: `settleInDoubt` retries.
 */
async function settle(
  { db, sandbox, logger }: Pick<AcrossOptions, 'db' | 'sandbox' | 'logger'>,
  workspaceId: string,
  gid: string,
  outcome: Outcome,
) {
  try {
    await sandbox.housekeeping(workspaceId, async (session) => {
      try {
        await session.query(
          `${outcome === 'commit' ? 'COMMIT' : 'ROLLBACK'} PREPARED ${quoteLiteral(gid)}`,
        );
      } catch (error) {
        // 42704: no prepared transaction of that name (settled already).
        if (!(isPostgresError(error) && error.code === '42704')) throw error;
      }
    });
    await db.query('DELETE FROM deeplake_console.prepared_decisions WHERE gid = $1', [gid]);
  } catch (error) {
    logger.warn({ err: error, gid, outcome }, 'a prepared change was not settled: retried later');
  }
}

/**
 * Settles the prepared halves of this server's changes that are older than `olderThanMs` (a
 * process died between preparing and settling them), by their decisions; returns how many.
 */
export async function settleInDoubt(
  { db, sandbox, logger }: Pick<AcrossOptions, 'db' | 'sandbox' | 'logger'>,
  { olderThanMs = IN_DOUBT_AFTER_MS }: { olderThanMs?: number } = {},
): Promise<number> {
  const stale = await db.query<{ gid: string }>(
    // Only in this console's databases: another console on the same PostgreSQL decides its own.
    `SELECT p.gid FROM pg_catalog.pg_prepared_xacts p
      WHERE starts_with(p.gid, $1)
        AND p.prepared < clock_timestamp() - $2 * interval '1 millisecond'
        AND (p.database = current_database()
             OR p.database IN (SELECT database_name FROM deeplake_console.workspace_roles))
      ORDER BY p.prepared`,
    [PREPARED_PREFIX, olderThanMs],
  );
  for (const { gid } of stale) {
    const workspaceId = gid.slice(PREPARED_PREFIX.length, gid.lastIndexOf(':'));
    const outcome = await decide(db, gid);
    logger.warn({ gid, outcome }, 'settling a change left prepared');
    await settle({ db, sandbox, logger }, workspaceId, gid, outcome);
  }
  // Decisions whose prepared half is gone were settled, but not forgotten (a failed delete).
  await db.query(
    `DELETE FROM deeplake_console.prepared_decisions d
      WHERE decided_at < clock_timestamp() - interval '10 minutes'
        AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_prepared_xacts p WHERE p.gid = d.gid)`,
  );
  return stale.length;
}

/**
 * Keeps settling what is in doubt, once now and then every `everyMs`, until the returned stop
 * is called. Failures are logged, never thrown.
 */
export function keepSettling(
  options: Pick<AcrossOptions, 'db' | 'sandbox' | 'logger'>,
  everyMs = IN_DOUBT_AFTER_MS,
): () => Promise<void> {
  let running: Promise<unknown> = Promise.resolve();
  const pass = () => {
    running = settleInDoubt(options).catch((error: unknown) =>
      options.logger.warn({ err: error }, 'could not settle prepared changes'),
    );
  };
  pass();
  const timer = setInterval(pass, everyMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}

/** A PostgreSQL that allows no prepared transactions, said in words a person can act on. */
function preparedTransactionsOff(error: unknown) {
  // 55000 object_not_in_prerequisite_state: "prepared transactions are disabled".
  if (
    isPostgresError(error) &&
    error.code === '55000' &&
    /prepared transactions/.test(error.message)
  ) {
    return new ApiError(
      503,
      ERROR_CODES.notReady,
      "This server's PostgreSQL allows no prepared transactions (max_prepared_transactions " +
        'is 0), which changing a table together with a file needs: nothing was changed. ' +
        'Set max_prepared_transactions above 0 on it, or change the table with SQL',
    );
  }
  return error;
}
