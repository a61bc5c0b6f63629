import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestServer, type TestServer } from '../../test/harness';
import { hostedClient, movableClock } from './test-helpers';

let server: TestServer;
let hosted: ReturnType<typeof hostedClient>;
let admin: { id: string; token: string };

beforeAll(async () => {
  server = await createTestServer();
  hosted = hostedClient(server);
  admin = await server.user('admin-of-team@example.com');
  await hosted(admin.token, 'POST', '/api/organizations', { id: 'team', name: 'Team' });
});
afterAll(() => server.close());
afterEach(() => vi.restoreAllMocks());

let invited = 0;
async function inviteLinkToken() {
  const res = await hosted(admin.token, 'POST', '/api/organizations/team/members', {
    email: `invitee-${++invited}@example.com`,
    role: 'member',
  });
  expect(res.status).toBe(201);
  const link = res.body.invite_link as string;
  expect(link).toMatch(/\/#token=dli_[A-Za-z0-9_-]{43}$/);
  return { token: link.split('#token=')[1]!, email: res.body.member.email as string };
}

const accept = (body: unknown) => hosted(null, 'POST', '/api/auth/invite/accept', body);

describe('invite links', () => {
  it('work once: exchanged for a lasting sign-in token, then "already used"', async () => {
    const { token, email } = await inviteLinkToken();

    const first = await accept({ token });
    expect(first.status).toBe(201);
    expect(first.body.token).toEqual({
      token: expect.stringMatching(/^dlc_/),
      id: expect.any(String),
      name: 'Console sign-in (invite link)',
      organization_id: null,
      expires_at: null,
      created_at: expect.any(String),
    });
    const session = first.body.token.token as string;
    const me = await hosted(session, 'GET', '/api/me');
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ email, organizations: ['team'] });

    const second = await accept({ token });
    expect(second.status).toBe(401);
    expect(second.body.error.code).toBe('unauthorized');
    expect(second.body.error.message).toMatch(/^This sign-in link was already used/);
    // The session it gave keeps working.
    expect((await hosted(session, 'GET', '/api/me')).status).toBe(200);
  });

  it('open nothing themselves: the link token is no bearer token', async () => {
    const { token } = await inviteLinkToken();
    const me = await hosted(token, 'GET', '/api/me');
    expect(me.status).toBe(401);
    expect(me.body.error.message).toContain('one-time sign-in link');

    await accept({ token });
    const after = await hosted(token, 'GET', '/api/me');
    expect(after.status).toBe(401);
    expect(after.body.error.message).toMatch(/^This sign-in link was already used/);
  });

  it('expire after 7 days', async () => {
    const clock = movableClock();
    const { token } = await inviteLinkToken();
    clock.advance(7 * 24 * 3600 + 1);
    const res = await accept({ token });
    expect(res.status).toBe(401);
    expect(res.body.error.message).toMatch(/^This sign-in link expired on /);
  });

  it('can be exchanged by only one of two tabs opening the link at once', async () => {
    const { token } = await inviteLinkToken();
    const answers = await Promise.all([accept({ token }), accept({ token })]);
    expect(answers.map((res) => res.status).sort()).toEqual([201, 401]);
  });

  it('take no other token, and say what is missing', async () => {
    const notInvite = await accept({ token: admin.token });
    expect(notInvite.status).toBe(401);
    expect(notInvite.body.error.message).toContain('not the token of a sign-in link');

    const unknown = await accept({ token: 'dli_unknown' });
    expect(unknown.status).toBe(401);

    const empty = await hosted(null, 'POST', '/api/auth/invite/accept');
    expect(empty.status).toBe(400);
    expect(empty.body.error.code).toBe('bad_request');

    const wrongType = await accept({ token: 42 });
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.error.message).toBe('token: must be a string');
  });

  it("are not listed among the invitee's tokens", async () => {
    const { token } = await inviteLinkToken();
    const session = (await accept({ token })).body.token.token as string;
    const list = await hosted(session, 'GET', '/api/users/me/tokens');
    expect(list.body.tokens).toEqual([
      expect.objectContaining({ name: 'Console sign-in (invite link)', current: true }),
    ]);
  });
});
