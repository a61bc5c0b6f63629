import type { Page } from '@playwright/test';
import { ADMIN_EMAIL, expect, test, uniqueEmail, uniqueId, type Api } from './fixtures';

/** A fresh organization of the first admin, with the admin's page open on its members. */
async function openNewOrganizationMembers(page: Page, adminApi: Api, signIn: () => Promise<void>) {
  const orgId = uniqueId('org');
  const orgName = `Members ${orgId}`;
  await adminApi.createOrganization(orgId, orgName);
  await signIn();
  await page.getByRole('link', { name: `Members of ${orgId}` }).click();
  await expect(page.getByRole('heading', { name: 'Members', level: 1 })).toBeVisible();
  const table = page.getByRole('table', { name: `Members of ${orgName}` });
  await expect(table.getByRole('cell', { name: ADMIN_EMAIL })).toBeVisible();
  return { orgId, orgName, table };
}

function memberRow(page: Page, orgName: string, email: string) {
  return page
    .getByRole('table', { name: `Members of ${orgName}` })
    .getByRole('row')
    .filter({ hasText: email });
}

test.describe('Members', () => {
  test('invites a new email, shows its invite link, changes its role and removes it', async ({
    page,
    context,
    signIn,
    adminApi,
  }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const { orgId, orgName } = await openNewOrganizationMembers(page, adminApi, signIn);
    const email = uniqueEmail('invitee');

    await page.getByRole('button', { name: 'Invite member' }).click();
    const dialog = page.getByRole('dialog', { name: 'Invite member' });
    await expect(dialog).toContainText(`Add someone to ${orgName} by email.`);

    await dialog.getByLabel('Email').fill('not-an-email');
    await dialog.getByRole('button', { name: 'Send invite' }).click();
    await expect(dialog.getByText('Enter a valid email address.')).toBeVisible();

    await dialog.getByLabel('Email').fill(email);
    await expect(dialog.getByRole('combobox', { name: 'Role' })).toHaveText('Writer');
    await dialog.getByRole('button', { name: 'Send invite' }).click();

    const link = dialog.getByLabel('Invite link');
    await expect(link).toBeVisible();
    await expect(link).toHaveAttribute('readonly', '');
    await expect(link).toHaveValue(/^http:\/\/127\.0\.0\.1:\d+\/#token=\S+$/);
    await expect(dialog).toContainText(`${email} was added as writer`);
    await expect(page.getByText(`${email} added as writer`)).toBeVisible();
    await dialog.getByRole('button', { name: 'Copy invite link' }).click();
    await expect(page.getByText('Invite link copied')).toBeVisible();
    expect(await page.evaluate('navigator.clipboard.readText()')).toBe(await link.inputValue());
    await dialog.getByRole('button', { name: 'Done' }).click();
    await expect(dialog).toBeHidden();

    const row = memberRow(page, orgName, email);
    await expect(row).toBeVisible();
    expect(await adminApi.members(orgId)).toContainEqual(
      expect.objectContaining({ email, role: 'writer' }),
    );

    // Make them admin.
    const role = page.getByRole('combobox', { name: `Role for ${email}` });
    await expect(role).toHaveText('Writer');
    await role.click();
    await page.getByRole('option', { name: 'Admin' }).click();
    await expect(page.getByText(`${email} is now an admin`)).toBeVisible();
    await expect(role).toHaveText('Admin');
    expect(await adminApi.members(orgId)).toContainEqual(
      expect.objectContaining({ email, role: 'admin' }),
    );
    // With a second admin, the first one may leave now.
    await expect(page.getByRole('button', { name: 'Leave organization' })).toBeEnabled();
    await expect(page.getByText(/make someone else admin first/)).toBeHidden();

    // And back to writer.
    await role.click();
    await page.getByRole('option', { name: 'Writer' }).click();
    await expect(page.getByText(`${email} is now a writer`)).toBeVisible();
    await expect(role).toHaveText('Writer');
    await expect(page.getByRole('button', { name: 'Leave organization' })).toBeDisabled();

    // Remove, after confirming.
    await page.getByRole('button', { name: `Remove ${email}` }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Remove member' });
    await expect(confirm).toContainText(`${email} loses access to ${orgName}`);
    await confirm.getByRole('button', { name: 'Remove member' }).click();
    await expect(confirm).toBeHidden();
    await expect(page.getByText(`${email} removed`)).toBeVisible();
    await expect(row).toBeHidden();
    expect((await adminApi.members(orgId)).map((m) => m.email)).toEqual([ADMIN_EMAIL]);
  });

  test('inviting someone who already has an account adds them without a link', async ({
    page,
    signIn,
    adminApi,
  }) => {
    // Someone who got an account by an invite to another organization.
    const email = uniqueEmail('known');
    const elsewhere = uniqueId('org');
    await adminApi.createOrganization(elsewhere, 'Elsewhere');
    expect((await adminApi.invite(elsewhere, email)).invite_link).toBeTruthy();

    const { orgId, orgName } = await openNewOrganizationMembers(page, adminApi, signIn);
    await page.getByRole('button', { name: 'Invite member' }).click();
    const dialog = page.getByRole('dialog', { name: 'Invite member' });
    await dialog.getByLabel('Email').fill(email);
    await dialog.getByRole('combobox', { name: 'Role' }).click();
    await page.getByRole('option', { name: 'Admin' }).click();
    await expect(dialog.getByRole('combobox', { name: 'Role' })).toHaveText('Admin');
    await dialog.getByRole('button', { name: 'Send invite' }).click();

    await expect(dialog).toBeHidden();
    await expect(page.getByText(`${email} added as admin`)).toBeVisible();
    await expect(page.getByRole('combobox', { name: `Role for ${email}` })).toHaveText('Admin');
    await expect(memberRow(page, orgName, email)).toBeVisible();
    expect(await adminApi.members(orgId)).toContainEqual(
      expect.objectContaining({ email, role: 'admin' }),
    );

    // Inviting them again is refused, with the server's reason in the dialog.
    await page.getByRole('button', { name: 'Invite member' }).click();
    await dialog.getByLabel('Email').fill(email);
    await dialog.getByRole('button', { name: 'Send invite' }).click();
    await expect(dialog.getByRole('alert')).toContainText(`${email} is already a member`);
    await expect(dialog.getByLabel('Email')).toHaveValue(email);
  });

  test('explains the last-admin rule to the only admin', async ({ page, signIn, adminApi }) => {
    const { orgId, orgName } = await openNewOrganizationMembers(page, adminApi, signIn);

    const leave = page.getByRole('button', { name: 'Leave organization' });
    await expect(leave).toBeDisabled();
    await expect(leave).toHaveAccessibleDescription(
      /An organization needs at least one admin: make someone else admin first\./,
    );
    await expect(
      page.getByText(
        `You are the only admin of ${orgName}, so you cannot leave it or change your own role.`,
        { exact: false },
      ),
    ).toBeVisible();
    await expect(page.getByRole('combobox', { name: `Role for ${ADMIN_EMAIL}` })).toBeDisabled();
    await expect(page.getByRole('button', { name: `Remove ${ADMIN_EMAIL}` })).toHaveCount(0);
    // The admin can still invite.
    await expect(page.getByRole('button', { name: 'Invite member' })).toBeEnabled();

    // The server holds the same rule: the last admin can be neither demoted nor removed.
    const self = (await adminApi.members(orgId)).find((m) => m.email === ADMIN_EMAIL)!;
    const demote = await adminApi.patch(`/organizations/${orgId}/members/${self.user_id}`, {
      role: 'member',
    });
    expect(demote.status()).toBe(409);
    expect((await demote.json()).error.message).toMatch(/at least one admin/);
    const remove = await adminApi.delete(`/organizations/${orgId}/members/${self.user_id}`);
    expect(remove.status()).toBe(409);
    expect(await adminApi.members(orgId)).toEqual([
      expect.objectContaining({ email: ADMIN_EMAIL, role: 'admin' }),
    ]);
  });

  test('asks before an admin gives up their own admin rights', async ({
    page,
    signIn,
    adminApi,
  }) => {
    const orgId = uniqueId('org');
    const orgName = `Demote ${orgId}`;
    const otherAdmin = uniqueEmail('admin');
    await adminApi.createOrganization(orgId, orgName);
    await adminApi.invite(orgId, otherAdmin, 'admin');
    await signIn();
    await page.goto(`/organizations/${orgId}/members`);

    const myRole = page.getByRole('combobox', { name: `Role for ${ADMIN_EMAIL}` });
    await expect(myRole).toBeEnabled();
    await expect(page.getByRole('button', { name: 'Leave organization' })).toBeEnabled();

    // Backing out changes nothing.
    await myRole.click();
    await page.getByRole('option', { name: 'Writer' }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Give up admin rights?' });
    await expect(confirm).toContainText('Another admin can make you admin again.');
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await expect(confirm).toBeHidden();
    await expect(myRole).toHaveText('Admin');
    expect(await adminApi.members(orgId)).toContainEqual(
      expect.objectContaining({ email: ADMIN_EMAIL, role: 'admin' }),
    );

    await myRole.click();
    await page.getByRole('option', { name: 'Writer' }).click();
    await confirm.getByRole('button', { name: 'Make me a writer' }).click();
    await expect(page.getByText(`${ADMIN_EMAIL} is now a writer`)).toBeVisible();
    // The admin actions go away at once.
    await expect(page.getByRole('button', { name: 'Invite member' })).toHaveCount(0);
    await expect(page.getByRole('combobox', { name: /^Role for / })).toHaveCount(0);
    await expect(page.getByRole('button', { name: /^Remove / })).toHaveCount(0);
    await expect(memberRow(page, orgName, ADMIN_EMAIL)).toContainText('writer');
    expect(await adminApi.members(orgId)).toContainEqual(
      expect.objectContaining({ email: ADMIN_EMAIL, role: 'writer' }),
    );
  });

  test('after an invite link was shown, inviting again starts from an empty form', async ({
    page,
    signIn,
    adminApi,
  }) => {
    // Known bug (src/features/members/components/invite-member-dialog.tsx:29): "Done" closes
    // the dialog without resetting the invite mutation, so the next "Invite member" shows the
    // previous person's invite link (a live sign-in token) instead of the form.
    await openNewOrganizationMembers(page, adminApi, signIn);
    const dialog = page.getByRole('dialog', { name: 'Invite member' });

    await page.getByRole('button', { name: 'Invite member' }).click();
    await dialog.getByLabel('Email').fill(uniqueEmail('first'));
    await dialog.getByRole('button', { name: 'Send invite' }).click();
    await expect(dialog.getByLabel('Invite link')).toBeVisible();
    await dialog.getByRole('button', { name: 'Done' }).click();
    await expect(dialog).toBeHidden();

    await page.getByRole('button', { name: 'Invite member' }).click();
    await expect(dialog).toBeVisible();
    await expect(dialog.getByLabel('Email')).toBeVisible({ timeout: 2_000 });
    await expect(dialog.getByLabel('Email')).toHaveValue('');
    await expect(dialog.getByLabel('Invite link')).toHaveCount(0);
  });

  test('switching the organization on the members page follows it', async ({
    page,
    signIn,
    adminApi,
  }) => {
    const { orgId } = await openNewOrganizationMembers(page, adminApi, signIn);
    const other = uniqueId('org');
    await adminApi.createOrganization(other, `Other ${other}`);
    await page.reload();
    await expect(page.getByLabel('Organization', { exact: true })).toHaveValue(orgId);

    await page.getByLabel('Organization', { exact: true }).selectOption(other);
    await expect(page).toHaveURL(new RegExp(`/organizations/${other}/members$`));
    await expect(page.getByRole('table', { name: `Members of Other ${other}` })).toBeVisible();
  });

  test('an organization you are not in is reported as not found', async ({ page, signIn }) => {
    await signIn();
    await page.goto(`/organizations/${uniqueId('nowhere')}/members`);
    await expect(page.getByText('Organization not found')).toBeVisible();
    await page.getByRole('link', { name: 'Back to organizations' }).click();
    await expect(page.getByRole('heading', { name: 'Organizations', level: 1 })).toBeVisible();
  });
});
