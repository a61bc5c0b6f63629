import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestServer, type TestServer } from '../../test/harness';
import { hostedClient, movableClock } from './test-helpers';

let server: TestServer;
let hosted: ReturnType<typeof hostedClient>;
let owner: { id: string; token: string };
let stranger: { id: string; token: string };

beforeAll(async () => {
  server = await createTestServer();
  hosted = hostedClient(server);
  owner = await server.user('owner@example.com');
  stranger = await server.user('stranger@example.com');
  await hosted(owner.token, 'POST', '/api/organizations', { id: 'team', name: 'Team' });
  await hosted(stranger.token, 'POST', '/api/organizations', { id: 'elsewhere', name: 'Else' });
});
afterAll(() => server.close());
afterEach(() => vi.restoreAllMocks());

const DAY = 24 * 3600;

async function createToken(
  token: string,
  body: Record<string, unknown> = { name: 'laptop', duration: 30 * DAY, organization_id: 'team' },
) {
  const res = await hosted(token, 'POST', '/api/users/me/tokens', body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.token as { token: string; id: string; expires_at: string };
}

describe('POST /users/me/tokens', () => {
  it('makes a token the way the hosted CLI asks for one, and it signs in', async () => {
    const before = Date.now();
    const res = await hosted(owner.token, 'POST', '/api/users/me/tokens', {
      name: 'deeplake-plugin-2025-06-01',
      duration: 365 * DAY,
      organization_id: 'team',
    });

    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      token: {
        token: expect.stringMatching(/^dlc_[A-Za-z0-9_-]{43}$/),
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        name: 'deeplake-plugin-2025-06-01',
        organization_id: 'team',
        expires_at: expect.any(String),
        created_at: expect.any(String),
      },
    });
    const expires = Date.parse(res.body.token.expires_at) - before;
    expect(expires).toBeGreaterThanOrEqual(365 * DAY * 1000);
    expect(expires).toBeLessThan(365 * DAY * 1000 + 60_000);

    const me = await hosted(res.body.token.token, 'GET', '/api/me');
    expect(me.status).toBe(200);
    expect(me.body.email).toBe('owner@example.com');
  });

  it.each([
    [{ duration: 60, organization_id: 'team' }, 'name: is required'],
    [{ name: '  ', duration: 60, organization_id: 'team' }, 'name: is required'],
    [{ name: 'x', organization_id: 'team' }, 'duration: is required'],
    [{ name: 'x', duration: '60', organization_id: 'team' }, 'duration: must be a number'],
    [{ name: 'x', duration: 0, organization_id: 'team' }, 'duration: must be at least 1'],
    [{ name: 'x', duration: 1.5, organization_id: 'team' }, 'duration: must be a whole number'],
    [{ name: 'x', duration: 1e12, organization_id: 'team' }, 'duration: must be at most ten'],
    [{ name: 'x', duration: 60 }, 'organization_id: is required'],
    [{ name: 'x', duration: 60, organization_id: 'Not An Id' }, 'organization_id: must'],
  ])('refuses %j with 400 in the envelope', async (body, message) => {
    const res = await hosted(owner.token, 'POST', '/api/users/me/tokens', body);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('bad_request');
    expect(res.body.error.message).toContain(message);
  });

  it('refuses an organization you are not in exactly like one that does not exist', async () => {
    const other = await hosted(owner.token, 'POST', '/api/users/me/tokens', {
      name: 'x',
      duration: 60,
      organization_id: 'elsewhere',
    });
    const missing = await hosted(owner.token, 'POST', '/api/users/me/tokens', {
      name: 'x',
      duration: 60,
      organization_id: 'nowhere',
    });
    expect(other.status).toBe(404);
    expect(missing.status).toBe(404);
    expect(other.body.error.message).toBe('Organization "elsewhere" not found');
    expect(missing.body.error.message).toBe('Organization "nowhere" not found');
  });

  it('needs a signed-in caller', async () => {
    const res = await hosted(null, 'POST', '/api/users/me/tokens', {
      name: 'x',
      duration: 60,
      organization_id: 'team',
    });
    expect(res.status).toBe(401);
  });
});

describe('GET /users/me/tokens', () => {
  it("lists the caller's own tokens without their secrets", async () => {
    const made = await createToken(owner.token, {
      name: 'ci',
      duration: 7 * DAY,
      organization_id: 'team',
    });
    await createToken(stranger.token, {
      name: 'stranger-token',
      duration: 60,
      organization_id: 'elsewhere',
    });

    const res = await hosted(made.token, 'GET', '/api/users/me/tokens');
    expect(res.status).toBe(200);
    const listed = res.body.tokens as Record<string, unknown>[];
    expect(listed.find((token) => token.id === made.id)).toEqual({
      id: made.id,
      name: 'ci',
      organization_id: 'team',
      created_at: expect.any(String),
      expires_at: made.expires_at,
      last_used_at: expect.any(String),
      current: true,
    });
    // The harness's sign-in token is there too, with no expiry; the stranger's is not.
    expect(listed.find((token) => token.id !== made.id && token.expires_at === null)).toEqual(
      expect.objectContaining({ name: 'Sign-in token', organization_id: null, current: false }),
    );
    expect(listed.map((token) => token.name)).not.toContain('stranger-token');
    expect(JSON.stringify(res.body)).not.toContain(made.token);
  });

  it("keeps the first admin's token (made before tokens had an expiry) working, with none", async () => {
    const res = await hosted(server.adminToken, 'GET', '/api/users/me/tokens');
    expect(res.status).toBe(200);
    expect(res.body.tokens).toEqual([
      expect.objectContaining({ name: 'first admin', expires_at: null, current: true }),
    ]);
  });
});

