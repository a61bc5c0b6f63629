import type { Locator, Page } from '@playwright/test';
import { DEFAULT_ORG, expect, test } from './fixtures';

/**
 * Run script and Explain against the real server: statements of a script run one by one in a
 * fresh workspace, and plans come from PostgreSQL's own EXPLAIN (FORMAT JSON).
 */

async function openSql(page: Page, workspaceId: string) {
  await page.goto(`/workspaces/${workspaceId}/sql`);
  await expect(page.getByRole('heading', { name: 'SQL', level: 1 })).toBeVisible();
  const editor = page.getByRole('textbox', { name: 'SQL editor' });
  // Monaco is a few MB of script to compile: on a busy machine that takes a while.
  await expect(editor).toBeVisible({ timeout: 20_000 });
  return editor;
}

/** Replaces the editor's text, as if typed (insertText, so no brackets are auto-closed). */
async function setSql(page: Page, editor: Locator, sql: string) {
  await editor.focus();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(sql);
}

const result = (page: Page) => page.getByRole('region', { name: 'Result' });

test.describe('Run script and Explain', () => {
  test('runs a script statement by statement, stops at an error, and goes on when told to', async ({
    page,
    signIn,
    adminApi,
  }) => {
    const ws = await adminApi.newWorkspace('script');
    await signIn();
    const editor = await openSql(page, ws);
    await setSql(
      page,
      editor,
      "CREATE TABLE notes (id int, body text);\nINSERT INTO notes VALUES (1, 'a;b') RETURNING nope;\nINSERT INTO notes VALUES (2, 'two')",
    );
    await page.keyboard.press('ControlOrMeta+Shift+Enter');

    const panel = result(page);
    await expect(
      panel.getByText('Script of 3 statements: 1 ok, 1 failed, 1 skipped'),
    ).toBeVisible();
    const tabs = panel.getByRole('tablist', { name: 'Statement results' });
    await expect(tabs.getByRole('tab')).toHaveText([/1\s*ok/, /2\s*error/, /3\s*skipped/]);
    await expect(panel.getByRole('tab', { name: 'Statement 2: error' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    await expect(panel.getByRole('alert')).toContainText('column "nope" does not exist');
    // The error is marked where it is in the whole script: line 2.
    await expect(panel.getByRole('alert')).toContainText('line 2, column');
    await expect(page.locator('.monaco-editor .squiggly-error')).toHaveCount(1);
    let rows = await adminApi.query(DEFAULT_ORG.id, ws, 'SELECT id FROM notes');
    expect(rows.rows).toEqual([]);

    // Continue after errors: the third runs too (the table exists now, so the first fails).
    await page.getByRole('switch', { name: 'Continue after errors' }).click();
    await page.getByRole('button', { name: 'Run script' }).click();
    await expect(panel.getByText('Script of 3 statements: 1 ok, 2 failed')).toBeVisible();
    await panel.getByRole('tab', { name: 'Statement 3: ok' }).click();
    await expect(panel.getByRole('status').filter({ hasText: '1 row inserted' })).toBeVisible();
    rows = await adminApi.query(DEFAULT_ORG.id, ws, 'SELECT id, body FROM notes');
    expect(rows.rows).toEqual([[2, 'two']]);
  });

  test('explains a select as a tree naming the index it uses', async ({
    page,
    signIn,
    adminApi,
  }) => {
    const ws = await adminApi.newWorkspace('explain');
    await adminApi.query(
      DEFAULT_ORG.id,
      ws,
      "CREATE TABLE items AS SELECT g AS id, 'code ' || g AS code FROM generate_series(1, 20000) g",
    );
    await adminApi.query(DEFAULT_ORG.id, ws, 'CREATE INDEX items_code_idx ON items (code)');
    await adminApi.query(DEFAULT_ORG.id, ws, 'ANALYZE items');
    await signIn();
    const editor = await openSql(page, ws);
    await setSql(page, editor, "SELECT id FROM items WHERE code = 'code 42'");
    await page.getByRole('button', { name: 'Explain', exact: true }).click();

    const tree = result(page).getByRole('list', { name: 'Query plan' });
    await expect(tree).toBeVisible();
    await expect(tree.getByText('items_code_idx').first()).toBeVisible();
    await expect(tree).toContainText(/rows? estimated/);
    await expect(tree.getByText('most expensive')).toHaveCount(1);
    // Not run: no actual rows in a plain Explain.
    await expect(tree).not.toContainText('actual');
  });

  test('Explain analyze of an UPDATE asks first and leaves the rows unchanged', async ({
    page,
    signIn,
    adminApi,
  }) => {
    const ws = await adminApi.newWorkspace('analyze');
    await adminApi.query(DEFAULT_ORG.id, ws, 'CREATE TABLE t (id int PRIMARY KEY, n int)');
    await adminApi.query(
      DEFAULT_ORG.id,
      ws,
      'INSERT INTO t SELECT g, g FROM generate_series(1, 5) g',
    );
    await signIn();
    const editor = await openSql(page, ws);
    await setSql(page, editor, 'UPDATE t SET n = n + 100');
    await page.getByRole('button', { name: 'Explain analyze' }).click();

    const dialog = page.getByRole('alertdialog', { name: 'Run the statement to measure it?' });
    await expect(dialog).toContainText('rolls back');
    await dialog.getByRole('button', { name: 'Explain analyze' }).click();
    const tree = result(page).getByRole('list', { name: 'Query plan' });
    await expect(tree.getByRole('listitem', { name: /ModifyTable/ })).toBeVisible();
    await expect(tree).toContainText('5 actual');
    await expect(result(page)).toContainText('rolled back: nothing it changed was kept');
    const rows = await adminApi.query(DEFAULT_ORG.id, ws, 'SELECT sum(n)::int AS total FROM t');
    expect(rows.rows).toEqual([[15]]);
  });
});
