import { ApiError } from '../errors';
import { ERROR_CODES } from '../../contract/errors';
import { databaseUrl, quoteIdent, type Db } from '../db/index';
import {
  createSessionPool,
  PoolBusyError,
  type SessionPool,
  type SqlSession,
} from '../db/workspace-sessions';
import type { Logger } from '../logger';
import { workspaceRole } from './roles';
import { createWorkspaceDatabases } from './workspace-databases';
import { databaseBytes, watchSize, workspaceFull } from './workspace-size';
import { ServerBusyError, SessionBudget, type Tenant } from './session-budget';

export interface SqlLimits {
  /** A statement still running after this long is cancelled on the server. */
  deadlineMs: number;
  maxRows: number;
  maxBytes: number;
  maxBatchRows: number;
  /** Sessions per workspace: what one workspace's long queries can take from the server. */
  sessionsPerWorkspace: number;
  /** Statements at once over all workspaces, per organization, per person (SessionBudget). */
  sessionsTotal: number;
  sessionsPerOrganization: number;
  sessionsPerUser: number;
  /** How long a statement waits for a place before the answer is 503 server_busy. */
  sessionQueueMs: number;
  /** What a workspace's database may hold (./workspace-size.ts); 0 for no limit. */
  workspaceBytes: number;
}

export const DEFAULT_SQL_LIMITS: SqlLimits = {
  deadlineMs: 30_000,
  maxRows: 100_000,
  maxBytes: 64 * 1024 * 1024,
  maxBatchRows: 1_000_000,
  sessionsPerWorkspace: 4,
  // The embedded PostgreSQL takes 200 connections: the console's own pool and a margin stay.
  sessionsTotal: 120,
  sessionsPerOrganization: 32,
  sessionsPerUser: 32,
  sessionQueueMs: 3_000,
  workspaceBytes: 10 * 1024 ** 3,
};

/** Session settings the value codec relies on; the role's sessions start with them. */
const SESSION_SETTINGS = {
  TimeZone: 'UTC',
  DateStyle: 'ISO, MDY',
  IntervalStyle: 'postgres',
  extra_float_digits: '1',
  bytea_output: 'hex',
  client_encoding: 'UTF8',
};

export interface RunOptions {
  /** Whose statement it is: its organization's and person's share of the sessions. */
  tenant: Tenant;
  /** Aborted when the client goes away: the running statement is cancelled. */
  signal?: AbortSignal;
  /** Overrides the configured deadline (imports run longer than queries). */
  deadlineMs?: number;
  /**
   * The work may add to the workspace (./workspace-size.ts). `atomic`: it runs in one transaction
   * of the sandbox's, committed only if the workspace is then within its limit, so a statement
   * that would pass it fails and leaves nothing (the work must not BEGIN or COMMIT itself).
   * `watched`, for what cannot run in a transaction (VACUUM, CREATE INDEX CONCURRENTLY): refused
   * when the workspace is full, and cancelled if it grows past the limit while it runs.
   */
  grows?: 'atomic' | 'watched';
}

export class DeadlineExceeded extends Error {
  override name = 'DeadlineExceeded';
}

/**
 * The workspaces' SQL sessions: a pool per workspace role, opened on first use and closed when
 * idle or when the workspace goes. Every run has a deadline after which its backend is cancelled
 * through the console's own connection, whatever the session set for itself.
 */
export interface WorkspaceSandbox {
  readonly limits: SqlLimits;
  run<T>(
    workspaceId: string,
    options: RunOptions,
    work: (session: SqlSession) => Promise<T>,
  ): Promise<T>;
  /**
   * Runs the console's own housekeeping in one of the workspace's sessions, outside any tenant's
   * share and deadline: settling what a request prepared (./two-phase.ts) must not be refused
   * as busy. Only for short statements of the console's.
   */
  housekeeping<T>(workspaceId: string, work: (session: SqlSession) => Promise<T>): Promise<T>;
  /** Makes the workspace's database now rather than on first use (after creating it). */
  prepare(workspaceId: string): Promise<void>;
  /** Brings the template and every workspace database up to date; drops what deletions left. */
  prepareAll(): Promise<void>;
  /**
   * Closes the workspace's pool and ends its roles' sessions; once the workspace is deleted,
   * drops its database and roles (queued by dropWorkspaceStorage).
   */
  forget(workspaceId: string, roles?: readonly string[]): Promise<void>;
  close(): Promise<void>;
}

