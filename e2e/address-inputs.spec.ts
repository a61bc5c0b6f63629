import type { Page } from '@playwright/test';
import { DEFAULT_ORG, expect, test, type Api } from './fixtures';

/**
 * Inputs whose value the address keeps (searches, filters, page sizes) own what is typed: a
 * person typing at full speed while the search runs loses nothing, and the address ends up
 * saying what the inputs say.
 */

/** Every API answer arrives late, as from a far or busy service; the real server still answers. */
async function throttleApi(page: Page, ms = 400) {
  await page.route('**/api/**', async (route) => {
    await new Promise((resolve) => setTimeout(resolve, ms));
    await route.continue().catch(() => {});
  });
}

/**
 * A busy main thread (a slow laptop, a page doing other work): the router's navigations land
 * well after the keystrokes and clicks that made them.
 */
async function throttleCpu(page: Page, rate = 6) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate });
}

async function textFile(api: Api, workspaceId: string, name: string) {
  await api.uploadFile(
    DEFAULT_ORG.id,
    workspaceId,
    {
      name,
      mimeType: 'text/plain',
      buffer: Buffer.from(`the file ${name}\n`),
    },
    { folder: 'drive' },
  );
}

test.describe('inputs kept in the address', () => {
  test.beforeEach(async ({ signIn }) => signIn());

  test('the gallery search and type filter keep every keystroke while the search runs', async ({
    page,
    adminApi,
  }) => {
    const ws = await adminApi.newWorkspace('typing');
    const names = ['beach cat.txt', 'beach.txt', 'dog.txt'];
    for (let n = 0; n < 40; n++) names.push(`photo-${n}.txt`);
    for (const name of names) await textFile(adminApi, ws, name);
    await adminApi.uploadFile(
      DEFAULT_ORG.id,
      ws,
      {
        name: 'beach cat.json',
        mimeType: 'application/json',
        buffer: Buffer.from('{"cat": true}'),
      },
      { folder: 'drive' },
    );
    await page.goto(`/workspaces/${ws}/files?view=list`);
    const list = page.getByRole('table', { name: /^Files of/ });
    await expect(list.getByRole('row')).toHaveCount(45);
    await throttleApi(page);
    await throttleCpu(page);

    const search = page.getByRole('searchbox', { name: 'Search by name' });
    const searching = page.waitForRequest((request) => request.url().includes('q=beach'));
    // About as slow as the search's delay, so searches start while the next keys come.
    await search.pressSequentially('beach ', { delay: 300 });
    // The search for "beach" is on its way: go on typing, at full speed.
    await searching;
    await search.pressSequentially('cat');
    await expect(search).toHaveValue('beach cat');
    // A type chosen while that search runs joins it; neither undoes the other.
    await page.getByRole('combobox', { name: 'File type' }).click();
    await page.getByRole('option', { name: 'Text' }).click();
    await search.press('End');
    await search.pressSequentially('.txt');

    await expect(page).toHaveURL(/[?&]q=beach\+cat\.txt(&|$)/);
    await expect(page).toHaveURL(/[?&]type=text(&|$)/);
    await expect(list.getByRole('row')).toHaveCount(2);
    await expect(list.getByRole('row', { name: /beach cat\.txt/ })).toBeVisible();
    await page.waitForTimeout(1_000);
    await expect(search).toHaveValue('beach cat.txt');
    await expect(page.getByRole('combobox', { name: 'File type' })).toHaveText(/Text/);
  });

  test('the tables filter keeps every keystroke, and Back brings its own filter', async ({
    page,
    adminApi,
  }) => {
    const ws = await adminApi.newWorkspace('typing');
    for (const table of ['events', 'event_types', 'docs']) {
      await adminApi.query(DEFAULT_ORG.id, ws, `CREATE TABLE "${ws}"."${table}" (id int)`);
    }
    await page.goto(`/workspaces/${ws}/tables`);
    const tables = page.getByRole('table', { name: 'Tables' });
    await expect(tables.getByRole('row')).toHaveCount(4);
    await throttleApi(page);
    await throttleCpu(page);

    const filter = page.getByRole('searchbox', { name: 'Filter tables by name' });
    await filter.pressSequentially('event');
    await expect(tables.getByRole('row')).toHaveCount(3);
    await filter.pressSequentially('s ');
    await expect(filter).toHaveValue('events ');
    await expect(page).toHaveURL(/\?q=events$/);
    await expect(tables.getByRole('row')).toHaveCount(2);

    await page.getByRole('link', { name: 'events', exact: true }).click();
    await expect(page.getByRole('heading', { name: 'events', level: 1 })).toBeVisible();
    await page.goBack();
    await expect(filter).toHaveValue('events');
    await expect(tables.getByRole('row')).toHaveCount(2);
  });

  test('the table browser keeps page size, filters and paging chosen while rows load', async ({
    page,
    adminApi,
  }) => {
    const ws = await adminApi.newWorkspace('typing');
    await adminApi.query(
      DEFAULT_ORG.id,
      ws,
      `CREATE TABLE "${ws}"."items" AS SELECT n, 'item ' || n AS label FROM generate_series(1, 250) n`,
    );
    await page.goto(`/workspaces/${ws}/tables/items`);
    await expect(page.getByText('Rows 1–100 of 250')).toBeVisible();
    await throttleApi(page, 600);
    await throttleCpu(page);

    await page.getByRole('combobox', { name: 'Rows per page' }).click();
    await page.getByRole('option', { name: '50', exact: true }).click();
    // At once, while the first page of 50 is on its way.
    await page.getByRole('button', { name: 'Next page' }).click();
    await page.getByRole('button', { name: 'Add filter' }).click();
    const editor = page.getByRole('dialog', { name: 'Add filter' });
    await editor.getByLabel('Column').click();
    await page.getByRole('option', { name: /^n/ }).click();
    await editor.getByLabel('Condition').click();
    await page.getByRole('option', { name: 'greater than' }).click();
    await editor.getByLabel('Value').fill('10');
    await editor.getByRole('button', { name: 'Add filter' }).click();
    // Filtering goes back to page 1; and on again.
    await page.getByRole('button', { name: 'Next page' }).click();

    await expect(page).toHaveURL(/\?page=2&size=50&f\.gt\.n=10$/);
    await expect(page.getByText('Rows 51–100')).toBeVisible();
    await expect(page.getByRole('combobox', { name: 'Rows per page' })).toHaveText('50');
    await expect(
      page.getByRole('button', { name: 'Edit filter: n greater than “10”' }),
    ).toBeVisible();

    // Each of those steps is one Back can go through.
    await page.goBack();
    await expect(page).toHaveURL(/\?size=50&f\.gt\.n=10$/);
    await expect(page.getByText('Rows 1–50')).toBeVisible();
  });
});
