import type { Page } from '@playwright/test';
import { ADMIN_TOKEN, expect, expectAccessible, test, uniqueEmail, uniqueId } from './fixtures';

/**
 * Issue 16: each workspace's details show its engine URL, the `{your-engine-url}` of the older
 * File API's snippets (seed 003), and that URL works as the snippets use it: with the token
 * alone, no organization header.
 */

async function openDetails(page: Page, orgId: string, workspaceId: string) {
  await page.getByLabel('Organization', { exact: true }).selectOption(orgId);
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Workspaces' })
    .click();
  await expect(page.getByRole('heading', { name: 'Workspaces', level: 1 })).toBeVisible();
  await page.getByRole('button', { name: `Details of ${workspaceId}` }).click();
  return page.getByRole('dialog', { name: 'Workspace details' });
}

test.describe('Engine URL', () => {
  test('is shown in the workspace details, copies, and lists the drive with the token', async ({
    page,
    context,
    baseURL,
    request,
    signIn,
    adminApi,
  }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const orgId = uniqueId('org');
    const workspaceId = uniqueId('ws');
    await adminApi.createOrganization(orgId, `Engine ${orgId}`);
    await adminApi.createWorkspace(orgId, workspaceId, 'Engine files');
    // A file that is not an image, audio or video: the seed's rules put it in drive/others.
    await adminApi.uploadFile(orgId, workspaceId, {
      name: 'notes.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('engine notes\n'),
    });
    await signIn();

    const dialog = await openDetails(page, orgId, workspaceId);
    await expect(dialog).toContainText('Engine files');
    const engine = dialog.getByRole('group', { name: 'Engine URL' });
    const expected = `${baseURL}/engine/${workspaceId}`;
    await expect(engine.getByText(expected, { exact: true })).toBeVisible();
    await expect(engine).toHaveAccessibleDescription(/https:\/\/\{your-engine-url\}/);
    await expectAccessible(page);

    await dialog.getByRole('button', { name: 'Copy engine URL' }).click();
    await expect(page.getByText('Engine URL copied')).toBeVisible();
    const copied = await page.evaluate<string>('navigator.clipboard.readText()');
    expect(copied).toBe(expected);

    // What the seed's GET snippet sends, with the copied URL for `https://{your-engine-url}`.
    const headers = { Authorization: `Bearer ${ADMIN_TOKEN}` };
    const root = await request.get(`${copied}/api/v1/file/?file_path=drive`, { headers });
    expect(root.status(), await root.text()).toBe(200);
    expect(await root.json()).toMatchObject({
      path: 'drive',
      folders: [expect.objectContaining({ path: 'drive/others', name: 'others' })],
    });
    const others = await request.get(`${copied}/api/v1/file/?file_path=drive/others`, {
      headers,
    });
    expect(others.status(), await others.text()).toBe(200);
    expect(await others.json()).toMatchObject({
      path: 'drive/others',
      files: [expect.objectContaining({ path: 'drive/others/notes.txt', name: 'notes.txt' })],
    });

    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
  });

  test('is shown to a viewer, who may list', async ({ baseURL, adminApi, openAsAnotherUser }) => {
    const orgId = uniqueId('org');
    const workspaceId = uniqueId('ws');
    await adminApi.createOrganization(orgId, `Engine viewers ${orgId}`);
    await adminApi.createWorkspace(orgId, workspaceId, 'Shared files');
    const { invite_link: link } = await adminApi.invite(orgId, uniqueEmail('viewer'), 'viewer');
    expect(link).toBeTruthy();

    const viewer = await openAsAnotherUser(link!);
    const dialog = await openDetails(viewer, orgId, workspaceId);
    const engine = dialog.getByRole('group', { name: 'Engine URL' });
    await expect(
      engine.getByText(`${baseURL}/engine/${workspaceId}`, { exact: true }),
    ).toBeVisible();
    await expect(viewer.getByRole('button', { name: `Rename ${workspaceId}` })).toHaveCount(0);
  });
});
