/**
 * The fair share of PostgreSQL's sessions between tenants. Every workspace has a small pool of
 * its own, but one person can make many organizations and workspaces: without a budget over
 * all of them, sixty workspaces running `pg_sleep` take every connection the server has, and
 * everyone else's `SELECT 42` fails. So a workspace statement first takes a place in this
 * budget: at most `total` at once on this server (well below max_connections, which must
 * also hold the console's own pool), at most `perOrganization` for one organization and
 * `perUser` for one person. A request that does not fit waits in line — a freed place goes to
 * the waiter whose organization runs the fewest — and past `waitMs` it is answered 503
 * server_busy with Retry-After, never a 400 as if its SQL were wrong.
 */

export interface SessionBudgetLimits {
  total: number;
  perOrganization: number;
  perUser: number;
  /** How long a request may wait for a place before it is answered "busy". */
  waitMs: number;
}

export interface Tenant {
  orgId: string;
  userId: string;
}

export class ServerBusyError extends Error {
  override name = 'ServerBusyError';
  constructor(
    message: string,
    /** When to try again. */
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}

interface Waiter {
  tenant: Tenant;
  grant: () => void;
}

export class SessionBudget {
  private running = 0;
  private readonly byOrganization = new Map<string, number>();
  private readonly byUser = new Map<string, number>();
  private readonly queue: Waiter[] = [];

  constructor(readonly limits: SessionBudgetLimits) {}

  /** Places in use, for tests and the log. */
  get inUse() {
    return this.running;
  }

  /**
   * Takes a place for `tenant`, waiting for one at most `waitMs`; resolves with the function
   * that gives it back (call it exactly once).
   */
  acquire(tenant: Tenant, signal?: AbortSignal): Promise<() => void> {
    signal?.throwIfAborted();
    // Waiters that fit were served when their place freed: one that fits now goes first.
    if (this.fits(tenant)) return Promise.resolve(this.take(tenant));
    return new Promise((resolve, reject) => {
      const leave = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', abort);
        const at = this.queue.indexOf(waiter);
        if (at >= 0) this.queue.splice(at, 1);
      };
      const waiter: Waiter = {
        tenant,
        grant: () => {
          leave();
          resolve(this.take(tenant));
        },
      };
      const abort = () => {
        leave();
        reject(signal!.reason);
      };
      const timer = setTimeout(() => {
        leave();
        reject(this.busy(tenant));
      }, this.limits.waitMs);
      signal?.addEventListener('abort', abort, { once: true });
      this.queue.push(waiter);
    });
  }

  private fits({ orgId, userId }: Tenant) {
    return (
      this.running < this.limits.total &&
      (this.byOrganization.get(orgId) ?? 0) < this.limits.perOrganization &&
      (this.byUser.get(userId) ?? 0) < this.limits.perUser
    );
  }

  private take(tenant: Tenant): () => void {
    this.running++;
    bump(this.byOrganization, tenant.orgId, 1);
    bump(this.byUser, tenant.userId, 1);
    let given = false;
    return () => {
      if (given) return;
      given = true;
      this.running--;
      bump(this.byOrganization, tenant.orgId, -1);
      bump(this.byUser, tenant.userId, -1);
      this.dispatch();
    };
  }

  /** Hands freed places to waiters that fit, the least busy organization first. */
  private dispatch() {
    for (;;) {
      let next: Waiter | undefined;
      for (const waiter of this.queue) {
        if (!this.fits(waiter.tenant)) continue;
        if (
          !next ||
          (this.byOrganization.get(waiter.tenant.orgId) ?? 0) <
            (this.byOrganization.get(next.tenant.orgId) ?? 0)
        ) {
          next = waiter;
        }
      }
      if (!next) return;
      next.grant();
    }
  }

  private busy({ orgId, userId }: Tenant): ServerBusyError {
    const why =
      (this.byUser.get(userId) ?? 0) >= this.limits.perUser
        ? `you already run ${this.limits.perUser} statements at once, the most one person may`
        : (this.byOrganization.get(orgId) ?? 0) >= this.limits.perOrganization
          ? `organization "${orgId}" already runs ${this.limits.perOrganization} statements at once, the most one organization may`
          : `the server runs ${this.limits.total} statements at once, all it takes`;
    return new ServerBusyError(
      `The server is busy: ${why}. Try again in a moment.`,
      Math.max(1, Math.ceil(this.limits.waitMs / 1000)),
    );
  }
}

function bump(counts: Map<string, number>, key: string, by: number) {
  const next = (counts.get(key) ?? 0) + by;
  if (next === 0) counts.delete(key);
  else counts.set(key, next);
}
