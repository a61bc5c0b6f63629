import type { Page } from '@playwright/test';
import sharp from 'sharp';
import { DEFAULT_ORG, expect, test } from './fixtures';

/**
 * Files and the table rows that name them, on the real server: uploads recorded in a table (one
 * row per file, in the same transaction) and deleting a file with the rows that use it, counted
 * before anything is deleted.
 */

const ORG = DEFAULT_ORG.id;

async function open(page: Page, signIn: () => Promise<void>, path: string) {
  await signIn();
  await page.getByLabel('Organization', { exact: true }).selectOption(ORG);
  await page.goto(path);
}

const png = async (name: string, r: number) => ({
  name,
  mimeType: 'image/png',
  buffer: await sharp({
    create: { width: 48, height: 32, channels: 3, background: { r, g: 90, b: 40 } },
  })
    .png()
    .toBuffer(),
});

test.describe('Files in tables', () => {
  test('deletes a file with the rows that use it, after showing how many', async ({
    page,
    signIn,
    adminApi,
  }) => {
    const ws = await adminApi.newWorkspace('rows');
    const kept = await adminApi.uploadFile(ORG, ws, await png('kept.png', 40));
    const gone = await adminApi.uploadFile(ORG, ws, await png('gone.png', 200));
    await adminApi.query(ORG, ws, `CREATE TABLE "${ws}".shots (file uuid, caption text)`);
    await adminApi.query(ORG, ws, `CREATE TABLE "${ws}".notes (about text)`);
    await adminApi.query(
      ORG,
      ws,
      `INSERT INTO "${ws}".shots VALUES ($1, 'one'), ($1, 'two'), ($2, 'stays')`,
      [gone.id, kept.id],
    );
    await adminApi.query(ORG, ws, `INSERT INTO "${ws}".notes VALUES ($1)`, [gone.path]);

    await open(page, signIn, `/workspaces/${ws}/files?view=list`);
    // The preview says where the file is used, and links to those rows.
    await page.getByRole('button', { name: 'Actions for gone.png' }).click();
    await page.getByRole('menuitem', { name: 'Preview' }).click();
    const usedIn = page.getByRole('navigation', { name: 'Used in' });
    await expect(usedIn).toHaveText('Used in notes.about (1 row), shots.file (2 rows)');
    await usedIn.getByRole('link', { name: 'shots.file' }).click();
    const grid = page.getByRole('grid', { name: 'Rows of shots' });
    await expect(grid.getByText('one')).toBeVisible();
    await expect(grid.getByText('two')).toBeVisible();
    await expect(grid.getByText('stays')).toHaveCount(0);
    // Back returns to the gallery with the preview open, as it was left.
    await page.goBack();
    const preview = page.getByRole('dialog', { name: 'gone.png' });
    await preview.getByRole('button', { name: 'Close preview' }).click();
    await expect(preview).toBeHidden();

    await page.getByRole('button', { name: 'Actions for gone.png' }).click();
    await page.getByRole('menuitem', { name: 'Delete' }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Delete 1 file' });
    const rows = dialog.getByRole('list', { name: 'Rows that use the files' });
    await expect(rows.getByRole('listitem')).toHaveText([
      'notes.about (by path): 1 row',
      'shots.file (by file ID): 2 rows',
    ]);
    await dialog
      .getByRole('checkbox', {
        name: 'Also delete the rows that use it (3 rows), in the same transaction',
      })
      .check();
    await dialog.getByRole('button', { name: 'Delete 1 file and 3 rows' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByText('Deleted gone.png and 3 rows')).toBeVisible();

    expect((await adminApi.files(ORG, ws)).map((file) => file.filename)).toEqual(['kept.png']);
    const left = await adminApi.query(ORG, ws, `SELECT caption FROM "${ws}".shots`);
    expect(left.rows).toEqual([['stays']]);
    expect((await adminApi.query(ORG, ws, `SELECT count(*)::int FROM "${ws}".notes`)).rows).toEqual(
      [[0]],
    );
  });

  test('records uploads into a folder in a table, and the table browser shows them', async ({
    page,
    signIn,
    adminApi,
  }) => {
    const ws = await adminApi.newWorkspace('record');
    await adminApi.query(ORG, ws, `CREATE TABLE "${ws}".strict (file uuid, n int NOT NULL)`);
    await adminApi.query(
      ORG,
      ws,
      `CREATE TABLE "${ws}".photos (id serial, file uuid, caption text DEFAULT 'new', n int)`,
    );
    expect(
      (await adminApi.post(`/workspaces/${ws}/folders`, { path: 'drive/pets' }, ORG)).status(),
    ).toBe(201);

    await open(page, signIn, `/workspaces/${ws}/files?folder=drive/pets`);
    await page.getByRole('button', { name: 'Record in a table' }).click();
    const dialog = page.getByRole('dialog', { name: 'Record uploads in a table' });
    await dialog.getByLabel('Table').click();
    await page.getByRole('option', { name: /^strict/ }).click();
    await dialog.getByLabel('Column').click();
    // Only the uuid column is offered: n is an integer.
    await expect(page.getByRole('option')).toHaveText([/^file/]);
    await page.getByRole('option', { name: /^file/ }).click();
    await expect(dialog.getByRole('alert')).toContainText(
      'n of strict need a value and have no default',
    );
    await expect(dialog.getByRole('button', { name: 'Record uploads here' })).toBeDisabled();
    await dialog.getByLabel('Table').click();
    await page.getByRole('option', { name: /^photos/ }).click();
    await dialog.getByLabel('Column').click();
    await expect(page.getByRole('option')).toHaveText([/^file/, /^caption/]);
    await page.getByRole('option', { name: /^file/ }).click();
    await dialog.getByRole('button', { name: 'Record uploads here' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('button', { name: 'Recording in photos.file' })).toBeVisible();

    await page
      .getByLabel('Files to upload')
      .setInputFiles([await png('cat.png', 230), await png('dog.png', 30)]);
    const uploads = page.getByRole('region', { name: /uploads/i });
    await expect(uploads.getByText(/· into pets · recorded in photos\.file/)).toHaveCount(2);

    const stored = await adminApi.files(ORG, ws);
    expect(stored.map((file) => file.path).sort()).toEqual([
      'drive/pets/cat.png',
      'drive/pets/dog.png',
    ]);
    const rows = await adminApi.query(
      ORG,
      ws,
      `SELECT file::text, caption FROM "${ws}".photos ORDER BY id`,
    );
    expect(rows.rows.map((row) => row[0]).sort()).toEqual(stored.map((file) => file.id).sort());
    expect(rows.rows.map((row) => row[1])).toEqual(['new', 'new']);

    await page.goto(`/workspaces/${ws}/tables/photos`);
    const grid = page.getByRole('grid', { name: 'Rows of photos' });
    for (const file of stored) {
      await expect(grid.locator(`img[data-file-thumbnail="${file.id}"]`)).toBeVisible();
    }
  });
});
