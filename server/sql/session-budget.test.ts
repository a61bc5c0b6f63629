import { describe, expect, it } from 'vitest';
import { ServerBusyError, SessionBudget } from './session-budget';

const limits = { total: 4, perOrganization: 2, perUser: 3, waitMs: 200 };
const acme = { orgId: 'acme', userId: 'ann' };
const globex = { orgId: 'globex', userId: 'bob' };

describe('SessionBudget', () => {
  it('gives an organization at most its share, and another organization its own', async () => {
    const budget = new SessionBudget(limits);
    await budget.acquire(acme);
    await budget.acquire(acme);
    const third = budget.acquire(acme);
    // Acme is at its share: Globex still gets a place at once.
    await budget.acquire(globex);
    await expect(third).rejects.toBeInstanceOf(ServerBusyError);
    await expect(third).rejects.toThrow(
      'The server is busy: organization "acme" already runs 2 statements at once, the most one organization may. Try again in a moment.',
    );
    expect(budget.inUse).toBe(3);
  });

  it('caps one person across the organizations they made', async () => {
    const budget = new SessionBudget({ ...limits, total: 10 });
    for (const orgId of ['a', 'b', 'c']) await budget.acquire({ orgId, userId: 'mallory' });
    const error = await budget.acquire({ orgId: 'd', userId: 'mallory' }).catch((e) => e);
    expect(error).toBeInstanceOf(ServerBusyError);
    expect(error.message).toContain('you already run 3 statements at once');
    expect(error.retryAfterSeconds).toBe(1);
  });

  it('hands a freed place to the waiter whose organization runs the fewest', async () => {
    const budget = new SessionBudget({ total: 3, perOrganization: 3, perUser: 3, waitMs: 5_000 });
    const releaseAcme = await budget.acquire(acme);
    await budget.acquire(acme);
    const releaseGlobex = await budget.acquire(globex);
    // Full: Acme queues first, then Globex.
    const order: string[] = [];
    const acmeWaits = budget.acquire(acme).then((release) => {
      order.push('acme');
      return release;
    });
    const globexWaits = budget.acquire(globex).then((release) => {
      order.push('globex');
      return release;
    });
    // Globex now runs nothing and Acme two: the place goes to Globex, though it came later.
    releaseGlobex();
    await globexWaits;
    expect(order).toEqual(['globex']);
    releaseAcme();
    await acmeWaits;
    expect(order).toEqual(['globex', 'acme']);
  });

  it('gives a place back once, and lets a cancelled waiter go', async () => {
    const budget = new SessionBudget({ ...limits, total: 1, waitMs: 5_000 });
    const release = await budget.acquire(acme);
    const controller = new AbortController();
    const waiting = budget.acquire(globex, controller.signal);
    controller.abort(new Error('client gone'));
    await expect(waiting).rejects.toThrow('client gone');
    release();
    release();
    expect(budget.inUse).toBe(0);
    await budget.acquire(globex);
    expect(budget.inUse).toBe(1);
  });
});
