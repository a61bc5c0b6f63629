import type { APIRequestContext, Page } from '@playwright/test';
import {
  ADMIN_EMAIL,
  ADMIN_TOKEN,
  DEFAULT_ORG,
  expect,
  expectAccessible,
  test,
  uniqueEmail,
  uniqueId,
} from './fixtures';

/** Headers as the hosted service's own client sends them: JSON, on every call. */
const clientHeaders = (token?: string) => ({
  'Content-Type': 'application/json',
  ...(token ? { Authorization: `Bearer ${token}` } : {}),
});

/** GET /api/me with a token, as a script would call it. */
async function meWith(request: APIRequestContext, token: string) {
  const answer = await request.get('/api/me', { headers: clientHeaders(token) });
  return { status: answer.status(), body: (await answer.json()) as Record<string, any> };
}

function tokenRow(page: Page, name: string) {
  return page
    .getByRole('table', { name: 'Your API tokens' })
    .getByRole('row')
    .filter({ has: page.getByText(name, { exact: true }) });
}

async function openApiTokens(page: Page) {
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'API tokens' })
    .click();
  await expect(page.getByRole('heading', { name: 'API tokens', level: 1 })).toBeVisible();
}

test.describe('API tokens', () => {
  test('makes a token, shows it once, the API takes it, and revoking it ends it', async ({
    page,
    context,
    request,
    signIn,
  }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const name = uniqueId('script');
    await signIn();
    await openApiTokens(page);
    // The console's own sign-in token is listed, with no expiry.
    await expect(tokenRow(page, 'first admin')).toContainText('This session');
    await expect(tokenRow(page, 'first admin')).toContainText('Never');

    await page.getByRole('button', { name: 'New token' }).click();
    const dialog = page.getByRole('dialog', { name: 'New API token' });
    await dialog.getByLabel('Name').fill(name);
    await expect(dialog.getByRole('combobox', { name: 'Organization' })).toContainText(
      DEFAULT_ORG.name,
    );
    await dialog.getByRole('combobox', { name: 'Expires in' }).click();
    await page.getByRole('option', { name: '30 days' }).click();
    await dialog.getByRole('button', { name: 'Create token' }).click();

    const shown = page.getByRole('dialog', { name: 'Your new API token' });
    await expect(shown).toContainText('shown only this once');
    const secret = await shown.getByLabel('Token').inputValue();
    expect(secret).toMatch(/^dlc_\S{40,}$/);
    await shown.getByRole('button', { name: 'Copy token' }).click();
    await expect(page.getByText('Token copied')).toBeVisible();
    expect(await page.evaluate('navigator.clipboard.readText()')).toBe(secret);
    await expect(shown.getByText(/export DEEPLAKE_API_TOKEN/)).toContainText(secret);
    await expect(shown.getByText(/export DEEPLAKE_API_TOKEN/)).toContainText(
      `DEEPLAKE_API_URL='${new URL('/api', page.url()).href}'`,
    );
    await expectAccessible(page);

    // The copied secret works against the real server, as a script would send it.
    const me = await meWith(request, secret);
    expect(me.status).toBe(200);
    expect(me.body.email).toBe(ADMIN_EMAIL);

    await shown.getByRole('button', { name: 'Done' }).click();
    await expect(shown).toBeHidden();
    const row = tokenRow(page, name);
    await expect(row).toContainText(`${DEFAULT_ORG.name} (${DEFAULT_ORG.id})`);
    await expectAccessible(page);

    await page.getByRole('button', { name: `Revoke ${name}` }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Revoke token' });
    await expect(confirm).toContainText(`${name} stops working at once`);
    await confirm.getByRole('button', { name: 'Revoke token' }).click();
    await expect(page.getByText(`Token ${name} revoked`)).toBeVisible();
    await expect(row).toBeHidden();

    const after = await meWith(request, secret);
    expect(after.status).toBe(401);
    expect(after.body.error.message).toContain('revoked');
  });
});

test.describe('Device sign-in', () => {
  test('a command-line client gets a token once someone approves its code in the console', async ({
    page,
    request,
  }) => {
    // What a CLI does first: no body, JSON Content-Type (hivemind's requestDeviceCode).
    const asked = await request.post('/api/auth/device/code', { headers: clientHeaders() });
    expect(asked.status()).toBe(200);
    const code = (await asked.json()) as {
      device_code: string;
      user_code: string;
      verification_uri: string;
      verification_uri_complete: string;
      interval: number;
    };
    expect(code.verification_uri).toBe(new URL('/device', asked.url()).href);
    const poll = () =>
      request.post('/api/auth/device/token', {
        headers: clientHeaders(),
        data: { device_code: code.device_code },
      });
    const pending = await poll();
    expect(pending.status()).toBe(400);
    expect(await pending.json()).toMatchObject({ error: 'authorization_pending' });

    // The person opens the link signed out, signs in, and lands back on the request.
    await page.goto(code.verification_uri_complete);
    await expect(page.getByRole('heading', { name: 'Sign in', level: 1 })).toBeVisible();
    await expect(page.getByText(/A command-line client asks to sign in as you/)).toBeVisible();
    await page.getByLabel('API token').fill(ADMIN_TOKEN);
    await page.getByRole('button', { name: 'Sign in' }).click();

    await expect(page.getByRole('heading', { name: 'Device sign-in', level: 1 })).toBeVisible();
    await expect(page).toHaveURL(/\/device\?code=/);
    await expect(
      page.getByRole('heading', { name: 'A command-line client asks to sign in as you' }),
    ).toBeVisible();
    await expect(page.getByLabel(`Code ${code.user_code}`)).toHaveText(code.user_code);
    await expect(
      page.getByRole('combobox', { name: 'Organization for this client' }),
    ).toContainText(DEFAULT_ORG.name);
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Approve' }).click();
    await expect(page.getByRole('heading', { name: 'Approved' })).toBeVisible();

    // The client's next poll gets the token, exactly once.
    let token = '';
    await expect
      .poll(
        async () => {
          const answer = await poll();
          if (answer.status() === 200) token = ((await answer.json()) as any).access_token;
          return answer.status();
        },
        { intervals: [code.interval * 1000], timeout: 20_000 },
      )
      .toBe(200);
    expect((await (await poll()).json()) as object).toMatchObject({ error: 'invalid_grant' });
    const me = await meWith(request, token);
    expect(me.status).toBe(200);
    expect(me.body.email).toBe(ADMIN_EMAIL);
  });

  test("a denied code ends the client's polling with access_denied", async ({
    page,
    request,
    signIn,
  }) => {
    const asked = await request.post('/api/auth/device/code', {
      headers: clientHeaders(),
      data: { client_name: 'e2e client' },
    });
    const code = (await asked.json()) as {
      device_code: string;
      verification_uri: string;
      user_code: string;
    };
    await signIn();
    // Typed by hand at the plain verification URI.
    await page.goto(code.verification_uri);
    await page.getByLabel('Code').fill(code.user_code.toLowerCase());
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(
      page.getByRole('heading', { name: 'e2e client asks to sign in as you' }),
    ).toBeVisible();
    await page.getByRole('button', { name: 'Deny' }).click();
    await expect(page.getByRole('heading', { name: 'Denied' })).toBeVisible();

    const answer = await request.post('/api/auth/device/token', {
      headers: clientHeaders(),
      data: { device_code: code.device_code },
    });
    expect(answer.status()).toBe(400);
    expect(await answer.json()).toMatchObject({ error: 'access_denied' });
  });
});

test.describe('Invite links', () => {
  test('sign in once; the same link a second time says it was already used', async ({
    browser,
    baseURL,
    adminApi,
    openAsAnotherUser,
  }) => {
    const orgId = uniqueId('org');
    await adminApi.createOrganization(orgId, `Invites ${orgId}`);
    const email = uniqueEmail('once');
    const { invite_link: link } = await adminApi.invite(orgId, email);
    expect(link).toMatch(/#token=dli_/);

    const invitee = await openAsAnotherUser(link!);
    await expect(invitee.getByRole('group', { name: 'Signed-in user' })).toContainText(email);
    // Signed in with a lasting token: a reload keeps the session.
    await invitee.reload();
    await expect(invitee.getByRole('group', { name: 'Signed-in user' })).toContainText(email);

    const context = await browser.newContext({ baseURL: baseURL! });
    try {
      const again = await context.newPage();
      await again.goto(link!);
      await expect(again.getByRole('heading', { name: 'Sign in', level: 1 })).toBeVisible();
      await expect(again.getByText(/This sign-in link was already used/)).toBeVisible();
    } finally {
      await context.close();
    }
  });
});
