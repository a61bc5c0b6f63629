import type { Page } from '@playwright/test';
import { expect, test, uniqueId } from './fixtures';

function workspaceRow(page: Page, orgName: string, workspaceId: string) {
  return page
    .getByRole('table', { name: `Workspaces of ${orgName}` })
    .getByRole('row')
    .filter({ has: page.getByRole('cell', { name: workspaceId, exact: true }) });
}

async function openWorkspacesOf(page: Page, orgId: string) {
  await page.getByLabel('Organization', { exact: true }).selectOption(orgId);
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Workspaces' })
    .click();
  await expect(page.getByRole('heading', { name: 'Workspaces', level: 1 })).toBeVisible();
}

test.describe('Workspaces', () => {
  test('creates, renames and deletes a workspace', async ({ page, signIn, adminApi }) => {
    const orgId = uniqueId('org');
    const orgName = `Workspaces ${orgId}`;
    const id = uniqueId('ws');
    await adminApi.createOrganization(orgId, orgName);
    await signIn();
    await openWorkspacesOf(page, orgId);
    await expect(page.getByText('No workspaces yet')).toBeVisible();

    // Create.
    await page.getByRole('button', { name: 'New workspace' }).click();
    const dialog = page.getByRole('dialog', { name: 'New workspace' });
    await expect(dialog).toContainText(`A workspace in ${orgName} holds tables and files.`);
    const idField = dialog.getByLabel('ID', { exact: true });
    await idField.fill('Sales');
    await expect(dialog.getByText('ID must start with a lower-case letter')).toBeVisible();
    await idField.fill('public');
    await expect(dialog.getByText('ID "public" is reserved')).toBeVisible();
    await idField.fill(id);
    await expect(idField).not.toHaveAttribute('aria-invalid');
    await dialog.getByLabel('Name', { exact: true }).fill('Sales data');
    await dialog.getByRole('button', { name: 'Create workspace' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByText('Workspace Sales data created')).toBeVisible();
    const row = workspaceRow(page, orgName, id);
    await expect(row).toContainText('Sales data');
    expect(await adminApi.workspaces(orgId)).toContainEqual(
      expect.objectContaining({ id, name: 'Sales data', org_id: orgId }),
    );

    // Rename.
    await page.getByRole('button', { name: `Rename ${id}` }).click();
    const rename = page.getByRole('dialog', { name: 'Rename workspace' });
    await expect(rename).toContainText(
      `The ID ${id}, and so the schema name in SQL, stays the same.`,
    );
    const nameField = rename.getByLabel('Name', { exact: true });
    await expect(nameField).toHaveValue('Sales data');
    await nameField.fill('Revenue');
    await rename.getByRole('button', { name: 'Save' }).click();
    await expect(rename).toBeHidden();
    await expect(page.getByText('Workspace renamed to Revenue')).toBeVisible();
    await expect(row).toContainText('Revenue');
    expect(await adminApi.workspaces(orgId)).toContainEqual(
      expect.objectContaining({ id, name: 'Revenue' }),
    );

    // Delete, after typing its id.
    await page.getByRole('button', { name: `Delete ${id}` }).click();
    const remove = page.getByRole('alertdialog', { name: 'Delete workspace' });
    await expect(remove).toContainText('all its tables and files');
    const confirm = remove.getByRole('button', { name: 'Delete workspace' });
    await expect(confirm).toBeDisabled();
    await remove.getByLabel(`Type ${id} to confirm`).fill('Revenue');
    await expect(confirm).toBeDisabled();
    await remove.getByLabel(`Type ${id} to confirm`).fill(id);
    await expect(confirm).toBeEnabled();
    await confirm.click();
    await expect(remove).toBeHidden();
    await expect(page.getByText(`Workspace ${id} deleted`)).toBeVisible();
    await expect(row).toBeHidden();
    await expect(page.getByText('No workspaces yet')).toBeVisible();
    expect(await adminApi.workspaces(orgId)).toEqual([]);
    expect((await adminApi.get(`/workspaces/${id}`, orgId)).status()).toBe(404);
  });

  test('an ID already taken shows the server’s refusal in the dialog and keeps what was typed', async ({
    page,
    signIn,
    adminApi,
  }) => {
    const orgId = uniqueId('org');
    const taken = uniqueId('ws');
    await adminApi.createOrganization(orgId, `Taken ${orgId}`);
    await adminApi.createWorkspace(orgId, taken, 'First');
    await signIn();
    await openWorkspacesOf(page, orgId);

    await page.getByRole('button', { name: 'New workspace' }).click();
    const dialog = page.getByRole('dialog', { name: 'New workspace' });
    await dialog.getByLabel('ID', { exact: true }).fill(taken);
    await dialog.getByLabel('Name', { exact: true }).fill('Second');
    await dialog.getByRole('button', { name: 'Create workspace' }).click();
    await expect(dialog.getByRole('alert')).toContainText(taken);
    await expect(dialog.getByLabel('ID', { exact: true })).toHaveValue(taken);
    await expect(dialog.getByLabel('Name', { exact: true })).toHaveValue('Second');
    expect(await adminApi.workspaces(orgId)).toEqual([
      expect.objectContaining({ id: taken, name: 'First' }),
    ]);
  });

  test('belong to the selected organization: switching it changes the list', async ({
    page,
    signIn,
    adminApi,
  }) => {
    const first = { id: uniqueId('org'), name: 'First org', ws: uniqueId('ws') };
    const second = { id: uniqueId('org'), name: 'Second org', ws: uniqueId('ws') };
    for (const org of [first, second]) {
      await adminApi.createOrganization(org.id, `${org.name} ${org.id}`);
      await adminApi.createWorkspace(org.id, org.ws, `Workspace of ${org.name}`);
    }
    await signIn();
    await openWorkspacesOf(page, first.id);
    const select = page.getByLabel('Organization', { exact: true });

    const firstTable = page.getByRole('table', { name: `Workspaces of First org ${first.id}` });
    const secondTable = page.getByRole('table', { name: `Workspaces of Second org ${second.id}` });
    await expect(firstTable.getByRole('cell', { name: first.ws, exact: true })).toBeVisible();
    await expect(page.getByRole('cell', { name: second.ws, exact: true })).toHaveCount(0);

    await select.selectOption(second.id);
    await expect(secondTable.getByRole('cell', { name: second.ws, exact: true })).toBeVisible();
    await expect(firstTable).toHaveCount(0);
    await expect(page.getByRole('cell', { name: first.ws, exact: true })).toHaveCount(0);

    // The choice survives a reload.
    await page.reload();
    await expect(select).toHaveValue(second.id);
    await expect(secondTable.getByRole('cell', { name: second.ws, exact: true })).toBeVisible();

    await select.selectOption(first.id);
    await expect(firstTable.getByRole('cell', { name: first.ws, exact: true })).toBeVisible();
    await expect(page.getByRole('cell', { name: second.ws, exact: true })).toHaveCount(0);
  });
});

test.describe('Workspace areas', () => {
  test('Tables, SQL and Files open the workspace used last, and the picker switches it', async ({
    page,
    signIn,
    adminApi,
  }) => {
    const orgId = uniqueId('org');
    await adminApi.createOrganization(orgId, `Areas ${orgId}`);
    const first = await adminApi.createWorkspace(orgId, uniqueId('ws-a'), 'First');
    const second = await adminApi.createWorkspace(orgId, uniqueId('ws-b'), 'Second');
    await signIn();
    await page.getByLabel('Organization', { exact: true }).selectOption(orgId);
    const nav = page.getByRole('navigation', { name: 'Main' });

    await nav.getByRole('link', { name: 'Tables' }).click();
    await expect(page.getByRole('heading', { name: 'Tables', level: 1 })).toBeVisible();
    const picker = page.getByRole('combobox', { name: 'Workspace' });
    await expect(picker).toContainText('First');
    await expect(page).toHaveURL(`/workspaces/${first.id}/tables`);

    await picker.click();
    await page.getByRole('option', { name: /Second/ }).click();
    await expect(page).toHaveURL(`/workspaces/${second.id}/tables`);

    // The workspace used last is where the other areas open.
    await nav.getByRole('link', { name: 'SQL' }).click();
    await expect(page).toHaveURL(`/workspaces/${second.id}/sql`);
    await expect(nav.getByRole('link', { name: 'SQL' })).toHaveAttribute('aria-current', 'page');
    await nav.getByRole('link', { name: 'Files' }).click();
    await expect(page).toHaveURL(`/workspaces/${second.id}/files`);
  });
});
