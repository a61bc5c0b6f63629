import type { Page } from '@playwright/test';
import { ADMIN_EMAIL, expect, expectAccessible, test, uniqueId } from './fixtures';

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
  test('the SQL screen with parameters, a result, the batch grid and the history', async ({
    page,
    signIn,
    adminApi,
  }) => {
    const ws = uniqueId('ws');
    await adminApi.createWorkspace('default', ws, 'Accessible SQL');
    await signIn();
    await page.goto(`/workspaces/${ws}/sql`);
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

  test('the SQL screen', async ({ page, signIn, adminApi }) => {
    const ws = uniqueId('ws');
    await adminApi.createWorkspace('default', ws, 'Accessible SQL');
    await signIn();
    await page.goto(`/workspaces/${ws}/sql`);
    await checkSqlScreen(page);
  });
});

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
