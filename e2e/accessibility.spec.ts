import type { Page } from '@playwright/test';
import { ADMIN_EMAIL, expect, expectAccessible, test, uniqueId, type Api } from './fixtures';

/** A 2×2 PNG: enough for a real thumbnail and preview. */
const TINY_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP4z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg==',
  'base64',
);

/** The Files screen in each of its states: grid, list, selection, menu, uploads, preview, delete. */
async function checkFilesScreen(page: Page, api: Api, signIn: () => Promise<void>) {
  const orgId = uniqueId('org');
  const workspaceId = `ws_${uniqueId('a11y').replace(/-/g, '_')}`;
  await api.createOrganization(orgId, `A11y ${orgId}`);
  await api.createWorkspace(orgId, workspaceId, 'Accessible files');
  await api.uploadFile(orgId, workspaceId, {
    name: 'dot.png',
    mimeType: 'image/png',
    buffer: TINY_PNG,
  });
  await api.uploadFile(
    orgId,
    workspaceId,
    {
      name: 'notes.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('Accessible notes\n'),
    },
    { folder: 'drive' },
  );
  await signIn();
  await page.getByLabel('Organization', { exact: true }).selectOption(orgId);
  await page.goto(`/workspaces/${workspaceId}/files`);
  const grid = page.getByRole('list', { name: 'Files of Accessible files, page 1' });
  await expect(grid.getByRole('listitem')).toHaveCount(2);
  await expect(grid.locator('img')).toHaveCount(1);
  await expectAccessible(page);

  // An upload, then its panel.
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Upload files' }).click();
  await (
    await chooser
  ).setFiles({ name: 'more.txt', mimeType: 'text/plain', buffer: Buffer.from('more') });
  await expect(page.getByRole('region', { name: 'Uploads' })).toContainText('1 file uploaded');
  await expectAccessible(page);

  // The list, a selection and a file's menu.
  await page.getByRole('button', { name: 'List' }).click();
  const table = page.getByRole('table', { name: 'Files of Accessible files, page 1' });
  await table.getByRole('checkbox', { name: 'Select notes.txt' }).check();
  await expect(page.getByRole('region', { name: 'Selection' })).toContainText('1 file selected');
  await expectAccessible(page);
  await table.getByRole('button', { name: 'Actions for dot.png' }).click();
  await expect(page.getByRole('menuitem', { name: 'Copy ID' })).toBeVisible();
  await expectAccessible(page);
  await page.keyboard.press('Escape');

  // Previews of an image and of text.
  await table.getByRole('button', { name: 'dot.png', exact: true }).click();
  const image = page.getByRole('dialog', { name: 'dot.png' });
  await expect(image.getByRole('img', { name: 'dot.png' })).toBeVisible();
  await expectAccessible(page);
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByRole('dialog', { name: 'notes.txt' })).toContainText('Accessible notes');
  await expectAccessible(page);
  await page.keyboard.press('Escape');

  // The delete confirmation.
  await page.getByRole('button', { name: 'Delete selected' }).click();
  await expect(page.getByRole('alertdialog', { name: 'Delete 1 file' })).toBeVisible();
  await expectAccessible(page);
}

