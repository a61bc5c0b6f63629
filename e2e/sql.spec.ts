import fs from 'node:fs/promises';
import type { Locator, Page } from '@playwright/test';
import { ADMIN_TOKEN, DEFAULT_ORG, expect, test, uniqueId } from './fixtures';

/**
 * The SQL playground against the real server: Monaco as bundled, real statements in a fresh
 * workspace per test, and the database checked through the API afterwards.
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

test.describe('SQL playground', () => {
  test('runs a query from this server alone and shows its rows with their types', async ({
    page,
    signIn,
    adminApi,
  }) => {
    const ws = await adminApi.newWorkspace('sql');
    const foreign: string[] = [];
    const problems: string[] = [];
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.hostname !== '127.0.0.1' && url.protocol !== 'data:' && url.protocol !== 'blob:') {
        foreign.push(request.url());
      }
    });
    page.on('console', (message) => {
      if (message.type() === 'error' || /worker/i.test(message.text())) {
        problems.push(message.text());
      }
    });
    await signIn();
    const editor = await openSql(page, ws);
    await setSql(
      page,
      editor,
      "SELECT g AS id, 'row ' || g AS label, g * 0.5 AS half\nFROM generate_series(1, 250) g",
    );
    await page.keyboard.press('ControlOrMeta+Enter');

    await expect(result(page).getByRole('status')).toContainText('250 rows · SELECT');
    const grid = page.getByRole('grid', { name: 'Query result' });
    await expect(grid.getByRole('columnheader', { name: /label/ })).toContainText('text');
    await expect(grid.getByRole('columnheader', { name: /half/ })).toContainText('numeric');
    await expect(grid.getByRole('gridcell', { name: 'row 1', exact: true })).toBeVisible();
    // Monaco, its worker and its styles all came from this server.
    expect(foreign).toEqual([]);
    expect(problems).toEqual([]);
  });

  test('binds parameters of every kind as real params, never spliced into the SQL', async ({
    page,
    signIn,
    adminApi,
  }) => {
    const ws = await adminApi.newWorkspace('sql');
    await adminApi.query(
      DEFAULT_ORG.id,
      ws,
      'CREATE TABLE docs (id serial PRIMARY KEY, title text, meta jsonb, embedding float4[], score float8, ok boolean, note text)',
    );
    await signIn();
    const editor = await openSql(page, ws);
    await setSql(
      page,
      editor,
      'INSERT INTO docs (title, meta, embedding, score, ok, note)\nVALUES ($1, $2::jsonb, $3::float4[], $4, $5::boolean, $6)',
    );
    const parameters = page.getByRole('group', { name: 'Parameters' });
    await expect(parameters.getByRole('combobox', { name: 'Type of $2' })).toHaveText('JSON');
    await expect(parameters.getByRole('combobox', { name: 'Type of $3' })).toHaveText(
      'Array / vector',
    );
    await expect(parameters.getByRole('combobox', { name: 'Type of $5' })).toHaveText('Boolean');
    // $4 has no cast: pick its type by hand.
    await parameters.getByRole('combobox', { name: 'Type of $4' }).click();
    await page.getByRole('option', { name: 'Number' }).click();
    await parameters.getByRole('combobox', { name: 'Type of $6' }).click();
    await page.getByRole('option', { name: 'NULL' }).click();

    const title = "O'Brien'); DROP TABLE docs; --";
    await parameters.getByLabel('Value of $1').fill(title);
    await parameters.getByLabel('Value of $2').fill('{"source": "manual", "n": [1, 2]}');
    await parameters.getByLabel('Value of $3').fill('[0.1, 0.2, 0.3]');
    await parameters.getByLabel('Value of $4').fill('12345678901234567890');
    await parameters.getByLabel('Value of $4').fill('2.5');
    await parameters.getByLabel('Value of $5').fill('yes');
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await expect(result(page).getByRole('status')).toContainText('1 row inserted');

    const { rows } = await adminApi.query(
      DEFAULT_ORG.id,
      ws,
      'SELECT title, meta, embedding, score, ok, note FROM docs',
    );
    expect(rows).toEqual([
      [title, { source: 'manual', n: [1, 2] }, [0.1, 0.2, 0.3], 2.5, true, null],
    ]);
  });

  test('runs a batch from rows pasted from a spreadsheet', async ({ page, signIn, adminApi }) => {
    const ws = await adminApi.newWorkspace('sql');
    await adminApi.query(
      DEFAULT_ORG.id,
      ws,
      'CREATE TABLE people (id int PRIMARY KEY, name text, age int)',
    );
    await signIn();
    const editor = await openSql(page, ws);
    await setSql(page, editor, 'INSERT INTO people (id, name, age) VALUES ($1::int, $2, $3::int)');
    await page.getByRole('switch', { name: 'Batch mode' }).click();
    const grid = page.getByRole('table', { name: 'Parameter rows' });

    // Cells as a spreadsheet puts them on the clipboard: tabs, CRLF, a quoted line break.
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    const cells = '1\tAda\t36\r\n2\t"Grace\nHopper"\t85\r\n3\tAlan\t\r\n';
    await page.evaluate(`navigator.clipboard.writeText(${JSON.stringify(cells)})`);
    await grid.getByRole('textbox', { name: 'Row 1, $1' }).click();
    await page.keyboard.press('ControlOrMeta+V');
    await expect(grid.getByRole('textbox', { name: 'Row 3, $2' })).toHaveValue('Alan');
    await expect(page.getByText(/^3 rows — each runs the statement once/)).toBeVisible();

    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await expect(result(page).getByRole('status')).toContainText(
      'Batch done: 3 rows inserted from 3 parameter rows',
    );
    const { rows } = await adminApi.query(
      DEFAULT_ORG.id,
      ws,
      'SELECT id, name, age FROM people ORDER BY id',
    );
    // The empty age cell went as NULL.
    expect(rows).toEqual([
      [1, 'Ada', 36],
      [2, 'Grace\nHopper', 85],
      [3, 'Alan', null],
    ]);
  });

  test('runs a batch from a CSV file, its columns mapped to the parameters by name', async ({
    page,
    signIn,
    adminApi,
  }) => {
    const ws = await adminApi.newWorkspace('sql');
    await adminApi.query(
      DEFAULT_ORG.id,
      ws,
      'CREATE TABLE cities (name text PRIMARY KEY, population int)',
    );
    await signIn();
    const editor = await openSql(page, ws);
    await setSql(page, editor, 'INSERT INTO cities (population, name) VALUES ($1::int, $2)');
    await page.getByRole('switch', { name: 'Batch mode' }).click();
    await page.getByLabel('CSV file of parameter rows').setInputFiles({
      name: 'cities.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('name,population\nOslo,709000\n"Paris, France",2100000\nLima,10000000\n'),
    });
    const dialog = page.getByRole('dialog', { name: 'Import parameter rows' });
    await expect(dialog).toContainText('cities.csv: 3 rows, 2 columns, comma-separated.');
    await expect(dialog.getByRole('combobox', { name: 'Column for $1' })).toHaveText('population');
    await expect(dialog.getByRole('combobox', { name: 'Column for $2' })).toHaveText('name');
    await dialog.getByRole('button', { name: 'Import 3 rows' }).click();
    await expect(dialog).toBeHidden();
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await expect(result(page).getByRole('status')).toContainText('3 rows inserted');
    const { rows } = await adminApi.query(
      DEFAULT_ORG.id,
      ws,
      'SELECT name, population FROM cities ORDER BY name',
    );
    expect(rows).toEqual([
      ['Lima', 10000000],
      ['Oslo', 709000],
      ['Paris, France', 2100000],
    ]);
  });

  test('sends a large batch in chunks with progress, and names the row that fails', async ({
    page,
    signIn,
    adminApi,
  }) => {
    const ws = await adminApi.newWorkspace('sql');
    await adminApi.query(DEFAULT_ORG.id, ws, 'CREATE TABLE events (id int PRIMARY KEY, kind text)');
    await signIn();
    const editor = await openSql(page, ws);
    await setSql(page, editor, 'INSERT INTO events (id, kind) VALUES ($1::int, $2)');
    await page.getByRole('switch', { name: 'Batch mode' }).click();
    // 12,000 rows, the last one repeating id 1: three requests, the third one fails.
    const lines = ['id,kind'];
    for (let i = 1; i <= 11_999; i++) lines.push(`${i},k${i % 7}`);
    lines.push('1,again');
    await page.getByLabel('CSV file of parameter rows').setInputFiles({
      name: 'events.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(`${lines.join('\n')}\n`),
    });
    await page
      .getByRole('dialog', { name: 'Import parameter rows' })
      .getByRole('button', { name: 'Import 12,000 rows' })
      .click();

    const batches: number[] = [];
    page.on('request', (request) => {
      if (request.url().endsWith('/tables/query/batch')) {
        batches.push((request.postDataJSON() as { params_batch: unknown[] }).params_batch.length);
      }
    });
    // The second request waits (the real server then answers it) until the test has seen the
    // progress after the first: a fixed delay could pass between two of the test's looks.
    let releaseSecond!: () => void;
    const secondReleased = new Promise<void>((resolve) => (releaseSecond = resolve));
    let sent = 0;
    await page.route('**/tables/query/batch', async (route) => {
      sent += 1;
      if (sent === 2) await secondReleased;
      await route.continue();
    });
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    const progress = page.getByRole('progressbar', { name: 'Batch progress' });
    await expect(progress).toHaveAttribute('aria-valuenow', '5000');
    await expect(progress).toHaveAttribute('aria-valuemax', '12000');
    await expect(
      page.getByRole('status').filter({ hasText: 'Sent 5,000 of 12,000 rows' }),
    ).toBeVisible();
    releaseSecond();
    const alert = page.getByRole('alert').filter({ hasText: 'failed' });
    await expect(alert).toContainText('Row 12,000 failed: duplicate key value');
    await expect(alert).toContainText('Rows 1–10,000 (earlier requests) were applied and stay');
    await expect(alert).toContainText('Rows 10,001–12,000 (this request) were rolled back.');
    expect(batches).toEqual([5000, 5000, 2000]);
    const { rows } = await adminApi.query(
      DEFAULT_ORG.id,
      ws,
      'SELECT count(*)::int, max(id) FROM events',
    );
    expect(rows).toEqual([[10000, 10000]]);
  });

  test('cancels a chunked batch between requests, keeping exactly the rows already applied', async ({
    page,
    signIn,
    adminApi,
  }) => {
    const ws = await adminApi.newWorkspace('sql');
    await adminApi.query(DEFAULT_ORG.id, ws, 'CREATE TABLE ticks (n int PRIMARY KEY)');
    await signIn();
    const editor = await openSql(page, ws);
    await setSql(page, editor, 'INSERT INTO ticks (n) VALUES ($1::int)');
    await page.getByRole('switch', { name: 'Batch mode' }).click();
    const numbers = Array.from({ length: 12_000 }, (_, i) => String(i + 1));
    await page.getByLabel('CSV file of parameter rows').setInputFiles({
      name: 'ticks.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(`${numbers.join('\n')}\n`),
    });
    await page
      .getByRole('dialog', { name: 'Import parameter rows' })
      .getByRole('button', { name: 'Import 12,000 rows' })
      .click();
    // The second request waits until the cancel, so the cancel lands while it is pending.
    let releaseSecond!: () => void;
    const secondReleased = new Promise<void>((resolve) => (releaseSecond = resolve));
    let requests = 0;
    await page.route('**/tables/query/batch', async (route) => {
      requests++;
      if (requests === 2) await secondReleased;
      await route.continue().catch(() => {});
    });
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await expect(
      page.getByRole('status').filter({ hasText: 'Sent 5,000 of 12,000 rows (request 2 of 3)' }),
    ).toBeVisible();
    await page.getByRole('button', { name: 'Cancel', exact: true }).click();
    releaseSecond();
    const outcome = page.getByRole('region', { name: 'Result' });
    await expect(outcome).toContainText('Cancelled after');
    await expect(outcome).toContainText('Rows 1–5,000 (earlier requests) were applied and stay');
    await expect(outcome).toContainText('Rows 10,001–12,000 were not sent.');
    const { rows } = await adminApi.query(
      DEFAULT_ORG.id,
      ws,
      'SELECT count(*)::int, max(n) FROM ticks',
    );
    expect(rows).toEqual([[5000, 5000]]);
  });

  test('marks where the server says the error is', async ({ page, signIn, adminApi }) => {
    const ws = await adminApi.newWorkspace('sql');
    await signIn();
    const editor = await openSql(page, ws);
    await setSql(page, editor, 'SELECT 1;\n\nSELECT nope + 1\nFROM generate_series(1, 3) g');
    // The caret is at the end: the second statement runs.
    await page.keyboard.press('ControlOrMeta+Enter');
    const alert = page.getByRole('alert').filter({ hasText: 'nope' });
    await expect(alert).toContainText('column "nope" does not exist');
    await expect(alert).toContainText('SQLSTATE 42703 · line 3, column 8');
    // Monaco draws markers as squiggles; there is no role for them.
    const squiggle = page.locator('.monaco-editor .squiggly-error');
    await expect(squiggle).toHaveCount(1);
    // F8 goes to the problem and shows its message in the editor.
    await editor.focus();
    await page.keyboard.press('F8');
    await expect(page.getByText('1 of 1 problem')).toBeVisible();
    await expect(
      page.locator('.monaco-editor').getByText('column "nope" does not exist'),
    ).toBeVisible();
    await page.keyboard.press('Escape');
    // Editing the text takes the marker away: it no longer points at the right place.
    await editor.focus();
    await page.keyboard.insertText(' ');
    await expect(squiggle).toHaveCount(0);
  });

  test('cancels a pg_sleep, and the server stops it', async ({ page, signIn, adminApi }) => {
    const ws = await adminApi.newWorkspace('sql');
    await adminApi.query(DEFAULT_ORG.id, ws, 'CREATE TABLE held AS SELECT 1 AS a');
    await signIn();
    const editor = await openSql(page, ws);
    // The statement locks the row, then sleeps: the lock shows whether its backend still runs
    // (a workspace may not read pg_stat_activity).
    await setSql(
      page,
      editor,
      'WITH l AS (SELECT a FROM held FOR UPDATE) SELECT pg_sleep(28.5) FROM l',
    );
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Running…' })).toBeVisible();
    await expect(page.getByRole('tab', { name: /running/ })).toBeVisible();
    const sleeping = async () => {
      const answer = await adminApi.post(
        `/workspaces/${ws}/tables/query`,
        { query: 'SELECT a FROM held FOR UPDATE NOWAIT' },
        DEFAULT_ORG.id,
      );
      // 55P03 lock_not_available: the row is still locked by the sleeping statement.
      return answer.status() === 400 && (await answer.text()).includes('55P03');
    };
    await expect.poll(sleeping).toBe(true);
    await page.getByRole('button', { name: 'Cancel', exact: true }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Cancelled after' })).toBeVisible();
    await expect.poll(sleeping, { timeout: 5_000 }).toBe(false);
    await expect(page.getByRole('button', { name: 'Cancel', exact: true })).toBeDisabled();
  });

  test('exports the result as CSV and JSON', async ({ page, signIn, adminApi }) => {
    const ws = await adminApi.newWorkspace('sql');
    await signIn();
    const editor = await openSql(page, ws);
    await setSql(
      page,
      editor,
      `SELECT 1 AS id, 'plain' AS name, NULL::text AS note, ARRAY[1,2] AS nums
       UNION ALL SELECT 2, 'with, comma and "quotes"', '', ARRAY[]::int[]`,
    );
    await page.keyboard.press('ControlOrMeta+Enter');
    await expect(result(page).getByRole('status')).toContainText('2 rows');

    const [csv] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    expect(csv.suggestedFilename()).toMatch(/^query-\d{4}-\d\d-\d\d-\d{4}\.csv$/);
    expect(await fs.readFile((await csv.path())!, 'utf8')).toBe(
      'id,name,note,nums\r\n1,plain,,"[1,2]"\r\n2,"with, comma and ""quotes""","",[]\r\n',
    );
    const [json] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export JSON' }).click(),
    ]);
    expect(JSON.parse(await fs.readFile((await json.path())!, 'utf8'))).toEqual([
      { id: 1, name: 'plain', note: null, nums: [1, 2] },
      { id: 2, name: 'with, comma and "quotes"', note: '', nums: [] },
    ]);
  });

  test('exports the v3 query API’s JSON and copies the statement as a request', async ({
    page,
    signIn,
    adminApi,
    request,
  }) => {
    const ws = await adminApi.newWorkspace('sql');
    await adminApi.query(
      DEFAULT_ORG.id,
      ws,
      "CREATE TABLE docs AS SELECT * FROM (VALUES (1, 'cats', 0.5::float8), (2, NULL, 1.5)) v(id, text, score)",
    );
    await signIn();
    const editor = await openSql(page, ws);
    const sql = 'SELECT docs.id, text, score FROM docs WHERE id > 0 ORDER BY id';
    await setSql(page, editor, sql);
    await page.keyboard.press('ControlOrMeta+Enter');
    await expect(result(page).getByRole('status')).toContainText('2 rows');

    const more = page.getByRole('button', { name: 'More exports and requests' });
    const exportV3 = async (item: string) => {
      await more.click();
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('menuitem', { name: item }).click(),
      ]);
      return JSON.parse(await fs.readFile((await download.path())!, 'utf8')) as unknown;
    };
    const rows = {
      message: 'Query successful.',
      tensors: ['id', 'text', 'score'],
      data: [
        { id: 1, text: 'cats', score: 0.5 },
        { id: 2, text: null, score: 1.5 },
      ],
    };
    expect(await exportV3('Export v3 JSON, one object per row')).toEqual(rows);
    expect(await exportV3('Export v3 JSON, one array per column')).toEqual({
      message: 'Query successful.',
      tensors: ['id', 'text', 'score'],
      data: { id: [1, 2], text: ['cats', null], score: [0.5, 1.5] },
    });

    // The request, with a placeholder for the token: nothing is run from the clipboard.
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await more.press('Enter');
    await page.getByRole('menuitem', { name: 'Copy curl request' }).press('Enter');
    await expect(page.getByText('Copied the curl request')).toBeVisible();
    const curl = await page.evaluate<string>('navigator.clipboard.readText()');
    expect(curl).toContain(`"query":"${sql}"`);
    expect(curl).toContain(`-H 'X-Activeloop-Org-Id: ${DEFAULT_ORG.id}'`);
    expect(curl).toContain('-H "Authorization: Bearer $DEEPLAKE_API_TOKEN"');
    expect(curl).toContain(`/api/workspaces/${ws}/tables/query'`);
    expect(curl).not.toContain(ADMIN_TOKEN);

    // The v3 request names the table by hub path; its body, sent as it is, gives the same rows.
    await more.click();
    await page.getByRole('menuitem', { name: 'Copy v3 curl request' }).click();
    await expect(page.getByText('Copied the v3 curl request')).toBeVisible();
    const v3 = await page.evaluate<string>('navigator.clipboard.readText()');
    expect(v3).toContain(`/api/query/v1'`);
    expect(v3).toContain(`\\"hub://${DEFAULT_ORG.id}/${ws}/docs\\" AS docs`);
    const body = JSON.parse(/--data-binary '([^']*)'$/.exec(v3)![1]!) as unknown;
    expect(body).toEqual({
      query: `SELECT docs.id, text, score FROM "hub://${DEFAULT_ORG.id}/${ws}/docs" AS docs WHERE id > 0 ORDER BY id`,
      as_list: true,
    });
    const answer = await request.post('/api/query/v1', {
      headers: { Authorization: `Bearer ${ADMIN_TOKEN}` },
      data: body,
    });
    expect(answer.status(), await answer.text()).toBe(200);
    expect(await answer.json()).toMatchObject(rows);
  });

  test('keeps tabs, their text and parameters across a reload', async ({
    page,
    signIn,
    adminApi,
  }) => {
    const ws = await adminApi.newWorkspace('sql');
    await signIn();
    const editor = await openSql(page, ws);
    await setSql(page, editor, 'SELECT $1::int * 2 AS doubled');
    await page.getByLabel('Value of $1').fill('21');
    await page.getByRole('button', { name: 'New tab' }).click();
    await expect(page.getByRole('tab', { name: 'Query 2', selected: true })).toBeVisible();
    await setSql(page, editor, '-- second tab\nSELECT now()');

    await page.reload();
    await expect(page.getByRole('tab')).toHaveText(['Query 1', 'Query 2']);
    await expect(page.getByRole('tab', { name: 'Query 2' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    await expect(page.locator('.monaco-editor .view-lines')).toContainText('-- second tab');
    await page.getByRole('tab', { name: 'Query 1' }).click();
    await expect(page.locator('.monaco-editor .view-lines')).toContainText('SELECT $1::int * 2');
    await expect(page.getByLabel('Value of $1')).toHaveValue('21');
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await expect(page.getByRole('grid', { name: 'Query result' })).toContainText('42');
  });

  test('completes the workspace’s tables, schema-qualified too, and their columns', async ({
    page,
    signIn,
    adminApi,
  }) => {
    const ws = await adminApi.newWorkspace('sql');
    await adminApi.query(
      DEFAULT_ORG.id,
      ws,
      'CREATE TABLE orders (order_id int, "Total Amount" numeric)',
    );
    await signIn();
    const editor = await openSql(page, ws);
    await setSql(page, editor, `SELECT o. FROM "${ws}".orders o`);
    // Put the caret after `o.` and ask for suggestions.
    await page.keyboard.press('Home');
    for (let i = 0; i < 'SELECT o.'.length; i++) await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Control+Space');
    const suggestions = page.getByRole('listbox');
    await expect(suggestions.getByRole('option', { name: /order_id/ })).toBeVisible();
    await expect(suggestions.getByRole('option', { name: /Total Amount/ })).toBeVisible();
    await suggestions.getByRole('option', { name: /Total Amount/ }).click();
    await expect(page.locator('.monaco-editor .view-lines')).toContainText(
      `SELECT o."Total Amount" FROM "${ws}".orders o`,
    );

    await setSql(page, editor, `SELECT * FROM "${ws}".`);
    await page.keyboard.press('Control+Space');
    await expect(page.getByRole('listbox').getByRole('option', { name: /orders/ })).toBeVisible();
  });

  test('runs an earlier query again from the history, with its parameters', async ({
    page,
    signIn,
    adminApi,
  }) => {
    const ws = await adminApi.newWorkspace('sql');
    await signIn();
    const editor = await openSql(page, ws);
    await setSql(page, editor, "SELECT $1 || ' from history' AS said");
    await page.getByLabel('Value of $1').fill('hello');
    await page.keyboard.press('ControlOrMeta+Enter');
    await expect(page.getByRole('grid', { name: 'Query result' })).toContainText(
      'hello from history',
    );
    await setSql(page, editor, 'SELECT 2');
    await page.keyboard.press('ControlOrMeta+Enter');
    await expect(result(page).getByRole('status')).toContainText('1 row');

    await page.getByRole('button', { name: 'History' }).click();
    const history = page.getByRole('dialog', { name: 'Query history' });
    await history.getByRole('searchbox', { name: 'Search history' }).fill('hello');
    const runs = history.getByRole('list', { name: 'Runs' }).getByRole('listitem');
    await expect(runs).toHaveCount(1);
    await expect(runs).toContainText('$1 = "hello"');
    await runs.getByRole('button', { name: /^Run again/ }).click();
    await expect(history).toBeHidden();
    await expect(page.getByRole('tab', { name: 'Query 2', selected: true })).toBeVisible();
    await expect(page.getByRole('grid', { name: 'Query result' })).toContainText(
      'hello from history',
    );
  });

  test('runs the selection when there is one, and formats the SQL', async ({
    page,
    signIn,
    adminApi,
  }) => {
    const ws = await adminApi.newWorkspace('sql');
    await signIn();
    const editor = await openSql(page, ws);
    await setSql(page, editor, "select 'first' as which;\nselect 'second' as which, 2 as n");
    // Select the first line only (without its semicolon), then run.
    await page.keyboard.press('ControlOrMeta+Home');
    await page.keyboard.press('Shift+End');
    await page.keyboard.press('Shift+ArrowLeft');
    await page.keyboard.press('ControlOrMeta+Enter');
    await expect(page.getByRole('grid', { name: 'Query result' })).toContainText('first');

    await page.getByRole('button', { name: 'Format' }).click();
    const lines = page.locator('.monaco-editor .view-lines');
    await expect(lines).toContainText("SELECT  'first' AS which;");
    // Formatting is one undoable edit.
    await editor.focus();
    await page.keyboard.press('ControlOrMeta+Z');
    await expect(lines).toContainText("select 'first' as which;");
  });

  test('asks before dropping a table, decided from the SQL itself', async ({
    page,
    signIn,
    adminApi,
  }) => {
    const ws = await adminApi.newWorkspace('sql');
    await adminApi.query(DEFAULT_ORG.id, ws, 'CREATE TABLE doomed (id int)');
    await signIn();
    const editor = await openSql(page, ws);
    // Words in comments and strings do not count; the statement itself does.
    await setSql(page, editor, "-- DROP TABLE everything\nSELECT 'DROP TABLE doomed'");
    await page.keyboard.press('ControlOrMeta+Enter');
    await expect(result(page).getByRole('status')).toContainText('1 row');

    await setSql(page, editor, 'DROP TABLE doomed');
    await page.keyboard.press('ControlOrMeta+Enter');
    const confirm = page.getByRole('alertdialog', { name: 'Run a destructive statement?' });
    await expect(confirm).toContainText('DROP TABLE doomed deletes the table and all its rows.');
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    expect((await adminApi.get(`/workspaces/${ws}/tables/doomed`)).status()).toBe(200);

    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await confirm.getByRole('button', { name: 'Run it' }).click();
    await expect(result(page).getByRole('status')).toContainText('DROP TABLE done');
    expect((await adminApi.get(`/workspaces/${ws}/tables/doomed`)).status()).toBe(404);
  });

  test('saves a snippet with a name and opens it again in a new tab', async ({
    page,
    signIn,
    adminApi,
  }) => {
    const ws = await adminApi.newWorkspace('sql');
    const name = `Top rows ${uniqueId('snippet')}`;
    await signIn();
    const editor = await openSql(page, ws);
    await setSql(page, editor, 'SELECT g FROM generate_series(1, $1::int) g');
    await page.getByLabel('Value of $1').fill('3');
    await page.getByRole('button', { name: 'Save snippet' }).click();
    const save = page.getByRole('dialog', { name: 'Save snippet' });
    await save.getByLabel('Name').fill(name);
    await save.getByRole('button', { name: 'Save snippet' }).click();
    await expect(save).toBeHidden();
    await expect(page.getByRole('tab', { name, selected: true })).toBeVisible();

    await page.reload();
    await page.getByRole('button', { name: 'Snippets' }).click();
    const snippets = page.getByRole('dialog', { name: 'Snippets' });
    await snippets.getByRole('searchbox', { name: 'Search snippets' }).fill('top rows');
    await snippets.getByRole('button', { name: `Open snippet ${name}` }).click();
    await expect(page.getByRole('tab')).toHaveCount(2);
    await expect(page.getByLabel('Value of $1')).toHaveValue('3');
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await expect(result(page).getByRole('status')).toContainText('3 rows');
  });

  test('opens a link from the table browser (?query=…&params=…) in a new tab and runs it', async ({
    page,
    signIn,
    adminApi,
  }) => {
    const ws = await adminApi.newWorkspace('sql');
    await adminApi.query(DEFAULT_ORG.id, ws, 'CREATE TABLE docs (title text, embedding float4[])');
    await adminApi.query(
      DEFAULT_ORG.id,
      ws,
      "INSERT INTO docs VALUES ('a', '{1,0}'), ('b', '{0,1}')",
    );
    await signIn();
    await openSql(page, ws);
    const sql =
      'SELECT title, embedding <#> $1::float4[] AS score FROM docs ORDER BY score DESC LIMIT $2';
    const search = new URLSearchParams({ query: sql, params: JSON.stringify([[1, 0], 1]) });
    await page.goto(`/workspaces/${ws}/sql?${search.toString()}`);
    await expect(page.getByRole('tab', { name: 'Query 2', selected: true })).toBeVisible();
    await expect(page).toHaveURL(new RegExp(`/workspaces/${ws}/sql$`));
    await expect(page.getByLabel('Value of $1')).toHaveValue('[1,0]');
    await expect(page.getByRole('combobox', { name: 'Type of $1' })).toHaveText('Array / vector');
    await expect(page.getByLabel('Value of $2')).toHaveValue('1');
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    const grid = page.getByRole('grid', { name: 'Query result' });
    await expect(result(page).getByRole('status')).toContainText('1 row');
    await expect(grid.getByRole('gridcell', { name: 'a', exact: true })).toBeVisible();
  });
});
