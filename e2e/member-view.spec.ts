import { ADMIN_EMAIL, expect, organizationRow, test, uniqueEmail, uniqueId } from './fixtures';

test('a member sees no admin actions, the server refuses them anyway, and the member can leave', async ({
  page,
  signIn,
  adminApi,
  apiAs,
  openAsAnotherUser,
}) => {
  const orgId = uniqueId('org');
  const orgName = `Shared ${orgId}`;
  const workspaceId = uniqueId('ws');
  const email = uniqueEmail('member');

  // The admin creates an organization with a workspace and invites a new email as member.
  await signIn();
  await page.getByRole('button', { name: 'New organization' }).click();
  const create = page.getByRole('dialog', { name: 'New organization' });
  await create.getByLabel('ID', { exact: true }).fill(orgId);
  await create.getByLabel('Name', { exact: true }).fill(orgName);
  await create.getByRole('button', { name: 'Create organization' }).click();
  await expect(page.getByText(`Organization ${orgName} created`)).toBeVisible();
  await adminApi.createWorkspace(orgId, workspaceId, 'Team workspace');

  await page.getByRole('link', { name: `Members of ${orgId}` }).click();
  await page.getByRole('button', { name: 'Invite member' }).click();
  const invite = page.getByRole('dialog', { name: 'Invite member' });
  await invite.getByLabel('Email').fill(email);
  await invite.getByRole('button', { name: 'Send invite' }).click();
  const inviteLink = await invite.getByLabel('Invite link').inputValue();
  expect(inviteLink).toMatch(/#token=/);
  await invite.getByRole('button', { name: 'Done' }).click();

  // The member opens the link in their own browser and is signed in.
  const memberPage = await openAsAnotherUser(inviteLink);
  expect(new URL(memberPage.url()).hash).toBe('');
  // The link works once: the console exchanged it for the member's own token.
  const memberToken = await memberPage.evaluate(() => {
    // The page's storage (this project compiles without the DOM library).
    type Storage = { getItem(key: string): string | null };
    const page = globalThis as unknown as { sessionStorage: Storage; localStorage: Storage };
    const key = 'deeplake-console.token';
    return page.sessionStorage.getItem(key) ?? page.localStorage.getItem(key) ?? '';
  });
  expect(memberToken).toMatch(/^dlc_/);
  await expect(memberPage.getByRole('group', { name: 'Signed-in user' })).toContainText(email);
  const orgRow = organizationRow(memberPage, orgId);
  // Invited with the default role: writer, what was called member.
  await expect(orgRow).toContainText('writer');
  await expect(orgRow.getByRole('button', { name: `Rename ${orgId}` })).toHaveCount(0);
  await expect(orgRow.getByRole('button', { name: `Delete ${orgId}` })).toHaveCount(0);

  await memberPage.getByLabel('Organization', { exact: true }).selectOption(orgId);
  await expect(memberPage.getByLabel('Organization', { exact: true })).toHaveValue(orgId);

  // Members: the list, but none of the admin actions.
  const nav = memberPage.getByRole('navigation', { name: 'Main' });
  await nav.getByRole('link', { name: 'Members' }).click();
  await expect(memberPage.getByRole('heading', { name: 'Members', level: 1 })).toBeVisible();
  const members = memberPage.getByRole('table', { name: `Members of ${orgName}` });
  await expect(members.getByRole('cell', { name: ADMIN_EMAIL })).toBeVisible();
  await expect(members.getByRole('row').filter({ hasText: email })).toContainText('you');
  await expect(memberPage.getByRole('button', { name: 'Leave organization' })).toBeEnabled();
  await expect(memberPage.getByRole('button', { name: 'Invite member' })).toHaveCount(0);
  await expect(memberPage.getByRole('combobox', { name: /^Role for / })).toHaveCount(0);
  await expect(memberPage.getByRole('button', { name: /^Remove / })).toHaveCount(0);

  // Workspaces: the list, but no creating, renaming or deleting.
  await nav.getByRole('link', { name: 'Workspaces' }).click();
  await expect(memberPage.getByRole('heading', { name: 'Workspaces', level: 1 })).toBeVisible();
  const workspaces = memberPage.getByRole('table', { name: `Workspaces of ${orgName}` });
  await expect(workspaces.getByRole('cell', { name: workspaceId, exact: true })).toBeVisible();
  await expect(
    memberPage.getByText('Only admins create, rename and delete workspaces.'),
  ).toBeVisible();
  await expect(memberPage.getByRole('button', { name: 'New workspace' })).toHaveCount(0);
  await expect(memberPage.getByRole('button', { name: /^Rename / })).toHaveCount(0);
  await expect(memberPage.getByRole('button', { name: /^Delete / })).toHaveCount(0);

  // The server refuses them anyway.
  const member = apiAs(memberToken);
  expect(
    (await member.post('/workspaces', { id: uniqueId('ws'), name: 'Nope' }, orgId)).status(),
  ).toBe(403);
  expect((await member.patch(`/workspaces/${workspaceId}`, { name: 'Nope' }, orgId)).status()).toBe(
    403,
  );
  expect((await member.delete(`/workspaces/${workspaceId}`, orgId)).status()).toBe(403);
  expect(
    (
      await member.post(`/organizations/${orgId}/members`, { email: uniqueEmail(), role: 'member' })
    ).status(),
  ).toBe(403);
  expect((await member.patch(`/organizations/${orgId}`, { name: 'Nope' })).status()).toBe(403);
  const admin = (await adminApi.members(orgId)).find((m) => m.email === ADMIN_EMAIL)!;
  expect(
    (
      await member.patch(`/organizations/${orgId}/members/${admin.user_id}`, { role: 'member' })
    ).status(),
  ).toBe(403);
  expect((await member.delete(`/organizations/${orgId}/members/${admin.user_id}`)).status()).toBe(
    403,
  );
  expect((await member.delete(`/organizations/${orgId}`)).status()).toBe(403);
  // ...while what members may do works: reading the organization's workspaces.
  expect((await member.workspaces(orgId)).map((w) => w.id)).toContain(workspaceId);

  // The member leaves; the organization disappears from their list.
  await nav.getByRole('link', { name: 'Members' }).click();
  await memberPage.getByRole('button', { name: 'Leave organization' }).click();
  const leave = memberPage.getByRole('alertdialog', { name: 'Leave organization' });
  await expect(leave).toContainText(`You lose access to ${orgName}`);
  await leave.getByRole('button', { name: 'Leave organization' }).click();
  await expect(memberPage.getByText(`You left ${orgId}`)).toBeVisible();
  await expect(memberPage.getByRole('heading', { name: 'Organizations', level: 1 })).toBeVisible();
  await expect(memberPage).toHaveURL(/\/organizations$/);
  await expect(organizationRow(memberPage, orgId)).toHaveCount(0);
  await expect(memberPage.getByText('You are not in any organization yet')).toBeVisible();

  expect((await member.organizations()).map((o) => o.id)).not.toContain(orgId);
  expect((await adminApi.members(orgId)).map((m) => m.email)).not.toContain(email);
  // Now a non-member: everything of the organization is a 404, whatever org header is sent.
  expect((await member.get(`/organizations/${orgId}/members`)).status()).toBe(404);
  expect((await member.get('/workspaces', orgId)).status()).toBe(404);
  expect((await member.get(`/workspaces/${workspaceId}`, orgId)).status()).toBe(404);
});