// Serious and critical axe violations only (see expectAccessible), with motion reduced so that
// fading toasts are not caught mid-fade (the fixtures set reducedMotion: 'reduce').
test.describe('Accessibility', () => {
  test('the sign-in screen, also with an error showing', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByRole('heading', { name: 'Sign in', level: 1 })).toBeVisible();
    // The premise of these checks: the browser asks for reduced motion.
    expect(await page.evaluate("matchMedia('(prefers-reduced-motion: reduce)').matches")).toBe(
      true,
    );
    await expectAccessible(page);

    await page.getByLabel('API token').fill('wrong-token');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByText(/^This token was not accepted/)).toBeVisible();
    await expectAccessible(page);
  });

  test('the organizations page', async ({ page, signIn }) => {
    await signIn();
    await expect(page.getByRole('table', { name: 'Your organizations' })).toBeVisible();
    await expect(page.getByRole('status', { name: 'API ready' })).toBeVisible();
    await expect(page.getByRole('group', { name: 'Signed-in user' })).toContainText(ADMIN_EMAIL);
    await expectAccessible(page);
  });

  test('the members page', async ({ page, signIn, adminApi }) => {
    const orgId = uniqueId('org');
    await adminApi.createOrganization(orgId, `A11y ${orgId}`);
    await adminApi.invite(orgId, `${uniqueId('a11y')}@example.com`);
    await signIn();
    await page.goto(`/organizations/${orgId}/members`);
    await expect(page.getByRole('table', { name: `Members of A11y ${orgId}` })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Leave organization' })).toBeDisabled();
    await expectAccessible(page);
  });

  test('the workspaces page', async ({ page, signIn, adminApi }) => {
    const orgId = uniqueId('org');
    await adminApi.createOrganization(orgId, `A11y ${orgId}`);
    await adminApi.createWorkspace(orgId, uniqueId('ws'), 'Accessible workspace');
    await signIn();
    await page.getByLabel('Organization', { exact: true }).selectOption(orgId);
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Workspaces' })
      .click();
    await expect(page.getByRole('table', { name: `Workspaces of A11y ${orgId}` })).toBeVisible();
    await expectAccessible(page);
  });

  test('an open dialog, with a validation error, and a confirmation dialog', async ({
    page,
    signIn,
    adminApi,
  }) => {
    const orgId = uniqueId('org');
    await adminApi.createOrganization(orgId, `A11y ${orgId}`);
    await signIn();

    await page.getByRole('button', { name: 'New organization' }).click();
    const dialog = page.getByRole('dialog', { name: 'New organization' });
    await expect(dialog).toBeVisible();
    await expectAccessible(page);
    await dialog.getByLabel('ID', { exact: true }).fill('Bad');
    await expect(dialog.getByText('ID must start with a lower-case letter')).toBeVisible();
    await expectAccessible(page);
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();

    await page.getByRole('button', { name: `Delete ${orgId}` }).click();
    await expect(page.getByRole('alertdialog', { name: 'Delete organization' })).toBeVisible();
    await expectAccessible(page);
  });

  test('the invite dialog showing an invite link', async ({ page, signIn, adminApi }) => {
    const orgId = uniqueId('org');
    await adminApi.createOrganization(orgId, `A11y ${orgId}`);
    await signIn();
    await page.goto(`/organizations/${orgId}/members`);
    await page.getByRole('button', { name: 'Invite member' }).click();
    const dialog = page.getByRole('dialog', { name: 'Invite member' });
    await expectAccessible(page);
    await dialog.getByLabel('Email').fill(`${uniqueId('a11y')}@example.com`);
    await dialog.getByRole('button', { name: 'Send invite' }).click();
    await expect(dialog.getByLabel('Invite link')).toBeVisible();
    await expectAccessible(page);
  });

  test('creating an organization works with the keyboard alone', async ({
    page,
    signIn,
    adminApi,
  }) => {
    const id = uniqueId('org');
    await signIn();
    await page.getByRole('button', { name: 'New organization' }).focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'New organization' });
    // Focus moves into the dialog, starting at the ID.
    await expect(dialog.getByLabel('ID', { exact: true })).toBeFocused();
    await page.keyboard.type(id);
    await page.keyboard.press('Tab');
    await expect(dialog.getByLabel('Name', { exact: true })).toBeFocused();
    await page.keyboard.type('Keyboard org');
    await page.keyboard.press('Enter');
    await expect(dialog).toBeHidden();
    await expect(page.getByText('Organization Keyboard org created')).toBeVisible();
    expect(await adminApi.organizations()).toContainEqual(
      expect.objectContaining({ id, name: 'Keyboard org' }),
    );
  });

  test('closing a dialog gives the focus back to the button that opened it', async ({
    page,
    signIn,
  }) => {
    // Known bug: the dialogs are opened by plain buttons, not Radix triggers, and Radix's
    // modal Dialog/AlertDialog content then focuses its (missing) trigger on close, so the
    // focus falls to <body> and a keyboard user starts over at the top of the page
    // (WCAG 2.4.3). See src/components/ui/dialog.tsx and src/components/ui/confirm-dialog.tsx.
    await signIn();
    const newOrganization = page.getByRole('button', { name: 'New organization' });
    await newOrganization.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'New organization' });
    await expect(dialog.getByLabel('ID', { exact: true })).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(newOrganization).toBeFocused({ timeout: 2_000 });
  });

  test('the files screen, its uploads, previews and dialogs', async ({
    page,
    signIn,
    adminApi,
  }) => {
    // Many axe passes over a screen with uploads and previews: more than the default 30 s when
    // the machine is busy.
    test.slow();
    await checkFilesScreen(page, adminApi, () => signIn());
  });

  test('the SQL screen with parameters, a result, the batch grid and the history', async ({
    page,
    signIn,
    adminApi,
  }) => {
    test.slow();
    await openSqlScreen(page, adminApi, () => signIn());
    await checkSqlScreen(page);
  });
});

