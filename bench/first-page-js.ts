import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Page } from '@playwright/test';
import config from '../playwright.config';
import { spawnServer } from '../server/test/spawn-server';

/**
 * Gzipped size of the JavaScript a browser loads for the first page: the sign-in screen, and
 * the organizations screen after signing in by link. Measured in Chromium from what the page
 * really requests, against the 150 KB budget.
 */
const BUDGET_KB = 150;
const ADMIN_TOKEN = 'bench-admin-token-0123456789abcdef';
const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'deeplake-bench-js-'));
const server = await spawnServer({ port: 18_700, dataDir, env: { ADMIN_TOKEN } });
const browser = await chromium.launch(config.use?.launchOptions);

async function scriptBytes(url: string, waitFor: (page: Page) => Promise<void>) {
  const page = await browser.newPage();
  const scripts = new Map<string, number>();
  page.on('response', async (response) => {
    if (response.request().resourceType() !== 'script') return;
    const body = await response.body().catch(() => null);
    if (body) scripts.set(response.url(), gzipSync(body).length);
  });
  await page.goto(url);
  await waitFor(page);
  await page.waitForLoadState('networkidle');
  await page.close();
  return [...scripts.values()].reduce((sum, bytes) => sum + bytes, 0);
}

try {
  const origin = `http://127.0.0.1:${server.port}`;
  const signIn = await scriptBytes(`${origin}/`, (page) => page.getByLabel('API token').waitFor());
  const organizations = await scriptBytes(`${origin}/#token=${ADMIN_TOKEN}`, (page) =>
    page.getByRole('heading', { name: 'Organizations' }).waitFor(),
  );
  const kb = (bytes: number) => bytes / 1024;
  console.log(`sign-in page: ${kb(signIn).toFixed(1)} KB of gzipped JS`);
  console.log(`organizations page (signed in): ${kb(organizations).toFixed(1)} KB of gzipped JS`);
  const worst = Math.max(signIn, organizations);
  console.log(
    `first-page JS: ${kb(worst).toFixed(1)} KB gzipped (budget ${BUDGET_KB} KB: ${(kb(worst) / BUDGET_KB).toFixed(2)}× budget)`,
  );
} finally {
  await browser.close();
  await server.stop();
  await fs.rm(dataDir, { recursive: true, force: true });
}
