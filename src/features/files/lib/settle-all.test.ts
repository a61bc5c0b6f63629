import { describe, expect, it } from 'vitest';
import { settleAll } from './settle-all';

describe('settleAll', () => {
  it('never runs more than the limit at once, and keeps the order of the items', async () => {
    let running = 0;
    let most = 0;
    const results = await settleAll([5, 1, 4, 2, 3, 0], 2, async (ms) => {
      running++;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, ms));
      running--;
      if (ms === 4) throw new Error('four');
      return ms * 10;
    });

    expect(most).toBe(2);
    expect(results).toEqual([
      { status: 'fulfilled', value: 50 },
      { status: 'fulfilled', value: 10 },
      { status: 'rejected', reason: new Error('four') },
      { status: 'fulfilled', value: 20 },
      { status: 'fulfilled', value: 30 },
      { status: 'fulfilled', value: 0 },
    ]);
  });

  it('does nothing for no items', async () => {
    expect(await settleAll([], 3, () => Promise.resolve(1))).toEqual([]);
  });
});
