import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, type TestServer } from '../../test/harness';

let server: TestServer;
let owner: { id: string; token: string };
beforeAll(async () => {
  server = await createTestServer();
  owner = await server.user('owner@example.com');
  await server.call(owner.token, 'POST', '/api/organizations', {
    body: { id: 'team', name: 'Team' },
  });
});
afterAll(() => server.close());

const members = (token: string) => server.call(token, 'GET', '/api/organizations/team/members');

describe('members', () => {
  it('lists the creator as the only admin', async () => {
    const res = await members(owner.token);
    expect(res.status).toBe(200);
    expect(res.body.members).toEqual([
      {
        user_id: owner.id,
        email: 'owner@example.com',
        name: 'owner',
        role: 'admin',
        joined_at: expect.any(String),
      },
    ]);
  });

  it('invites an email without an account: creates the user and returns a sign-in link', async () => {
    const res = await server.call(owner.token, 'POST', '/api/organizations/team/members', {
      body: { email: '  New.Person@Example.com ', role: 'member' },
      headers: { host: 'console.example:8080' },
    });
    expect(res.status).toBe(201);
    // `member`, the REST reference's name, is taken as writer: answers say writer.
    expect(res.body.member).toMatchObject({ email: 'new.person@example.com', role: 'writer' });
    expect(res.body.invite_link).toMatch(/^http:\/\/console\.example:8080\/#token=dli_/);

    // The link's token is exchanged once for a lasting one, as the console's sign-in does.
    const invite = res.body.invite_link.split('#token=')[1];
    const accepted = await server.call(null, 'POST', '/api/auth/invite/accept', {
      body: { token: invite },
    });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(201);
    const me = await server.call(accepted.body.token.token, 'GET', '/api/me');
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ email: 'new.person@example.com', organizations: ['team'] });
  });

  it('invites an existing user without a link, and refuses a second invite with 409', async () => {
    await server.user('existing@example.com');
    const first = await server.call(owner.token, 'POST', '/api/organizations/team/members', {
      body: { email: 'existing@example.com', role: 'admin' },
    });
    expect(first.status).toBe(201);
    expect(first.body.invite_link).toBeUndefined();
    const again = await server.call(owner.token, 'POST', '/api/organizations/team/members', {
      body: { email: 'existing@example.com', role: 'member' },
    });
    expect(again.status).toBe(409);
  });

  it.each([
    [{ email: 'not-an-email', role: 'member' }, 'email: must be a valid email address'],
    [{ email: 'a@b.co', role: 'owner' }, 'role: must be "viewer", "writer" or "admin"'],
    [{ email: 'a@b.co', role: 'Writer' }, 'role: must be "viewer", "writer" or "admin"'],
    [{ email: 'a@b.co' }, 'role: is required'],
    [{ role: 'member' }, 'email: is required'],
  ])('refuses the invite %j with 400', async (body, message) => {
    const res = await server.call(owner.token, 'POST', '/api/organizations/team/members', { body });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain(message);
  });

  it('lets members read but not invite, change roles or remove others', async () => {
    const mia = await server.user('mia@example.com');
    await server.call(owner.token, 'POST', '/api/organizations/team/members', {
      body: { email: 'mia@example.com', role: 'member' },
    });
    expect((await members(mia.token)).status).toBe(200);
    const invite = await server.call(mia.token, 'POST', '/api/organizations/team/members', {
      body: { email: 'x@example.com', role: 'member' },
    });
    expect(invite.status).toBe(403);
    expect(invite.body.error.code).toBe('forbidden');
    const promote = await server.call(
      mia.token,
      'PATCH',
      `/api/organizations/team/members/${mia.id}`,
      { body: { role: 'admin' } },
    );
    expect(promote.status).toBe(403);
    const removeOwner = await server.call(
      mia.token,
      'DELETE',
      `/api/organizations/team/members/${owner.id}`,
    );
    expect(removeOwner.status).toBe(403);
    const leave = await server.call(
      mia.token,
      'DELETE',
      `/api/organizations/team/members/${mia.id}`,
    );
    expect(leave.status).toBe(204);
    expect((await members(mia.token)).status).toBe(404);
  });

  it('hides the organization from non-members (404), whatever they send', async () => {
    const outsider = await server.user('outsider@example.com');
    expect((await members(outsider.token)).status).toBe(404);
    const invite = await server.call(outsider.token, 'POST', '/api/organizations/team/members', {
      body: { email: 'outsider@example.com', role: 'admin' },
      org: 'team',
    });
    expect(invite.status).toBe(404);
  });

  it('keeps at least one admin: the last admin cannot be demoted or removed (409)', async () => {
    const solo = await server.user('solo@example.com');
    await server.call(solo.token, 'POST', '/api/organizations', {
      body: { id: 'solo', name: 'Solo' },
    });
    const demote = await server.call(
      solo.token,
      'PATCH',
      `/api/organizations/solo/members/${solo.id}`,
      { body: { role: 'member' } },
    );
    expect(demote.status).toBe(409);
    expect(demote.body.error.message).toMatch(/last admin.*Make another member admin first/);
    const leave = await server.call(
      solo.token,
      'DELETE',
      `/api/organizations/solo/members/${solo.id}`,
    );
    expect(leave.status).toBe(409);

    const second = await server.user('second@example.com');
    await server.call(solo.token, 'POST', '/api/organizations/solo/members', {
      body: { email: 'second@example.com', role: 'admin' },
    });
    const nowOk = await server.call(
      solo.token,
      'PATCH',
      `/api/organizations/solo/members/${solo.id}`,
      { body: { role: 'member' } },
    );
    expect(nowOk.status).toBe(200);
    expect(nowOk.body.member.role).toBe('writer');
    const secondDemotes = await server.call(
      second.token,
      'PATCH',
      `/api/organizations/solo/members/${second.id}`,
      { body: { role: 'member' } },
    );
    expect(secondDemotes.status).toBe(409);
  });

  it('never lets two admins demote each other at once into no admin', async () => {
    const a = await server.user('race-a@example.com');
    const b = await server.user('race-b@example.com');
    await server.call(a.token, 'POST', '/api/organizations', {
      body: { id: 'race', name: 'Race' },
    });
    await server.call(a.token, 'POST', '/api/organizations/race/members', {
      body: { email: 'race-b@example.com', role: 'admin' },
    });
    const results = await Promise.all([
      server.call(a.token, 'PATCH', `/api/organizations/race/members/${a.id}`, {
        body: { role: 'member' },
      }),
      server.call(b.token, 'PATCH', `/api/organizations/race/members/${b.id}`, {
        body: { role: 'member' },
      }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
  });

  it('answers 404 for a user id that is not a member, or not a uuid', async () => {
    const res = await server.call(owner.token, 'PATCH', '/api/organizations/team/members/nope', {
      body: { role: 'admin' },
    });
    expect(res.status).toBe(404);
    const missing = await server.call(
      owner.token,
      'DELETE',
      '/api/organizations/team/members/00000000-0000-4000-8000-000000000000',
    );
    expect(missing.status).toBe(404);
  });

  it('removes a member sent as the hosted CLI sends it: Content-Type: application/json, no body', async () => {
    await server.call(owner.token, 'POST', '/api/organizations/team/members', {
      body: { email: 'cli-removed@example.com', role: 'member' },
    });
    const removed = await server.user('cli-removed@example.com');
    const json = { 'content-type': 'application/json' };
    const list = await server.call(owner.token, 'GET', '/api/organizations/team/members', {
      headers: json,
    });
    expect(list.status).toBe(200);
    expect(list.body.members.map((m: { user_id: string }) => m.user_id)).toContain(removed.id);

    const res = await server.call(
      owner.token,
      'DELETE',
      `/api/organizations/team/members/${removed.id}`,
      { body: '', headers: json },
    );
    expect(res.status).toBe(204);
    expect((await members(removed.token)).status).toBe(404);
  });

  it('takes invites and role changes only with a body: an empty JSON one gets a clear 400', async () => {
    for (const [method, url] of [
      ['POST', '/api/organizations/team/members'],
      ['PATCH', `/api/organizations/team/members/${owner.id}`],
    ] as const) {
      const res = await server.call(owner.token, method, url, {
        body: '',
        headers: { 'content-type': 'application/json' },
      });
      expect(res.status, method).toBe(400);
      expect(res.body.error.message).toBe('request body is required (JSON)');
    }
  });
  it('takes the CLI invite: {username, access_mode} as the documented invite, same answer', async () => {
    const cases = [
      ['READ', 'viewer'],
      ['WRITE', 'writer'],
      ['ADMIN', 'admin'],
    ] as const;
    for (const [mode, role] of cases) {
      const email = `cli-${mode.toLowerCase()}@example.com`;
      const res = await server.call(owner.token, 'POST', '/api/organizations/team/members/invite', {
        body: { username: email, access_mode: mode },
        headers: { host: 'console.example' },
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(res.body.member).toEqual({
        user_id: expect.any(String),
        email,
        name: expect.any(String),
        role,
        joined_at: expect.any(String),
      });
      expect(res.body.invite_link).toMatch(/^http:\/\/console\.example\/#token=dli_/);
    }
    const again = await server.call(owner.token, 'POST', '/api/organizations/team/members/invite', {
      body: { username: 'cli-read@example.com', access_mode: 'READ' },
    });
    expect(again.status).toBe(409);
  });

  it.each([
    [
      { username: 'a@b.co', access_mode: 'read' },
      'access_mode: must be "READ", "WRITE" or "ADMIN"',
    ],
    [
      { username: 'a@b.co', access_mode: 'member' },
      'access_mode: must be "READ", "WRITE" or "ADMIN"',
    ],
    [{ username: 'a@b.co' }, 'access_mode: is required'],
    [{ username: 'nope', access_mode: 'READ' }, 'username: must be a valid email address'],
  ])('refuses the CLI invite %j with 400', async (body, message) => {
    const res = await server.call(owner.token, 'POST', '/api/organizations/team/members/invite', {
      body,
    });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain(message);
  });

  it('refuses the CLI invite to non-admins, as the documented one', async () => {
    const writer = await server.user('cli-writer@example.com');
    await server.call(owner.token, 'POST', '/api/organizations/team/members', {
      body: { email: 'cli-writer@example.com', role: 'writer' },
    });
    const res = await server.call(writer.token, 'POST', '/api/organizations/team/members/invite', {
      body: { username: 'x@example.com', access_mode: 'READ' },
    });
    expect(res.status).toBe(403);
    expect(res.body.error.message).toBe('Only admins of "team" can invite members');
  });

  it('changes roles among viewer, writer and admin, taking member for writer', async () => {
    const person = await server.user('levels@example.com');
    await server.call(owner.token, 'POST', '/api/organizations/team/members', {
      body: { email: 'levels@example.com', role: 'viewer' },
    });
    const url = `/api/organizations/team/members/${person.id}`;
    for (const [asked, answered] of [
      ['writer', 'writer'],
      ['viewer', 'viewer'],
      ['member', 'writer'],
      ['admin', 'admin'],
      ['viewer', 'viewer'],
    ]) {
      const res = await server.call(owner.token, 'PATCH', url, { body: { role: asked } });
      expect(res.status).toBe(200);
      expect(res.body.member.role).toBe(answered);
    }
    const bad = await server.call(owner.token, 'PATCH', url, { body: { role: 'READ' } });
    expect(bad.status).toBe(400);
  });

  it("gives a viewer's invite link a viewer's session", async () => {
    const res = await server.call(owner.token, 'POST', '/api/organizations/team/members', {
      body: { email: 'link-viewer@example.com', role: 'viewer' },
    });
    expect(res.status).toBe(201);
    const accepted = await server.call(null, 'POST', '/api/auth/invite/accept', {
      body: { token: res.body.invite_link.split('#token=')[1] },
    });
    expect(accepted.status).toBe(201);
    const orgs = await server.call(accepted.body.token.token, 'GET', '/api/organizations');
    expect(orgs.body).toEqual([expect.objectContaining({ id: 'team', role: 'viewer' })]);
  });
});