describe('expiry and last use', () => {
  it('notes the last use at most once a minute', async () => {
    const clock = movableClock();
    const made = await createToken(owner.token);
    const lastUsed = async () => {
      const res = await hosted(owner.token, 'GET', '/api/users/me/tokens');
      return res.body.tokens.find((token: { id: string }) => token.id === made.id).last_used_at;
    };
    expect(await lastUsed()).toBeNull();

    await hosted(made.token, 'GET', '/api/me');
    const first = await lastUsed();
    expect(first).not.toBeNull();

    clock.advance(30);
    await hosted(made.token, 'GET', '/api/me');
    expect(await lastUsed()).toBe(first);

    clock.advance(31);
    await hosted(made.token, 'GET', '/api/me');
    const later = await lastUsed();
    expect(Date.parse(later) - Date.parse(first)).toBeGreaterThanOrEqual(61_000);
  });

  it('answers 401 "This token expired on …" once the duration has passed', async () => {
    const clock = movableClock();
    const made = await createToken(owner.token, {
      name: 'short',
      duration: 60,
      organization_id: 'team',
    });
    clock.advance(59);
    expect((await hosted(made.token, 'GET', '/api/me')).status).toBe(200);

    clock.advance(1);
    const res = await hosted(made.token, 'GET', '/api/organizations');
    expect(res.status).toBe(401);
    expect(res.body).toEqual({
      error: { code: 'unauthorized', message: expect.stringContaining('This token expired on') },
    });
    expect(res.body.error.message).toContain(made.expires_at);

    // Listed as it is, so its owner sees why it stopped working.
    const list = await hosted(owner.token, 'GET', '/api/users/me/tokens');
    expect(list.body.tokens.map((token: { id: string }) => token.id)).toContain(made.id);
  });
});

describe('DELETE /users/me/tokens/{id}', () => {
  it('revokes the token: 204, then 401 "This token was revoked", and gone from the list', async () => {
    const made = await createToken(owner.token);
    expect((await hosted(made.token, 'GET', '/api/me')).status).toBe(200);

    const res = await hosted(owner.token, 'DELETE', `/api/users/me/tokens/${made.id}`);
    expect(res.status).toBe(204);
    expect(res.body).toBe('');

    const me = await hosted(made.token, 'GET', '/api/me');
    expect(me.status).toBe(401);
    expect(me.body.error.code).toBe('unauthorized');
    expect(me.body.error.message).toMatch(/^This token was revoked on /);

    const list = await hosted(owner.token, 'GET', '/api/users/me/tokens');
    expect(list.body.tokens.map((token: { id: string }) => token.id)).not.toContain(made.id);
    const again = await hosted(owner.token, 'DELETE', `/api/users/me/tokens/${made.id}`);
    expect(again.status).toBe(404);
  });

  it("answers 404 for another user's token, which keeps working", async () => {
    const theirs = await createToken(stranger.token, {
      name: 'theirs',
      duration: 60,
      organization_id: 'elsewhere',
    });
    const res = await hosted(owner.token, 'DELETE', `/api/users/me/tokens/${theirs.id}`);
    expect(res.status).toBe(404);
    expect(res.body.error.message).toBe(`You have no token "${theirs.id}"`);
    expect((await hosted(theirs.token, 'GET', '/api/me')).status).toBe(200);
  });

  it('answers 404 for an id that cannot be one', async () => {
    const res = await hosted(owner.token, 'DELETE', '/api/users/me/tokens/not-a-uuid');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('not_found');
  });

  it('can revoke the token the request is made with', async () => {
    const made = await createToken(owner.token);
    expect((await hosted(made.token, 'DELETE', `/api/users/me/tokens/${made.id}`)).status).toBe(
      204,
    );
    expect((await hosted(made.token, 'GET', '/api/me')).status).toBe(401);
  });
});

describe('tokens at rest', () => {
  it('stores only a hash of each secret', async () => {
    const made = await createToken(owner.token);
    const rows = await server.db.query<Record<string, unknown>>(
      'SELECT * FROM deeplake_console.tokens WHERE id = $1',
      [made.id],
    );
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(made.token.slice(4));
  });
});
