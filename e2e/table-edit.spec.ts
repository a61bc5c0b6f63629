import type { Page } from '@playwright/test';
import { DEFAULT_ORG, expect, test, uniqueEmail } from './fixtures';

/**
 * Editing a table's rows in the data grid, on the real server: staged edits, a new row and a
 * deletion, reviewed as statements and saved in one transaction; a failing row saves nothing
 * and is marked; Discard and the question on leaving; a viewer has none of it.
 */

const ORG = DEFAULT_ORG.id;
const grid = (page: Page) => page.getByRole('grid', { name: 'Rows of items' });
const cell = (page: Page, text: string) =>
  grid(page).getByRole('gridcell', { name: text, exact: true });

test('edits, adds and deletes rows, all or nothing, and shows a viewer no controls', async ({
  page,
  signIn,
  adminApi,
  apiAs,
  openAsAnotherUser,
}) => {
  const ws = await adminApi.newWorkspace('edit');
  await adminApi.query(
    ORG,
    ws,
    `CREATE TABLE "${ws}"."items" (id int4 PRIMARY KEY, name text NOT NULL, qty int4 CHECK (qty >= 0), meta jsonb)`,
  );
  await adminApi.query(
    ORG,
    ws,
    `INSERT INTO "${ws}"."items" VALUES (1, 'apple', 3, NULL), (2, 'pear', 5, NULL), (3, 'plum', 7, NULL)`,
  );
  await adminApi.query(ORG, ws, `CREATE TABLE "${ws}"."loose" (a text)`);
  const stored = async () =>
    (await adminApi.query(ORG, ws, `SELECT id, name, qty, meta FROM "${ws}"."items" ORDER BY id`))
      .rows;
  const before = await stored();

  await signIn();
  await page.getByLabel('Organization', { exact: true }).selectOption(ORG);
  await page.goto(`/workspaces/${ws}/tables/loose`);
  await expect(page.getByText(/has no primary key, so its rows are read-only/)).toBeVisible();
  await page.goto(`/workspaces/${ws}/tables/items`);
  await expect(cell(page, 'apple')).toBeVisible();
  const toolbar = page.getByRole('toolbar', { name: 'Edit rows' });

  // Edit in place: a double-click, or Enter on the focused cell.
  await cell(page, 'apple').dblclick();
  await page.getByRole('textbox', { name: 'New value of name' }).fill('green apple');
  await page.keyboard.press('Enter');
  await expect(cell(page, 'green apple')).toBeVisible();
  await cell(page, '5').click();
  await page.keyboard.press('Enter');
  const qty = page.getByRole('textbox', { name: 'New value of qty' });
  await qty.fill('five');
  await expect(page.getByRole('alert').filter({ hasText: 'Not a whole number' })).toBeVisible();
  await qty.fill('-1');
  await page.keyboard.press('Enter');
  const meta = grid(page).locator('[data-row="0"][data-col="3"]');
  await meta.dblclick();
  await page.getByRole('textbox', { name: 'New value of meta' }).fill('{"ripe": true}');
  await page.keyboard.press('Enter');

  // Delete a selected row, and add one through the form.
  await page.getByRole('checkbox', { name: 'Select row 3' }).check();
  await toolbar.getByRole('button', { name: 'Delete selected (1)' }).click();
  await toolbar.getByRole('button', { name: 'Add row' }).click();
  const form = page.getByRole('dialog', { name: 'Add a row' });
  await form.getByLabel('id (int4)').fill('4');
  await form.getByLabel('name (text)').fill('fig');
  await form.getByRole('button', { name: 'Stage row' }).click();
  await expect(toolbar).toContainText('2 edited rows, 1 new row, 1 deleted row staged');

  // Review shows the exact statements; saving fails on pear's qty and saves nothing.
  await toolbar.getByRole('button', { name: 'Review' }).click();
  const review = page.getByRole('dialog', { name: 'Review changes' });
  const statements = review.getByRole('list', { name: 'Statements' }).getByRole('listitem');
  await expect(statements).toHaveCount(4);
  await expect(statements.nth(0)).toContainText(`DELETE FROM "${ws}"."items" WHERE "id" = $1`);
  await expect(statements.nth(1)).toContainText(
    `UPDATE "${ws}"."items" SET "name" = $1, "meta" = $2 WHERE "id" = $3`,
  );
  await expect(statements.nth(1)).toContainText('$2 = "{\\"ripe\\":true}"');
  await expect(statements.nth(3)).toContainText(
    `INSERT INTO "${ws}"."items" ("id", "name") VALUES ($1, $2)`,
  );
  await review.getByRole('button', { name: 'Save 4 changes' }).click();
  await expect(review).toBeHidden();
  await expect(page.getByRole('alert')).toContainText(
    'Nothing was saved. The row id = 2 failed: new row for relation "items" violates check constraint',
  );
  await expect(grid(page).getByRole('img', { name: /^Failed: new row/ })).toBeVisible();
  expect(await stored()).toEqual(before);

  // Fix the row and save: everything at once.
  await cell(page, '-1').dblclick();
  await qty.fill('6');
  await page.keyboard.press('Enter');
  await toolbar.getByRole('button', { name: 'Review' }).click();
  await review.getByRole('button', { name: 'Save 4 changes' }).click();
  await expect(page.getByText('Saved: 4 statements, 4 rows changed.')).toBeVisible();
  await expect(cell(page, 'fig')).toBeVisible();
  expect(await stored()).toEqual([
    [1, 'green apple', 3, { ripe: true }],
    [2, 'pear', 6, null],
    [4, 'fig', null, null],
  ]);

  // Discard, and leaving with staged changes asks first.
  await cell(page, 'fig').dblclick();
  await page.getByRole('textbox', { name: 'New value of name' }).fill('date');
  await page.keyboard.press('Enter');
  await page.getByRole('link', { name: 'Tables', exact: true }).first().click();
  const leave = page.getByRole('alertdialog', { name: 'Leave without saving?' });
  await expect(leave).toBeVisible();
  await leave.getByRole('button', { name: 'Cancel' }).click();
  await expect(cell(page, 'date')).toBeVisible();
  await toolbar.getByRole('button', { name: 'Undo' }).click();
  await expect(cell(page, 'fig')).toBeVisible();
  await cell(page, 'pear').dblclick();
  await page.getByRole('textbox', { name: 'New value of name' }).fill('quince');
  await page.keyboard.press('Enter');
  await toolbar.getByRole('button', { name: 'Discard' }).click();
  await expect(cell(page, 'pear')).toBeVisible();
  expect((await stored())[1]).toEqual([2, 'pear', 6, null]);

  // A viewer sees the rows, no editing controls, and the server refuses them anyway.
  const invited = await adminApi.invite(ORG, uniqueEmail('viewer'), 'viewer');
  const viewer = await openAsAnotherUser(invited.invite_link!);
  await viewer.goto(`/workspaces/${ws}/tables/items`);
  await expect(cell(viewer, 'fig')).toBeVisible();
  await expect(viewer.getByRole('toolbar', { name: 'Edit rows' })).toHaveCount(0);
  await expect(viewer.getByRole('checkbox')).toHaveCount(0);
  // The token the viewer's console signed in with.
  // (A string: the e2e files are typed without the DOM library.)
  const viewerToken = await viewer.evaluate<string | null>(
    "sessionStorage.getItem('deeplake-console.token') ?? localStorage.getItem('deeplake-console.token')",
  );
  const refused = await apiAs(viewerToken!).post(
    `/workspaces/${ws}/tables/query/transaction`,
    { statements: [{ query: `DELETE FROM "${ws}"."items" WHERE id = $1`, params: [1] }] },
    ORG,
  );
  expect(refused.status()).toBe(403);
  expect((await stored()).length).toBe(3);
});

