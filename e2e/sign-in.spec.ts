import { ADMIN_EMAIL, ADMIN_TOKEN, expect, test } from './fixtures';

test.describe('Sign in by token', () => {
  test('refuses a wrong token in place, accepts the right one, and signs out', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByRole('heading', { name: 'Sign in', level: 1 })).toBeVisible();
    await expect(page).toHaveTitle(/^Sign in/);

    const tokenField = page.getByLabel('API token');
    await expect(tokenField).toHaveAttribute('type', 'password');
    await expect(page.getByRole('checkbox', { name: 'Remember me' })).not.toBeChecked();

    // An empty form is not sent.
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByText('Enter your API token.')).toBeVisible();

    await tokenField.fill('not-a-real-token');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(tokenField).toHaveAccessibleDescription(/This token was not accepted/);
    await expect(page.getByText(/^This token was not accepted/)).toBeVisible();
    // Still on the sign-in screen, with what was typed kept for correcting.
    await expect(page.getByRole('heading', { name: 'Sign in', level: 1 })).toBeVisible();
    await expect(tokenField).toHaveValue('not-a-real-token');

    // Typing again clears the complaint; the right token lands on the organizations.
    await tokenField.fill(ADMIN_TOKEN);
    await expect(page.getByText(/^This token was not accepted/)).toBeHidden();
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(/\/organizations$/);
    await expect(page.getByRole('heading', { name: 'Organizations', level: 1 })).toBeVisible();
    await expect(page.getByRole('group', { name: 'Signed-in user' })).toContainText(ADMIN_EMAIL);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page.getByRole('heading', { name: 'Sign in', level: 1 })).toBeVisible();
    await expect(page.getByLabel('API token')).toHaveValue('');
    await expect(page.getByRole('navigation', { name: 'Main' })).toBeHidden();

    // Signed out for real: a reload does not bring the session back.
    await page.reload();
    await expect(page.getByRole('heading', { name: 'Sign in', level: 1 })).toBeVisible();
  });

  test('after signing in you are on the page you asked for', async ({ page }) => {
    await page.goto('/workspaces');
    await expect(page.getByRole('heading', { name: 'Sign in', level: 1 })).toBeVisible();
    await page.getByLabel('API token').fill(ADMIN_TOKEN);
    await page.getByLabel('API token').press('Enter');
    await expect(page.getByRole('heading', { name: 'Workspaces', level: 1 })).toBeVisible();
    await expect(page).toHaveURL(/\/workspaces$/);
  });

  test('without "Remember me" a new tab asks again; with it, a new tab is signed in', async ({
    page,
    context,
  }) => {
    await page.goto('/organizations');
    await page.getByLabel('API token').fill(ADMIN_TOKEN);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('heading', { name: 'Organizations', level: 1 })).toBeVisible();

    const secondTab = await context.newPage();
    await secondTab.goto('/organizations');
    await expect(secondTab.getByRole('heading', { name: 'Sign in', level: 1 })).toBeVisible();

    await secondTab.getByLabel('API token').fill(ADMIN_TOKEN);
    await secondTab.getByRole('checkbox', { name: 'Remember me' }).check();
    await secondTab.getByRole('button', { name: 'Sign in' }).click();
    await expect(secondTab.getByRole('heading', { name: 'Organizations', level: 1 })).toBeVisible();

    const thirdTab = await context.newPage();
    await thirdTab.goto('/workspaces');
    await expect(thirdTab.getByRole('heading', { name: 'Workspaces', level: 1 })).toBeVisible();
  });
});

test.describe('Sign in against another API', () => {
  test('says when the API cannot be reached, and keeps the working setting', async ({ page }) => {
    await page.goto('/');
    await page.getByText('Advanced').click();
    const baseUrl = page.getByLabel('API base URL');
    await expect(baseUrl).toHaveValue('/api');
    // Nothing listens on the discard port.
    await baseUrl.fill('http://127.0.0.1:9/api');
    await page.getByLabel('API token').fill(ADMIN_TOKEN);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert')).toContainText(
      'Could not reach the API at http://127.0.0.1:9/api',
    );
    await expect(page.getByRole('heading', { name: 'Sign in', level: 1 })).toBeVisible();

    // The unreachable URL was not saved: after a reload the console talks to its own API.
    await page.reload();
    await page.getByText('Advanced').click();
    await expect(page.getByLabel('API base URL')).toHaveValue('/api');
    await page.getByLabel('API token').fill(ADMIN_TOKEN);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('heading', { name: 'Organizations', level: 1 })).toBeVisible();
  });
});