export function createWorkspaceSandbox({
  db,
  logger,
  limits = DEFAULT_SQL_LIMITS,
}: {
  db: Db;
  logger: Logger;
  limits?: SqlLimits;
}): WorkspaceSandbox {
  const pools = new Map<string, { pool: SessionPool; role: string; database: string | null }>();
  const databases = createWorkspaceDatabases(db, logger);
  const budget = new SessionBudget({
    total: limits.sessionsTotal,
    perOrganization: limits.sessionsPerOrganization,
    perUser: limits.sessionsPerUser,
    waitMs: limits.sessionQueueMs,
  });

  async function storageOf(workspaceId: string) {
    const role = await workspaceRole(db, workspaceId);
    if (!role)
      throw new ApiError(404, ERROR_CODES.notFound, `Workspace "${workspaceId}" not found`);
    await databases.ensure({
      workspaceId,
      roleName: role.role_name,
      databaseName: role.database_name,
    });
    return role;
  }

  async function poolFor(workspaceId: string) {
    const open = pools.get(workspaceId);
    if (open) return open;
    const role = await storageOf(workspaceId);
    const raced = pools.get(workspaceId);
    if (raced) return raced;
    const pool = createSessionPool({
      connectionString:
        role.database_name === null
          ? db.connectionString
          : databaseUrl(db.connectionString, role.database_name),
      user: role.role_name,
      password: role.password,
      max: limits.sessionsPerWorkspace,
      logger,
      // Every session can read every session's application name: no workspace id in it.
      applicationName: 'deeplake-workspace',
      acquireTimeoutMs: 10_000,
      settings: {
        ...SESSION_SETTINGS,
        // Not a role setting: those are stored where every role can read them.
        ...(role.database_name === null
          ? {}
          : { search_path: `${quoteIdent(workspaceId)}, public` }),
        // A backstop only: the deadline below cancels first.
        statement_timeout: String(limits.deadlineMs + 5_000),
      },
    });
    const opened = { pool, role: role.role_name, database: role.database_name };
    pools.set(workspaceId, opened);
    return opened;
  }

  async function cancel(processId: number) {
    try {
      await db.query('SELECT pg_cancel_backend($1)', [processId]);
    } catch (error) {
      logger.warn({ err: error, processId }, 'could not cancel a workspace query');
    }
  }

  return {
    limits,
    async run(workspaceId, { tenant, signal, deadlineMs = limits.deadlineMs, grows }, work) {
      signal?.throwIfAborted();
      const { pool, database } = await poolFor(workspaceId);
      // Only what may add to the workspace is measured, so reading and making room always run.
      // Workspaces from before per-workspace databases share the console's: not measured.
      const sizeLimit = database === null || !grows ? 0 : limits.workspaceBytes;
      if (sizeLimit > 0) {
        const bytes = await databaseBytes(db, database!);
        if (bytes >= sizeLimit) throw workspaceFull(workspaceId, bytes, sizeLimit);
      }
      let release: () => void;
      try {
        release = await budget.acquire(tenant, signal);
      } catch (error) {
        if (error instanceof ServerBusyError) {
          throw new ApiError(
            503,
            ERROR_CODES.serverBusy,
            error.message,
            {},
            {
              'retry-after': String(error.retryAfterSeconds),
            },
          );
        }
        throw error;
      }
      try {
        return await pool.withSession(async (session) => {
          let running = true;
          let expired = false;
          let overflow: number | null = null;
          const stop = () => {
            if (running) void cancel(session.processId);
          };
          const timer = setTimeout(() => {
            expired = true;
            stop();
          }, deadlineMs);
          signal?.addEventListener('abort', stop);
          const unwatch =
            sizeLimit > 0
              ? watchSize(db, database!, sizeLimit, (bytes) => {
                  overflow = bytes;
                  stop();
                })
              : () => {};
          try {
            if (grows !== 'atomic') return await work(session);
            await session.query('BEGIN');
            let result: Awaited<ReturnType<typeof work>>;
            try {
              result = await work(session);
              const bytes = sizeLimit > 0 ? await databaseBytes(db, database!) : 0;
              if (bytes > sizeLimit) throw workspaceFull(workspaceId, bytes, sizeLimit);
            } catch (error) {
              await session.query('ROLLBACK').catch(() => {});
              throw error;
            }
            await session.query('COMMIT');
            return result;
          } catch (error) {
            if (overflow !== null && isCancelled(error)) {
              throw workspaceFull(workspaceId, overflow, sizeLimit);
            }
            if (expired && isCancelled(error)) {
              throw new DeadlineExceeded(
                `The statement ran longer than ${deadlineMs / 1000} s and was cancelled`,
              );
            }
            throw error;
          } finally {
            running = false;
            clearTimeout(timer);
            unwatch();
            signal?.removeEventListener('abort', stop);
          }
        });
      } catch (error) {
        if (error instanceof PoolBusyError) {
          throw new ApiError(
            503,
            ERROR_CODES.serverBusy,
            error.message,
            {},
            { 'retry-after': '2' },
          );
        }
        throw error;
      } finally {
        release();
      }
    },
    async housekeeping(workspaceId, work) {
      const { pool } = await poolFor(workspaceId);
      return pool.withSession(work);
    },
    async prepare(workspaceId) {
      await storageOf(workspaceId);
    },
    prepareAll: () => databases.prepare(),
    async forget(workspaceId, roles = []) {
      const open = pools.get(workspaceId);
      pools.delete(workspaceId);
      const names = [...new Set([...roles, ...(open ? [open.role] : [])])];
      if (names.length > 0) {
        await db.query(
          `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
            WHERE usename = ANY($1) AND pid <> pg_backend_pid()`,
          [names],
        );
      }
      await open?.pool.close().catch(() => {});
      if (roles.length > 0) await databases.dropQueued();
    },
    async close() {
      const open = [...pools.values()];
      pools.clear();
      await Promise.all(open.map(({ pool }) => pool.close().catch(() => {})));
    },
  };
}

function isCancelled(error: unknown) {
  return error instanceof Error && (error as { code?: string }).code === '57014';
}