test('pastes a block of cells from a spreadsheet, and picks a file for a file-id column', async ({
  page,
  signIn,
  adminApi,
}) => {
  const ws = await adminApi.newWorkspace('paste');
  const notes = await adminApi.uploadFile(ORG, ws, {
    name: 'notes.txt',
    mimeType: 'text/plain',
    buffer: Buffer.from('hello'),
  });
  const other = await adminApi.uploadFile(ORG, ws, {
    name: 'other.txt',
    mimeType: 'text/plain',
    buffer: Buffer.from('other'),
  });
  await adminApi.query(
    ORG,
    ws,
    `CREATE TABLE "${ws}"."items" (id int4 PRIMARY KEY, name text, qty int4, doc uuid)`,
  );
  await adminApi.query(
    ORG,
    ws,
    `INSERT INTO "${ws}"."items" VALUES (1, 'a', 1, $1), (2, 'b', 2, NULL), (3, 'c', 3, NULL)`,
    [other.id],
  );

  await signIn();
  await page.getByLabel('Organization', { exact: true }).selectOption(ORG);
  await page.goto(`/workspaces/${ws}/tables/items`);
  await expect(cell(page, 'b')).toBeVisible();

  // A 2×2 block from a spreadsheet, pasted on the name of row 2; "x" is no int4 and is left out.
  await cell(page, 'b').click();
  // What a paste from a spreadsheet dispatches, with its tab-separated text.
  await page.evaluate(`(() => {
    const data = new DataTransfer();
    data.setData('text/plain', 'bee\\t20\\ncee\\tx\\n');
    document.activeElement.dispatchEvent(
      new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
    );
  })()`);
  await expect(
    page.getByText(/^Pasted 3 cells; left out 1 not of their column’s type/),
  ).toBeVisible();
  await expect(cell(page, 'bee')).toBeVisible();
  await expect(cell(page, 'cee')).toBeVisible();
  await expect(cell(page, '20')).toBeVisible();

  // The file picker fills a uuid column with a file's id.
  await grid(page).locator('[data-row="1"][data-col="3"]').dblclick();
  const editor = page.getByRole('dialog', { name: 'Edit doc' });
  // The column holds file ids (row 1's is one): the picker is open from the start.
  await editor.getByLabel('Find a file by name').fill('notes');
  await editor.getByRole('button', { name: /^notes\.txt/ }).click();
  await expect(editor.getByRole('textbox', { name: 'New value of doc' })).toHaveValue(notes.id);
  await editor.getByRole('button', { name: 'Stage' }).click();

  const toolbar = page.getByRole('toolbar', { name: 'Edit rows' });
  await toolbar.getByRole('button', { name: 'Review' }).click();
  await page
    .getByRole('dialog', { name: 'Review changes' })
    .getByRole('button', { name: 'Save 2 changes' })
    .click();
  await expect(page.getByText('Saved: 2 statements, 2 rows changed.')).toBeVisible();
  const rows = await adminApi.query(
    ORG,
    ws,
    `SELECT id, name, qty, doc FROM "${ws}"."items" ORDER BY id`,
  );
  expect(rows.rows).toEqual([
    [1, 'a', 1, other.id],
    [2, 'bee', 20, notes.id],
    [3, 'cee', 3, null],
  ]);
});