test.describe('Accessibility in dark mode', () => {
  test.use({ colorScheme: 'dark' });

  test('sign-in, organizations, workspaces and a dialog', async ({ page, signIn }) => {
    await page.goto('/');
    await expect(page.getByRole('heading', { name: 'Sign in', level: 1 })).toBeVisible();
    expect(await page.evaluate("matchMedia('(prefers-color-scheme: dark)').matches")).toBe(true);
    await expectAccessible(page);

    await signIn();
    await expect(page.getByRole('table', { name: 'Your organizations' })).toBeVisible();
    await expect(page.getByRole('status', { name: 'API ready' })).toBeVisible();
    await expectAccessible(page);

    await page.getByRole('button', { name: 'New organization' }).click();
    await page
      .getByRole('dialog', { name: 'New organization' })
      .getByLabel('ID', { exact: true })
      .fill('Bad');
    await expect(page.getByText('ID must start with a lower-case letter')).toBeVisible();
    await expectAccessible(page);
    await page.keyboard.press('Escape');

    await page.getByLabel('Organization', { exact: true }).selectOption('default');
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Workspaces' })
      .click();
    await expect(
      page.getByRole('table', { name: 'Workspaces of Default organization' }),
    ).toBeVisible();
    await expectAccessible(page);
  });

  test('the files screen, its uploads, previews and dialogs', async ({
    page,
    signIn,
    adminApi,
  }) => {
    // Many axe passes over a screen with uploads and previews: more than the default 30 s when
    // the machine is busy.
    test.slow();
    await checkFilesScreen(page, adminApi, () => signIn());
  });

  test('the SQL screen', async ({ page, signIn, adminApi }) => {
    test.slow();
    await openSqlScreen(page, adminApi, () => signIn());
    await checkSqlScreen(page);
  });
});

