import { expect, test, uniqueEmail, uniqueId } from './fixtures';

/**
 * The viewer role end to end: an admin invites someone as a viewer; they sign in from the
 * invite link, read a table, run a SELECT, and where they try to change something the console
 * says why they cannot — a disabled control with its reason, or the server's 403 in place.
 */
test('an admin invites a viewer, who reads a table, runs a SELECT and is told why changes are refused', async ({
  page,
  signIn,
  adminApi,
  openAsAnotherUser,
}) => {
  const orgId = uniqueId('org');
  const orgName = `Readers ${orgId}`;
  const workspaceId = uniqueId('ws');
  const email = uniqueEmail('viewer');
  await adminApi.createOrganization(orgId, orgName);
  await adminApi.createWorkspace(orgId, workspaceId, 'Shared data');
  await adminApi.query(orgId, workspaceId, 'CREATE TABLE cities (id int PRIMARY KEY, name text)');
  await adminApi.query(orgId, workspaceId, "INSERT INTO cities VALUES (1, 'Lisbon'), (2, 'Oslo')");

  // The admin invites a new email as a viewer, reading what a viewer may do.
  await signIn();
  await page.getByRole('link', { name: `Members of ${orgId}` }).click();
  await page.getByRole('button', { name: 'Invite member' }).click();
  const invite = page.getByRole('dialog', { name: 'Invite member' });
  await invite.getByLabel('Email').fill(email);
  const role = invite.getByRole('combobox', { name: 'Role' });
  await role.click();
  await expect(page.getByRole('option', { name: 'Viewer' })).toContainText(
    'Reads tables and files, runs read-only SQL',
  );
  await page.getByRole('option', { name: 'Viewer' }).click();
  await expect(role).toHaveText('Viewer');
  await expect(role).toHaveAccessibleDescription(
    'Viewer: reads tables and files, runs read-only SQL.',
  );
  await invite.getByRole('button', { name: 'Send invite' }).click();
  await expect(invite).toContainText(`${email} was added as viewer`);
  const inviteLink = await invite.getByLabel('Invite link').inputValue();
  await invite.getByRole('button', { name: 'Done' }).click();
  await expect(page.getByRole('combobox', { name: `Role for ${email}` })).toHaveText('Viewer');
  expect(await adminApi.members(orgId)).toContainEqual(
    expect.objectContaining({ email, role: 'viewer' }),
  );

  // The viewer opens the link in their own browser.
  const viewer = await openAsAnotherUser(inviteLink);
  await expect(viewer.getByLabel('Organization', { exact: true })).toHaveValue(orgId);
  const nav = viewer.getByRole('navigation', { name: 'Main' });

  // Tables: listed and readable; creating one is disabled, and the page says why.
  await nav.getByRole('link', { name: 'Tables' }).click();
  await expect(viewer.getByRole('heading', { name: 'Tables', level: 1 })).toBeVisible();
  const reason = new RegExp(
    `^You are a viewer in ${orgName}: viewers read tables and files and run read-only SQL, but change nothing`,
  );
  await expect(viewer.getByText(reason)).toBeVisible();
  const create = viewer.getByRole('button', { name: 'Create table from file' });
  await expect(create).toBeDisabled();
  await expect(create).toHaveAccessibleDescription(reason);
  await expect(viewer.getByRole('button', { name: 'Drop cities' })).toBeDisabled();

  await viewer.getByRole('link', { name: 'cities' }).click();
  await expect(viewer.getByRole('heading', { name: 'cities', level: 1 })).toBeVisible();
  const rows = viewer.getByRole('grid', { name: 'Rows of cities' });
  await expect(rows.getByRole('gridcell', { name: 'Lisbon', exact: true })).toBeVisible();
  await expect(rows.getByRole('gridcell', { name: 'Oslo', exact: true })).toBeVisible();
  const drop = viewer.getByRole('button', { name: 'Drop table' });
  await expect(drop).toBeDisabled();
  await expect(drop).toHaveAccessibleDescription(reason);

  // SQL: a SELECT works; a change is refused by the server, whose reason shows in place.
  await nav.getByRole('link', { name: 'SQL' }).click();
  await expect(viewer.getByRole('heading', { name: 'SQL', level: 1 })).toBeVisible();
  await expect(viewer.getByText(reason)).toBeVisible();
  const editor = viewer.getByRole('textbox', { name: 'SQL editor' });
  // Monaco is a few MB of script to compile: on a busy machine that takes a while.
  await expect(editor).toBeVisible({ timeout: 20_000 });
  const runSql = async (sql: string) => {
    await editor.focus();
    await viewer.keyboard.press('ControlOrMeta+A');
    await viewer.keyboard.press('Delete');
    await viewer.keyboard.insertText(sql);
    await viewer.keyboard.press('ControlOrMeta+Enter');
  };
  const result = viewer.getByRole('region', { name: 'Result' });
  await runSql('SELECT name FROM cities ORDER BY id');
  await expect(result.getByRole('status')).toContainText('2 rows · SELECT');
  await expect(
    viewer.getByRole('grid', { name: 'Query result' }).getByRole('gridcell', { name: 'Oslo' }),
  ).toBeVisible();

  await runSql("INSERT INTO cities VALUES (3, 'Rome')");
  const refusal = viewer.getByRole('alert').filter({ hasText: 'You are a viewer' });
  await expect(refusal).toContainText(
    `You are a viewer in "${orgId}": viewers read tables and files but change nothing`,
  );
  await expect(refusal).toContainText('you cannot run INSERT');

  // Nothing changed.
  const count = await adminApi.query(orgId, workspaceId, 'SELECT count(*)::int FROM cities');
  expect(count.rows).toEqual([[2]]);
});
