import { randomUUID } from 'node:crypto';
import { ADMIN_EMAIL, DEFAULT_ORG, expect, organizationRow, test, uniqueId } from './fixtures';

test.describe('Organizations', () => {
  test('creates an organization, checking the ID as it is typed, and selects it', async ({
    page,
    signIn,
    adminApi,
  }) => {
    const id = uniqueId('org');
    const name = `Org ${id}`;
    await signIn();

    await page.getByRole('button', { name: 'New organization' }).click();
    const dialog = page.getByRole('dialog', { name: 'New organization' });
    await expect(dialog).toBeVisible();
    const idField = dialog.getByLabel('ID', { exact: true });
    const nameField = dialog.getByLabel('Name', { exact: true });

    await idField.fill('Bad');
    await expect(dialog.getByText('ID must start with a lower-case letter')).toBeVisible();
    await expect(idField).toHaveAttribute('aria-invalid', 'true');
    await nameField.fill(name);
    await dialog.getByRole('button', { name: 'Create organization' }).click();
    // Not sent: the dialog stays, the ID field gets the focus back to be corrected.
    await expect(dialog).toBeVisible();
    await expect(idField).toBeFocused();
    await expect(idField).toHaveValue('Bad');
    expect((await adminApi.organizations()).map((o) => o.id)).not.toContain('Bad');

    await idField.fill('a b');
    await expect(
      dialog.getByText(/ID may only contain lower-case letters.*\(found " "\)/),
    ).toBeVisible();
    await idField.fill(id);
    await expect(idField).not.toHaveAttribute('aria-invalid');
    await expect(dialog.getByText(/^ID (must|may)/)).toBeHidden();
    await dialog.getByRole('button', { name: 'Create organization' }).click();

    await expect(dialog).toBeHidden();
    await expect(page.getByText(`Organization ${name} created`)).toBeVisible();
    const row = organizationRow(page, id);
    await expect(row).toBeVisible();
    await expect(row).toContainText(name);
    await expect(row).toContainText('admin');
    await expect(row).toContainText('Selected');
    await expect(row.getByRole('link', { name: `Members of ${id}` })).toBeVisible();

    // Creating selects it: the switcher shows it, and workspace pages work in it.
    await expect(page.getByLabel('Organization', { exact: true })).toHaveValue(id);
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Workspaces' })
      .click();
    await expect(page.getByRole('heading', { name: 'Workspaces', level: 1 })).toBeVisible();
    await expect(page.getByRole('main')).toContainText(`Workspaces of ${name} (${id})`);
    await expect(page.getByText('No workspaces yet')).toBeVisible();

    expect(await adminApi.organizations()).toContainEqual(
      expect.objectContaining({ id, name, role: 'admin' }),
    );
  });

  test('takes a UUID as the ID, as the hosted service’s organization ids are', async ({
    page,
    signIn,
    adminApi,
  }) => {
    const id = randomUUID();
    const name = `UUID org ${id.slice(0, 8)}`;
    await signIn();

    await page.getByRole('button', { name: 'New organization' }).click();
    const dialog = page.getByRole('dialog', { name: 'New organization' });
    const idField = dialog.getByLabel('ID', { exact: true });
    // An organization id may start with a digit; a workspace id may not (it is a schema name).
    await idField.fill('-org');
    await expect(
      dialog.getByText('ID must start with a lower-case letter or a digit'),
    ).toBeVisible();
    await idField.fill(id);
    await expect(idField).not.toHaveAttribute('aria-invalid');
    await dialog.getByLabel('Name', { exact: true }).fill(name);
    await dialog.getByRole('button', { name: 'Create organization' }).click();

    await expect(dialog).toBeHidden();
    await expect(page.getByText(`Organization ${name} created`)).toBeVisible();
    await expect(page.getByLabel('Organization', { exact: true })).toHaveValue(id);
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Workspaces' })
      .click();
    await expect(page.getByRole('main')).toContainText(`Workspaces of ${name} (${id})`);

    const [self] = (await adminApi.members(DEFAULT_ORG.id)).filter(
      (member) => member.email === ADMIN_EMAIL,
    );
    expect(await adminApi.organizations()).toContainEqual(
      expect.objectContaining({ id, name, creator: self!.user_id, role: 'admin' }),
    );
    const workspace = uniqueId('ws');
    await adminApi.createWorkspace(id, workspace, 'In a UUID org');
    expect((await adminApi.workspaces(id)).map((w) => w.id)).toEqual([workspace]);
  });

  test('a duplicate ID shows the server’s refusal in the dialog and keeps what was typed', async ({
    page,
    signIn,
    adminApi,
  }) => {
    await signIn();
    await page.getByRole('button', { name: 'New organization' }).click();
    const dialog = page.getByRole('dialog', { name: 'New organization' });
    await dialog.getByLabel('ID', { exact: true }).fill(DEFAULT_ORG.id);
    await dialog.getByLabel('Name', { exact: true }).fill('Another default');
    await dialog.getByRole('button', { name: 'Create organization' }).click();

    await expect(dialog.getByRole('alert')).toContainText(
      `An organization with id "${DEFAULT_ORG.id}" already exists`,
    );
    await expect(dialog.getByLabel('ID', { exact: true })).toHaveValue(DEFAULT_ORG.id);
    await expect(dialog.getByLabel('Name', { exact: true })).toHaveValue('Another default');

    // Cancel closes it and nothing changed on the server.
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toBeHidden();
    expect(await adminApi.organizations()).toContainEqual(
      expect.objectContaining({ id: DEFAULT_ORG.id, name: DEFAULT_ORG.name }),
    );
  });

  test('renames an organization', async ({ page, signIn, adminApi }) => {
    const id = uniqueId('org');
    await adminApi.createOrganization(id, 'Before rename');
    await signIn();

    await page.getByRole('button', { name: `Rename ${id}` }).click();
    const dialog = page.getByRole('dialog', { name: 'Rename organization' });
    await expect(dialog).toContainText(`The ID ${id} stays the same.`);
    const nameField = dialog.getByLabel('Name', { exact: true });
    await expect(nameField).toHaveValue('Before rename');

    // An empty name is refused in place.
    await nameField.fill('   ');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(dialog).toBeVisible();
    await expect(nameField).toHaveAttribute('aria-invalid', 'true');

    await nameField.fill('After rename');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByText('Organization renamed to After rename')).toBeVisible();
    const row = organizationRow(page, id);
    await expect(row).toContainText('After rename');
    await expect(row).not.toContainText('Before rename');
    // The switcher shows the new name too.
    await expect(
      page
        .getByLabel('Organization', { exact: true })
        .getByRole('option', { name: 'After rename' }),
    ).toHaveCount(1);

    expect(await adminApi.organizations()).toContainEqual(
      expect.objectContaining({ id, name: 'After rename' }),
    );
  });

  test('deletes an organization only after its ID is typed exactly', async ({
    page,
    signIn,
    adminApi,
  }) => {
    const id = uniqueId('org');
    await adminApi.createOrganization(id, `Doomed ${id}`);
    await adminApi.createWorkspace(id, uniqueId('ws'), 'Goes with it');
    await signIn();
    const row = organizationRow(page, id);
    await expect(row).toBeVisible();

    // Escape backs out without deleting.
    await page.getByRole('button', { name: `Delete ${id}` }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Delete organization' });
    await expect(dialog).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(row).toBeVisible();

    await page.getByRole('button', { name: `Delete ${id}` }).click();
    await expect(dialog).toContainText('all its workspaces, tables and files');
    const confirm = dialog.getByRole('button', { name: 'Delete organization' });
    const typed = dialog.getByLabel(`Type ${id} to confirm`);
    await expect(confirm).toBeDisabled();
    await typed.fill(id.slice(0, -1));
    await expect(confirm).toBeDisabled();
    await typed.fill(id.toUpperCase());
    await expect(confirm).toBeDisabled();
    await typed.fill(`${id} `);
    await expect(confirm).toBeDisabled();
    await typed.fill(id);
    await expect(confirm).toBeEnabled();
    await confirm.click();

    await expect(dialog).toBeHidden();
    await expect(page.getByText(`Organization ${id} deleted`)).toBeVisible();
    await expect(row).toBeHidden();
    await expect(
      page
        .getByLabel('Organization', { exact: true })
        .getByRole('option', { name: `Doomed ${id}` }),
    ).toHaveCount(0);

    expect((await adminApi.organizations()).map((o) => o.id)).not.toContain(id);
    expect((await adminApi.get(`/organizations/${id}`)).status()).toBe(404);
  });

  test('the members link of a row opens that organization’s members', async ({
    page,
    signIn,
    adminApi,
  }) => {
    const id = uniqueId('org');
    const name = `Linked ${id}`;
    await adminApi.createOrganization(id, name);
    await signIn();
    await page.getByRole('link', { name: `Members of ${id}` }).click();
    await expect(page.getByRole('heading', { name: 'Members', level: 1 })).toBeVisible();
    await expect(page).toHaveURL(new RegExp(`/organizations/${id}/members$`));
    await expect(page.getByRole('main')).toContainText(`People in ${name} (${id})`);
    // Opening it makes it the selected organization.
    await expect(page.getByLabel('Organization', { exact: true })).toHaveValue(id);
  });
});