// Tables (issue 4): the list, a table's data and schema views, the row panel, a cell's value,
// a filter editor, the import dialog with its preview, in both colour schemes.
for (const colorScheme of ['light', 'dark'] as const) {
  test.describe(`Accessibility of the table browser (${colorScheme})`, () => {
    test.use({ colorScheme });

    test('tables, a table, its panels and the import dialog', async ({
      page,
      signIn,
      adminApi,
    }) => {
      // Eight axe runs over a grid: more than the default 30 s on a busy machine.
      test.slow();
      const ws = uniqueId('a11y');
      await adminApi.createWorkspace('default', ws, `A11y ${ws}`);
      await adminApi.query(
        'default',
        ws,
        `CREATE TABLE "${ws}"."things" (id int4 NOT NULL, name text, ok bool, meta jsonb, at timestamptz, v float4[], raw bytea)`,
      );
      await adminApi.query(
        'default',
        ws,
        `INSERT INTO "${ws}"."things" SELECT g, CASE WHEN g % 3 = 0 THEN NULL ELSE 'thing ' || g END, g % 2 = 0, '{"a": [1, 2]}', now(), ARRAY[g, 1]::float4[], '\\x0102' FROM generate_series(1, 30) g`,
      );
      await signIn();
      await page.getByLabel('Organization', { exact: true }).selectOption('default');
      await page.goto(`/workspaces/${ws}/tables`);
      await expect(page.getByRole('table', { name: 'Tables' })).toBeVisible();
      await expectAccessible(page);

      await page.getByRole('link', { name: 'things' }).click();
      const rows = page.getByRole('grid', { name: 'Rows of things' });
      await expect(rows.getByRole('gridcell', { name: 'thing 1', exact: true })).toBeVisible();
      await rows.getByRole('gridcell', { name: 'thing 1', exact: true }).hover();
      await expectAccessible(page);

      await rows.getByRole('gridcell', { name: 'thing 1', exact: true }).click();
      await page.keyboard.press('Space');
      await expect(page.getByRole('dialog', { name: 'Value of name' })).toBeVisible();
      await expectAccessible(page);
      await page.keyboard.press('Escape');

      await page.getByRole('button', { name: 'Add filter' }).click();
      await expect(page.getByRole('dialog', { name: 'Add filter' })).toBeVisible();
      await expectAccessible(page);
      await page.keyboard.press('Escape');

      await rows.getByRole('gridcell', { name: 'thing 1', exact: true }).click();
      await page.keyboard.press('Enter');
      await expect(page.getByRole('dialog', { name: 'Row 1' })).toBeVisible();
      await expectAccessible(page);
      await page.keyboard.press('Escape');

      await page.getByRole('button', { name: 'Find rows similar to row 1', exact: true }).click();
      await expect(page.getByRole('grid', { name: 'Rows similar to row 1' })).toBeVisible();
      await expectAccessible(page);
      await page.keyboard.press('Escape');

      await page.getByRole('tab', { name: 'Schema' }).click();
      await expect(page.getByRole('table', { name: 'Columns of things' })).toBeVisible();
      await expectAccessible(page);

      await page.goto(`/workspaces/${ws}/tables`);
      await page.getByRole('button', { name: 'Create table from file' }).click();
      const dialog = page.getByRole('dialog', { name: 'Create table from file' });
      await dialog.getByLabel('File to create the table from').setInputFiles({
        name: 'bad.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from('a,b\n1,2\n3\n'),
      });
      await expect(dialog.getByRole('grid')).toBeVisible();
      await expectAccessible(page);
    });
  });
}

async function openSqlScreen(page: Page, api: Api, signIn: () => Promise<void>) {
  const ws = uniqueId('ws');
  await api.createWorkspace('default', ws, 'Accessible SQL');
  await signIn();
  await page.goto(`/workspaces/${ws}/sql`);
}

/** The SQL screen in the states worth checking: parameters, a result grid, the batch grid, a dialog. */
async function checkSqlScreen(page: Page) {
  const editor = page.getByRole('textbox', { name: 'SQL editor' });
  await expect(editor).toBeVisible({ timeout: 20_000 });
  await editor.focus();
  await page.keyboard.insertText('SELECT g AS n, $1::text AS label FROM generate_series(1, 20) g');
  await page.getByLabel('Value of $1').fill('x');
  await page.keyboard.press('ControlOrMeta+Enter');
  await expect(page.getByRole('grid', { name: 'Query result' })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('switch', { name: 'Batch mode' }).click();
  await expect(page.getByRole('table', { name: 'Parameter rows' })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'History' }).click();
  await expect(page.getByRole('dialog', { name: 'Query history' })).toBeVisible();
  await expectAccessible(page);
  await page.keyboard.press('Escape');
}
