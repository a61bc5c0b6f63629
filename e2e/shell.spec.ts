import { ADMIN_EMAIL, expect, test } from './fixtures';

test.describe('The shell', () => {
  test('says the API is ready', async ({ page, signIn, request }) => {
    await signIn();
    await expect(page.getByRole('status', { name: 'API ready' })).toBeVisible();
    await expect(page.getByRole('status', { name: 'API ready' })).toContainText('API ready');
    // The indicator reflects the real server's answer.
    const ready = await request.get('/api/ready');
    expect(ready.status()).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready' });
  });

  test('has a skip link, the main navigation and the signed-in user', async ({ page, signIn }) => {
    await signIn();
    const nav = page.getByRole('navigation', { name: 'Main' });
    await expect(nav.getByRole('link')).toHaveText([
      'Organizations',
      'Members',
      'Workspaces',
      'Tables',
      'SQL',
      'Files',
      'API tokens',
    ]);
    await expect(page.getByRole('group', { name: 'Signed-in user' })).toContainText(ADMIN_EMAIL);

    // The first Tab reaches the skip link, which takes keyboard users past the navigation.
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Skip to content' });
    await expect(skip).toBeFocused();
    await expect(skip).toBeVisible();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('main')).toBeFocused();
  });
});
