import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Page } from '@playwright/test';
import config from '../playwright.config';
import { spawnServer } from '../server/test/spawn-server';

/**
 * The SQL playground in Chromium against the real server (run `npm run build` first):
 *
 * 1. Time to a usable editor: from navigating to the SQL screen to a typed character showing in
 *    Monaco, cold (empty cache) and warm, as a ratio to the same measure for the first page
 *    (organizations) in the same run.
 * 2. Time from the response of a 100,000-row × 10-column result (its last byte arriving) to
 *    the grid showing rows, against the 1 s target. Measured inside the page: the resource
 *    timing of the query request, and a MutationObserver for the first grid cell.
 */
const TARGET_MS = 1000;
const ADMIN_TOKEN = 'bench-admin-token-0123456789abcdef';
const RUNS = 3;
const QUERY = `SELECT g AS id, g * 2 AS doubled, 'row ' || g AS label, g::float8 / 7 AS ratio,
  timestamptz '2026-01-01' + g * interval '1 minute' AS at, md5(g::text) AS hash, g % 2 = 0 AS even,
  ARRAY[g, g + 1]::int4[] AS pair, jsonb_build_object('g', g, 'odd', g % 2 = 1) AS doc,
  (g * 1.5)::numeric AS price
FROM generate_series(1, 100000) g`;

const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'deeplake-bench-sql-editor-'));
const server = await spawnServer({ port: 18_850, dataDir, env: { ADMIN_TOKEN } });
const browser = await chromium.launch(config.use?.launchOptions);
const origin = `http://127.0.0.1:${server.port}`;

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
};

/** A signed-in page in a context of its own (so "cold" really starts with an empty cache). */
async function signedInPage() {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  await page.goto(`${origin}/#token=${ADMIN_TOKEN}`);
  await page.getByRole('heading', { name: 'Organizations', level: 1 }).waitFor();
  return page;
}

/** Milliseconds from navigating to `url` until `ready` resolves. */
async function timeTo(page: Page, url: string, ready: () => Promise<void>) {
  const started = performance.now();
  await page.goto(url);
  await ready();
  return performance.now() - started;
}

const editorUsable = (page: Page) => async () => {
  const editor = page.getByRole('textbox', { name: 'SQL editor' });
  await editor.waitFor();
  await editor.focus();
  await page.keyboard.insertText('S');
  await page.locator('.monaco-editor .view-lines', { hasText: 'S' }).waitFor();
};

try {
  // The first page, as the baseline: organizations, signed in.
  const firstPage: number[] = [];
  const editorCold: number[] = [];
  const editorWarm: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const page = await signedInPage();
    await page.context().clearCookies();
    // Cold: a new context has an empty cache; the sign-in above loaded only the first page.
    editorCold.push(await timeTo(page, `${origin}/workspaces/default/sql`, editorUsable(page)));
    // Warm: the assets are cached now, as on every visit after the first.
    await page.goto(`${origin}/organizations`);
    await page.getByRole('heading', { name: 'Organizations', level: 1 }).waitFor();
    // Start from an empty editor so the typed character is the only text.
    await page.evaluate('localStorage.clear()');
    editorWarm.push(await timeTo(page, `${origin}/workspaces/default/sql`, editorUsable(page)));
    firstPage.push(
      await timeTo(page, `${origin}/organizations`, () =>
        page.getByRole('table', { name: 'Your organizations' }).waitFor(),
      ),
    );
    await page.context().close();
  }

  // The 100,000-row result.
  const gridTimes: number[] = [];
  const sizes: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const page = await signedInPage();
    await page.goto(`${origin}/workspaces/default/sql`);
    const editor = page.getByRole('textbox', { name: 'SQL editor' });
    await editor.waitFor();
    await editor.focus();
    await page.keyboard.insertText(QUERY);
    // Page code as text: this file is compiled without the DOM's types.
    await page.evaluate(`{
      const observer = new MutationObserver(() => {
        if (document.querySelector('[role="grid"][aria-label="Query result"] [role="gridcell"]')) {
          window.gridShown = performance.now();
          observer.disconnect();
        }
      });
      observer.observe(document.body, { childList: true, subtree: true });
    }`);
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await page
      .getByRole('region', { name: 'Result' })
      .getByRole('status')
      .filter({ hasText: '100,000 rows' })
      .waitFor({ timeout: 60_000 });
    const { responseEnd, gridShown, bytes } = await page.evaluate<{
      responseEnd: number;
      gridShown: number;
      bytes: number;
    }>(`(() => {
      const entry = performance
        .getEntriesByType('resource')
        .filter((e) => e.name.endsWith('/tables/query'))
        .at(-1);
      return { responseEnd: entry.responseEnd, gridShown: window.gridShown, bytes: entry.decodedBodySize };
    })()`);
    gridTimes.push(gridShown - responseEnd);
    sizes.push(bytes);
    await page.context().close();
  }

  const ms = (value: number) => `${Math.round(value)} ms`;
  const baseline = median(firstPage);
  console.log(
    `first page (organizations), warm: median ${ms(baseline)} of ${firstPage.map(ms).join(', ')}`,
  );
  console.log(
    `SQL editor usable, cold cache: median ${ms(median(editorCold))} of ${editorCold.map(ms).join(', ')}`,
  );
  console.log(
    `SQL editor usable, warm cache: median ${ms(median(editorWarm))} of ${editorWarm.map(ms).join(', ')}`,
  );
  console.log(
    `100,000 × 10 result (${(median(sizes) / 2 ** 20).toFixed(1)} MB of JSON): response → grid rows ${gridTimes.map(ms).join(', ')}`,
  );
  const grid = median(gridTimes);
  console.log(
    `sql-editor: editor usable in ${ms(median(editorCold))} cold / ${ms(median(editorWarm))} warm (${(median(editorWarm) / baseline).toFixed(2)}× the first page's ${ms(baseline)}); 100k×10 result → grid rows in ${ms(grid)} (${(grid / TARGET_MS).toFixed(2)}× the ${TARGET_MS} ms target)`,
  );
} finally {
  await browser.close();
  await server.stop();
  await fs.rm(dataDir, { recursive: true, force: true });
}
