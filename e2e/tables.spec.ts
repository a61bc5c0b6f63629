import type { Locator, Page } from '@playwright/test';
import sharp from 'sharp';
import { DEFAULT_ORG, expect, test } from './fixtures';

const ORG = DEFAULT_ORG.id;

async function open(page: Page, signIn: () => Promise<void>, path: string) {
  await signIn();
  await page.getByLabel('Organization', { exact: true }).selectOption(ORG);
  await page.goto(path);
}

const grid = (page: Page, table: string) => page.getByRole('grid', { name: `Rows of ${table}` });

/** The rendered cells of one column (1-based, row numbers are column 1), top to bottom. */
async function columnValues(scope: Locator, colIndex: number): Promise<string[]> {
  const rows = await scope.locator('[role=row][aria-rowindex]').all();
  const cells: { index: number; text: string }[] = [];
  for (const row of rows) {
    const index = Number(await row.getAttribute('aria-rowindex'));
    if (index < 2) continue;
    const cell = row.locator(`[aria-colindex="${colIndex}"]`);
    if ((await cell.count()) === 0) continue;
    cells.push({ index, text: (await cell.first().innerText()).trim() });
  }
  return cells.sort((a, b) => a.index - b.index).map((c) => c.text);
}

test.describe('Table browser', () => {
  test('lists tables, filters them by name, opens one and reads its schema', async ({
    page,
    signIn,
    adminApi,
    context,
  }) => {
    const ws = await adminApi.newWorkspace('tables');
    await adminApi.query(
      ORG,
      ws,
      `CREATE TABLE "${ws}"."docs" (id SERIAL PRIMARY KEY, title TEXT NOT NULL DEFAULT 'untitled', metadata JSONB, embedding FLOAT4[]) USING deeplake`,
    );
    await adminApi.query(ORG, ws, `CREATE TABLE "${ws}"."events" (at timestamptz, n int8)`);
    await adminApi.query(
      ORG,
      ws,
      `INSERT INTO "${ws}"."docs" (title) SELECT 'doc ' || g FROM generate_series(1, 42) g`,
    );

    await open(page, signIn, `/workspaces/${ws}/tables`);
    await expect(page.getByRole('heading', { name: 'Tables', level: 1 })).toBeVisible();
    const list = page.getByRole('table', { name: 'Tables' });
    const docsRow = list.getByRole('row').filter({ hasText: 'docs' });
    await expect(docsRow).toContainText('42');
    await expect(list.getByRole('row')).toHaveCount(3);

    await page.getByLabel('Filter tables by name').fill('EVE');
    await expect(list.getByRole('row')).toHaveCount(2);
    await expect(list).toContainText('events');
    await expect(page).toHaveURL(/\?q=EVE$/);
    await page.getByLabel('Filter tables by name').fill('');

    await list.getByRole('link', { name: 'docs' }).click();
    await expect(page.getByRole('heading', { name: 'docs', level: 1 })).toBeVisible();
    await expect(page.getByText('42 rows · 4 columns')).toBeVisible();

    await page.getByRole('tab', { name: 'Schema' }).click();
    await expect(page).toHaveURL(/view=schema/);
    const columns = page.getByRole('table', { name: 'Columns of docs' });
    const embedding = columns.getByRole('row').filter({ hasText: 'embedding' });
    await expect(embedding).toContainText('float4[]');
    await expect(embedding).toContainText('_float4');
    const title = columns.getByRole('row').filter({ hasText: 'title' });
    await expect(title).toContainText('NOT NULL');
    await expect(title).toContainText("'untitled'::text");
    const sketch = page.getByLabel('CREATE TABLE statement');
    await expect(sketch).toContainText(`CREATE TABLE "${ws}"."docs" (`);
    await expect(sketch).toContainText('"embedding" float4[]');

    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.getByRole('button', { name: 'Copy SQL' }).click();
    const copied = await page.evaluate<string>('navigator.clipboard.readText()');
    expect(copied).toContain('"id" int4 NOT NULL DEFAULT nextval(');
    // The sketch is real SQL: it makes the same columns under another name.
    await adminApi.query(
      ORG,
      ws,
      copied
        .replace(`"${ws}"."docs"`, `"${ws}"."docs_copy"`)
        .replace(/DEFAULT nextval\([^)]*\)/, ''),
    );
    const copy = await adminApi.table(ORG, ws, 'docs_copy');
    expect(copy.columns.map((c) => [c.name, c.type])).toEqual([
      ['id', 'int4'],
      ['title', 'text'],
      ['metadata', 'jsonb'],
      ['embedding', '_float4'],
    ]);
  });

  test('pages, sorts and filters with the state in the URL', async ({ page, signIn, adminApi }) => {
    const ws = await adminApi.newWorkspace('tables');
    await adminApi.query(
      ORG,
      ws,
      `CREATE TABLE "${ws}"."nums" (n int4, label text, "Odd ""Col""" text)`,
    );
    await adminApi.query(
      ORG,
      ws,
      `INSERT INTO "${ws}"."nums" SELECT g, CASE WHEN g % 10 = 0 THEN NULL ELSE 'label ' || g END, 'x' || g FROM generate_series(1, 250) g`,
    );
    await open(page, signIn, `/workspaces/${ws}/tables/nums`);
    const rows = grid(page, 'nums');
    await expect(page.getByText('Rows 1–100 of 250')).toBeVisible();
    expect((await columnValues(rows, 2)).slice(0, 3)).toEqual(['1', '2', '3']);

    // Next and previous pages; the page is in the URL.
    const next = page.getByRole('button', { name: 'Next page' });
    await next.click();
    await expect(page.getByText('Rows 101–200 of 250')).toBeVisible();
    await expect(page).toHaveURL(/page=2/);
    expect((await columnValues(rows, 2))[0]).toBe('101');
    await next.click();
    await expect(page.getByText('Rows 201–250 of 250')).toBeVisible();
    await expect(next).toBeDisabled();
    await page.goBack();
    await expect(page.getByText('Rows 101–200 of 250')).toBeVisible();

    // Sorting by a header goes to the server and back to page 1: descending puts 250 first.
    const header = rows.getByRole('columnheader', { name: /^n/ });
    await header.click();
    await expect(header).toHaveAttribute('aria-sort', 'ascending');
    await header.click();
    await expect(header).toHaveAttribute('aria-sort', 'descending');
    await expect(page).toHaveURL(/sort=n\.desc/);
    await expect(page.getByText('Rows 1–100 of 250')).toBeVisible();
    await expect
      .poll(async () => (await columnValues(rows, 2)).slice(0, 3))
      .toEqual(['250', '249', '248']);

    // A filter: n less than 15, with the label null → 10 only.
    await page.getByRole('button', { name: 'Add filter' }).click();
    let editor = page.getByRole('dialog', { name: 'Add filter' });
    await editor.getByLabel('Column').click();
    await page.getByRole('option', { name: /^n/ }).click();
    await editor.getByLabel('Condition').click();
    await page.getByRole('option', { name: 'less than' }).click();
    await editor.getByLabel('Value').fill('15');
    await editor.getByRole('button', { name: 'Add filter' }).click();
    await expect(page).toHaveURL(/f\.lt\.n=15/);
    await expect(page.getByText('Rows 1–14 of 14')).toBeVisible();

    await page.getByRole('button', { name: 'Add filter' }).click();
    editor = page.getByRole('dialog', { name: 'Add filter' });
    await editor.getByLabel('Column').click();
    await page.getByRole('option', { name: /^label/ }).click();
    await editor.getByLabel('Condition').click();
    await page.getByRole('option', { name: 'is null' }).click();
    await expect(editor.getByLabel('Value')).toHaveCount(0);
    await editor.getByRole('button', { name: 'Add filter' }).click();
    await expect(page.getByText('Rows 1–1 of 1')).toBeVisible();
    expect(await columnValues(rows, 2)).toEqual(['10']);
    await expect(rows.locator('[aria-colindex="3"] [data-null]')).toHaveCount(1);

    // The view survives a reload, as a shared link would open it.
    await page.reload();
    await expect(page.getByText('Rows 1–1 of 1')).toBeVisible();
    await page.getByRole('button', { name: 'Remove filter: label is null' }).click();
    await page.getByRole('button', { name: 'Remove filter: n less than “15”' }).click();
    await expect(page.getByText('Rows 1–100 of 250')).toBeVisible();

    // Hostile values and names are parameters and quoted identifiers, never SQL.
    await page.goto(
      `/workspaces/${ws}/tables/nums?${new URLSearchParams({
        [`f.contains.label`]: "'; DROP TABLE nums; --",
        [`f.eq.Odd "Col"`]: 'x7',
      })}`,
    );
    await expect(rows.getByRole('gridcell', { name: 'No rows' })).toBeVisible();
    await page.getByRole('button', { name: /^Remove filter: label contains/ }).click();
    await expect(page.getByText('Rows 1–1 of 1')).toBeVisible();
    expect(await columnValues(rows, 4)).toEqual(['x7']);
    expect(await adminApi.tables(ORG, ws)).toContainEqual(
      expect.objectContaining({ table_name: 'nums', row_count: 250 }),
    );

    // A filter on a column the table lacks is left out, and said so.
    await page.goto(`/workspaces/${ws}/tables/nums?f.eq.missing=1&sort=gone.asc`);
    const note = page.getByRole('status').filter({ hasText: 'Left out' });
    await expect(note).toContainText('the filter on “missing”');
    await expect(note).toContainText('the sort on “gone”');
    await expect(page.getByText('Rows 1–100 of 250')).toBeVisible();
    await note.getByRole('button', { name: 'Remove them' }).click();
    await expect(note).toBeHidden();
    await expect(page).toHaveURL(new RegExp(`/tables/nums$`));

    // A value the column's type refuses gets PostgreSQL's own explanation.
    await page.goto(`/workspaces/${ws}/tables/nums?f.eq.n=abc`);
    await expect(
      page.getByRole('alert').filter({ hasText: 'invalid input syntax for type integer' }),
    ).toBeVisible();
  });

  test('opens a row in the side panel and moves through the page', async ({
    page,
    signIn,
    adminApi,
  }) => {
    const ws = await adminApi.newWorkspace('tables');
    await adminApi.query(
      ORG,
      ws,
      `CREATE TABLE "${ws}"."people" (id int4, name text, meta jsonb, seen timestamptz, photo bytea)`,
    );
    await adminApi.query(
      ORG,
      ws,
      `INSERT INTO "${ws}"."people" VALUES (1, 'Ada', '{"langs": ["en", "fr"]}', '2024-05-01T10:00:00Z', '\\x00ff10'), (2, NULL, NULL, NULL, NULL)`,
    );
    await open(page, signIn, `/workspaces/${ws}/tables/people`);
    const rows = grid(page, 'people');
    await rows.getByRole('gridcell', { name: 'Ada' }).click();
    await page.keyboard.press('Enter');

    const panel = page.getByRole('dialog', { name: 'Row 1' });
    await expect(panel).toBeVisible();
    await expect(panel).toContainText('"langs": [');
    await expect(panel).toContainText('3 bytes');
    await expect(panel).toContainText('2024-05-01 10:00:00 UTC');
    await panel.getByRole('button', { name: 'Next row' }).click();
    const second = page.getByRole('dialog', { name: 'Row 2' });
    await expect(second).toBeVisible();
    await expect(second.locator('[data-null]')).toHaveCount(4);
    await page.keyboard.press('k');
    await expect(page.getByRole('dialog', { name: 'Row 1' })).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog')).toHaveCount(0);
    await expect(rows.getByRole('gridcell', { name: 'Ada' })).toBeFocused();
  });

  test('creates a table from a CSV: preview, progress, then its rows', async ({
    page,
    signIn,
    adminApi,
  }) => {
    const ws = await adminApi.newWorkspace('tables');
    const csv = [
      'id;name;joined;score;active;meta;ref;big',
      '1;Ada;2024-01-02;1.5;true;"{""a"": 1}";3f2504e0-4f89-11d3-9a0c-0305e82c3301;9007199254740993',
      '2;Bob;2024-02-03T10:00:00Z;2;FALSE;;3f2504e0-4f89-11d3-9a0c-0305e82c3302;1',
      '3;;2024-02-04;007;true;[1, 2];;2',
    ].join('\n');
    await open(page, signIn, `/workspaces/${ws}/tables`);
    await expect(page.getByText('No tables yet')).toBeVisible();
    await page.getByRole('button', { name: 'Create table from file' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'Create table from file' });
    await dialog.getByLabel('File to create the table from').setInputFiles({
      name: 'Team Scores.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv),
    });
    await expect(dialog.getByLabel('Table name')).toHaveValue('team_scores');
    await expect(dialog).toContainText('Preview: CSV, semicolon separated, 8 columns');
    const previewTypes = (
      await dialog
        .getByRole('list', { name: 'Columns and their types' })
        .getByRole('listitem')
        .allInnerTexts()
    ).map((text) => text.trim().split(/\s+/));
    expect(previewTypes).toEqual([
      ['id', 'int4'],
      ['name', 'text'],
      ['joined', 'timestamptz'],
      ['score', 'text'],
      ['active', 'bool'],
      ['meta', 'jsonb'],
      ['ref', 'uuid'],
      ['big', 'int8'],
    ]);
    const preview = dialog.getByRole('grid', { name: /^First rows of the file/ });
    expect(await columnValues(preview, 3)).toEqual(['Ada', 'Bob', 'NULL']);

    await dialog.getByLabel('Table name').fill('Bad Name');
    await dialog.getByRole('button', { name: 'Create table' }).click();
    await expect(
      dialog.getByText('The table name must start with a lower-case letter.'),
    ).toBeVisible();
    await dialog.getByLabel('Table name').fill('team_scores');
    await dialog.getByRole('button', { name: 'Create table' }).click();

    await expect(page.getByRole('heading', { name: 'team_scores', level: 1 })).toBeVisible();
    await expect(
      page.getByRole('status').filter({ hasText: 'Created from Team Scores.csv with 3 rows' }),
    ).toContainText('use Refresh');
    const rows = grid(page, 'team_scores');
    expect(await columnValues(rows, 3)).toEqual(['Ada', 'Bob', 'NULL']);
    // The preview's types are the server's.
    const created = await adminApi.table(ORG, ws, 'team_scores');
    expect(created.columns.map((c) => [c.name, c.type])).toEqual(previewTypes);
    await page.getByRole('button', { name: 'Refresh' }).click();
    await expect(page.getByText('Rows 1–3 of 3')).toBeVisible();
  });

  test('shows the line the server refused a file for, and keeps the form', async ({
    page,
    signIn,
    adminApi,
  }) => {
    const ws = await adminApi.newWorkspace('tables');
    await open(page, signIn, `/workspaces/${ws}/tables`);
    await page.getByRole('button', { name: 'Create table from file' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'Create table from file' });
    await dialog.getByLabel('File to create the table from').setInputFiles({
      name: 'broken.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('a,b\n1,2\n3\n'),
    });
    await expect(dialog.getByRole('alert')).toContainText('line 3: has 1 field, the header has 2');
    await dialog.getByRole('button', { name: 'Create table' }).click();
    await expect(dialog.getByRole('alert').filter({ hasText: 'was not created' })).toContainText(
      'line 3',
    );
    await expect(dialog.getByLabel('Table name')).toHaveValue('broken');
    expect(await adminApi.tables(ORG, ws)).toEqual([]);
  });

  test('drops a table once its name is typed', async ({ page, signIn, adminApi }) => {
    const ws = await adminApi.newWorkspace('tables');
    await adminApi.query(ORG, ws, `CREATE TABLE "${ws}"."doomed" (x int)`);
    await adminApi.query(ORG, ws, `CREATE TABLE "${ws}"."kept" (x int)`);
    await open(page, signIn, `/workspaces/${ws}/tables`);
    await page.getByRole('button', { name: 'Drop doomed' }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Drop table' });
    const drop = confirm.getByRole('button', { name: 'Drop table' });
    await confirm.getByLabel('Type doomed to confirm').fill('kept');
    await expect(drop).toBeDisabled();
    await confirm.getByLabel('Type doomed to confirm').fill('doomed');
    await drop.click();
    await expect(page.getByText('Table doomed dropped')).toBeVisible();
    await expect(page.getByRole('link', { name: 'doomed' })).toHaveCount(0);
    expect((await adminApi.tables(ORG, ws)).map((t) => t.table_name)).toEqual(['kept']);

    // From the table's own page, dropping goes back to the list.
    await page.getByRole('link', { name: 'kept' }).click();
    await page.getByRole('button', { name: 'Drop table' }).click();
    await page.getByLabel('Type kept to confirm').fill('kept');
    await page.getByRole('alertdialog').getByRole('button', { name: 'Drop table' }).click();
    await expect(page.getByText('No tables yet')).toBeVisible();
    expect(await adminApi.tables(ORG, ws)).toEqual([]);
  });

  test('shows thumbnails in a column of file ids, and opens the file', async ({
    page,
    signIn,
    adminApi,
  }) => {
    const ws = await adminApi.newWorkspace('tables');
    const files = [];
    for (const [name, colour] of [
      ['red.png', { r: 220, g: 30, b: 30 }],
      ['blue.png', { r: 30, g: 30, b: 220 }],
    ] as const) {
      const buffer = await sharp({
        create: { width: 64, height: 48, channels: 3, background: colour },
      })
        .png()
        .toBuffer();
      files.push(await adminApi.uploadFile(ORG, ws, { name, mimeType: 'image/png', buffer }));
    }
    await adminApi.query(
      ORG,
      ws,
      `CREATE TABLE "${ws}"."photos" (id int4, image uuid, other uuid)`,
    );
    await adminApi.query(
      ORG,
      ws,
      `INSERT INTO "${ws}"."photos" VALUES (1, $1, gen_random_uuid()), (2, $2, gen_random_uuid()), (3, NULL, NULL)`,
      [files[0]!.id, files[1]!.id],
    );
    await open(page, signIn, `/workspaces/${ws}/tables/photos`);
    const rows = grid(page, 'photos');
    for (const file of files) {
      const thumbnail = rows.locator(`img[data-file-thumbnail="${file.id}"]`);
      await expect(thumbnail).toBeVisible();
      // A real image came back through the authenticated fetch: it has a size.
      await expect
        .poll(() =>
          thumbnail.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth),
        )
        .toBeGreaterThan(0);
    }
    // The other uuids are not files: plain ids, no thumbnails.
    await expect(rows.locator('[aria-colindex="4"] img')).toHaveCount(0);
    await expect(rows.locator('[aria-colindex="4"] button')).toHaveCount(0);

    await rows.getByRole('button', { name: 'Preview blue.png' }).click();
    const preview = page.getByRole('dialog').filter({ hasText: 'blue.png' });
    await expect(preview).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(preview).toBeHidden();
  });

  test('Find similar orders rows by cosine similarity to the row', async ({
    page,
    signIn,
    adminApi,
  }) => {
    const ws = await adminApi.newWorkspace('tables');
    await adminApi.query(ORG, ws, `CREATE TABLE "${ws}"."vecs" (name text, embedding float4[])`);
    // Cosine similarity to [1, 0]: east 1, north-east 0.707, north 0, west -1; zero has none.
    await adminApi.query(
      ORG,
      ws,
      `INSERT INTO "${ws}"."vecs" VALUES ('north', '{0,1}'), ('west', '{-1,0}'), ('east', '{2,0}'),
        ('north-east', '{1,1}'), ('zero', '{0,0}'), ('none', NULL), ('east-ish', '{10,1}')`,
    );
    await open(page, signIn, `/workspaces/${ws}/tables/vecs`);
    const rows = grid(page, 'vecs');
    await expect(rows.getByRole('gridcell', { name: 'east', exact: true })).toBeVisible();
    // Row 3 is "east".
    await page.getByRole('button', { name: 'Find rows similar to row 3' }).click();
    const panel = page.getByRole('dialog', { name: 'Rows similar to row 3' });
    const results = panel.getByRole('grid', { name: 'Rows similar to row 3' });
    await expect(results).toBeVisible();
    expect(await columnValues(results, 3)).toEqual([
      'east',
      'east-ish',
      'north-east',
      'north',
      'west',
      'zero',
    ]);
    const scores = (await columnValues(results, 2)).map(Number);
    expect(scores[0]).toBeCloseTo(1, 5);
    expect(scores[2]).toBeCloseTo(Math.SQRT1_2, 5);
    expect(scores.slice(0, 5)).toEqual([...scores.slice(0, 5)].sort((a, b) => b - a));
    await expect(
      results.locator('[role=row][aria-rowindex="7"] [aria-colindex="2"] [data-null]'),
    ).toHaveCount(1);

    // The SQL it ran opens in the SQL editor with its parameters.
    const link = panel.getByRole('link', { name: 'Open in SQL editor' });
    const href = new URL((await link.getAttribute('href'))!, 'http://x');
    expect(href.pathname).toBe(`/workspaces/${ws}/sql`);
    expect(href.searchParams.get('query')).toContain('"embedding" <#> $1::float4[]');
    expect(JSON.parse(href.searchParams.get('params')!)).toEqual([[2, 0], 20]);
  });
});
