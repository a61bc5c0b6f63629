import type { Page } from '@playwright/test';

/** Pages with the binding installed, and the watchers waiting on each. */
const pages = new WeakMap<Page, Map<string, (time: number) => void>>();
let watchers = 0;

async function waitersOf(page: Page) {
  let waiters = pages.get(page);
  if (!waiters) {
    const created = new Map<string, (time: number) => void>();
    pages.set(page, created);
    waiters = created;
    await page.exposeBinding('__benchSeen', (_source, key: string, time: number) => {
      created.get(key)?.(time);
      created.delete(key);
    });
  }
  return waiters;
}

/**
 * The page's `performance.now()` at the first animation frame in which `condition` (page-side
 * JavaScript, as text: the benches compile without the DOM's types) holds.
 *
 * Not `page.waitForFunction`: Playwright evaluates its predicate with `eval` inside the page,
 * which the console's Content-Security-Policy refuses. The check is installed through the
 * DevTools protocol instead, which the policy does not govern; it stamps the time in the page
 * and reports it through a binding, so nothing polls the page meanwhile.
 */
export async function timeWhen(page: Page, condition: string, timeoutMs = 60_000): Promise<number> {
  const waiters = await waitersOf(page);
  const key = `w${watchers++}`;
  const seen = new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => {
      waiters.delete(key);
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${condition}`));
    }, timeoutMs);
    waiters.set(key, (time) => {
      clearTimeout(timer);
      resolve(time);
    });
  });
  await page.evaluate(`(() => {
    const check = () => {
      if (${condition}) window.__benchSeen(${JSON.stringify(key)}, performance.now());
      else requestAnimationFrame(check);
    };
    check();
  })()`);
  return seen;
}