test.describe('Sign in by link', () => {
  test('signs in directly and removes the token from the address bar', async ({ page }) => {
    await page.goto(`/#token=${ADMIN_TOKEN}`);
    await expect(page.getByRole('heading', { name: 'Organizations', level: 1 })).toBeVisible();
    await expect(page).toHaveURL(/\/organizations$/);
    expect(new URL(page.url()).hash).toBe('');
    expect(page.url()).not.toContain(ADMIN_TOKEN);
    await expect(page.getByRole('group', { name: 'Signed-in user' })).toContainText(ADMIN_EMAIL);

    // The token is not left in the history either: going back does not lead to the link.
    await page.goBack().catch(() => undefined);
    expect(page.url()).not.toContain(ADMIN_TOKEN);
  });

  test('a link to a page opens that page', async ({ page }) => {
    await page.goto(`/workspaces#token=${ADMIN_TOKEN}`);
    await expect(page.getByRole('heading', { name: 'Workspaces', level: 1 })).toBeVisible();
    await expect(page).toHaveURL(/\/workspaces$/);
  });

  test('a link with a token the API refuses ends on the sign-in screen, saying why', async ({
    page,
  }) => {
    await page.goto('/#token=revoked-or-mistyped-token');
    await expect(page.getByRole('heading', { name: 'Sign in', level: 1 })).toBeVisible();
    await expect(
      page
        .getByRole('status')
        .filter({ hasText: 'The token of that sign-in link was not accepted' }),
    ).toBeVisible();
    expect(page.url()).not.toContain('revoked-or-mistyped-token');
  });
});

test.describe('Session and navigation', () => {
  test('a reload keeps you signed in and on the same page', async ({ page, signIn }) => {
    await signIn();
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Workspaces' })
      .click();
    await expect(page.getByRole('heading', { name: 'Workspaces', level: 1 })).toBeVisible();
    await expect(page).toHaveURL(/\/workspaces$/);

    await page.reload();
    await expect(page.getByRole('heading', { name: 'Workspaces', level: 1 })).toBeVisible();
    await expect(page).toHaveURL(/\/workspaces$/);
    await expect(page.getByRole('heading', { name: 'Sign in' })).toBeHidden();
    await expect(page.getByRole('group', { name: 'Signed-in user' })).toContainText(ADMIN_EMAIL);
  });

  test('back and forward move between pages, and the navigation marks the current one', async ({
    page,
    signIn,
  }) => {
    await signIn();
    const nav = page.getByRole('navigation', { name: 'Main' });
    const heading = (name: string) => page.getByRole('heading', { name, level: 1 });
    await expect(page).toHaveTitle(/^Organizations/);
    await expect(nav.getByRole('link', { name: 'Organizations' })).toHaveAttribute(
      'aria-current',
      'page',
    );

    await nav.getByRole('link', { name: 'Members' }).click();
    await expect(heading('Members')).toBeVisible();
    await expect(page).toHaveURL(/\/organizations\/[^/]+\/members$/);
    await expect(nav.getByRole('link', { name: 'Members' })).toHaveAttribute(
      'aria-current',
      'page',
    );
    await expect(nav.getByRole('link', { name: 'Organizations' })).not.toHaveAttribute(
      'aria-current',
    );

    await nav.getByRole('link', { name: 'Workspaces' }).click();
    await expect(heading('Workspaces')).toBeVisible();
    await expect(page).toHaveTitle(/^Workspaces/);
    await expect(nav.getByRole('link', { name: 'Workspaces' })).toHaveAttribute(
      'aria-current',
      'page',
    );

    await page.goBack();
    await expect(heading('Members')).toBeVisible();
    await expect(nav.getByRole('link', { name: 'Members' })).toHaveAttribute(
      'aria-current',
      'page',
    );
    await page.goBack();
    await expect(heading('Organizations')).toBeVisible();
    await expect(page).toHaveURL(/\/organizations$/);
    await page.goForward();
    await expect(heading('Members')).toBeVisible();
    await page.goForward();
    await expect(heading('Workspaces')).toBeVisible();
    await expect(page).toHaveURL(/\/workspaces$/);
  });

  test('an unknown address says so inside the shell', async ({ page, signIn }) => {
    await signIn();
    await page.goto('/no-such-page');
    await expect(page.getByRole('heading', { name: 'Page not found', level: 1 })).toBeVisible();
    await page.getByRole('link', { name: 'Go to organizations' }).click();
    await expect(page.getByRole('heading', { name: 'Organizations', level: 1 })).toBeVisible();
  });
});
