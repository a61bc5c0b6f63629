import { DEFAULT_ORG, expect, test } from './fixtures';

const ORG = DEFAULT_ORG.id;

test.describe('Table schema: indexes and column profiles', () => {
  test('creates a BM25 and a vector index from the schema view and profiles a column', async ({
    page,
    signIn,
    adminApi,
  }) => {
    const ws = await adminApi.newWorkspace('schema');
    await adminApi.query(
      ORG,
      ws,
      `CREATE TABLE "${ws}"."docs" (id int4, title text, embedding float4[])`,
    );
    await adminApi.query(
      ORG,
      ws,
      `INSERT INTO "${ws}"."docs"
       SELECT g, 'doc ' || (g % 7), ARRAY[g, g % 3, 1]::float4[] FROM generate_series(1, 300) g`,
    );

    await signIn();
    await page.getByLabel('Organization', { exact: true }).selectOption(ORG);
    await page.goto(`/workspaces/${ws}/tables/docs?view=schema`);
    const indexes = page.getByRole('region', { name: 'Indexes' });
    await expect(indexes).toContainText('No indexes yet');

    // BM25 on the text column: the dialog shows the statement before it runs.
    await page.getByRole('button', { name: 'Create index on title' }).click();
    let dialog = page.getByRole('dialog', { name: 'Create index on title' });
    await expect(dialog.getByRole('radio', { name: /BM25 text/ })).toBeChecked();
    await expect(dialog.getByLabel('CREATE INDEX statement')).toHaveText(
      `CREATE INDEX ON "${ws}"."docs" USING deeplake_index ("title")`,
    );
    await dialog.getByRole('button', { name: 'Create index' }).click();
    await expect(dialog).toBeHidden();
    const list = page.getByRole('table', { name: 'Indexes of docs' });
    await expect(list.getByRole('row').filter({ hasText: 'docs_title_idx' })).toContainText(
      'BM25 text',
    );

    // A vector index on the float4[] column: the only kind offered there.
    await page.getByRole('button', { name: 'Create index on embedding' }).click();
    dialog = page.getByRole('dialog', { name: 'Create index on embedding' });
    await expect(dialog.getByRole('radio')).toHaveCount(1);
    await dialog.getByRole('button', { name: 'Create index' }).click();
    await expect(dialog).toBeHidden();
    await expect(list.getByRole('row').filter({ hasText: 'docs_embedding_idx' })).toContainText(
      'vector',
    );

    // A b-tree on the number column, the first kind offered there.
    await page.getByRole('button', { name: 'Create index on id' }).click();
    dialog = page.getByRole('dialog', { name: 'Create index on id' });
    await dialog.getByRole('radio', { name: /B-tree/ }).check();
    await dialog.getByRole('button', { name: 'Create index' }).click();
    await expect(dialog).toBeHidden();
    await expect(list.getByRole('row')).toHaveCount(4);

    // Profiles: numbers get a histogram, vectors their dimensions and norms.
    await page.getByRole('button', { name: 'Profile id' }).click();
    let sheet = page.getByRole('dialog', { name: 'Profile of id' });
    await expect(sheet.getByText('Every row counted.')).toBeVisible();
    await expect(sheet.getByRole('list', { name: 'Histogram' }).getByRole('listitem')).toHaveCount(
      20,
    );
    await expect(sheet).toContainText('Max');
    await expect(sheet).toContainText('300');
    await page.keyboard.press('Escape');
    await expect(sheet).toBeHidden();

    await page.getByRole('button', { name: 'Profile embedding' }).click();
    sheet = page.getByRole('dialog', { name: 'Profile of embedding' });
    await expect(sheet.getByText('Dimensions', { exact: true })).toBeVisible();
    await expect(sheet).toContainText('Zero vectors');
  });
});
