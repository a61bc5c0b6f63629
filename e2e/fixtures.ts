import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Page } from '@playwright/test';
import { E2E_ADMIN_TOKEN } from '../playwright.config';

export { expect };
export const ADMIN_TOKEN = E2E_ADMIN_TOKEN;

/** A short suffix that keeps ids of one test apart from every other test on the shared server. */
export function uniqueId(prefix: string) {
  return `${prefix}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}

/** Fails on any serious or critical accessibility violation of what the page shows now. */
export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter(
    (violation) => violation.impact === 'serious' || violation.impact === 'critical',
  );
  expect(
    serious.map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
    ),
  ).toEqual([]);
}

export const test = base.extend<{ signIn: (token?: string) => Promise<void> }>({
  signIn: async ({ page }, use) => {
    await use(async (token = ADMIN_TOKEN) => {
      await page.goto(`/#token=${token}`);
      await expect(page.getByRole('heading', { name: 'Organizations', level: 1 })).toBeVisible();
    });
  },
});
