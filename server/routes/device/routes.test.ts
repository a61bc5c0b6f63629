import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestServer, type TestServer } from '../../test/harness';
import { hostedClient, movableClock } from '../tokens/test-helpers';

let server: TestServer;
let hosted: ReturnType<typeof hostedClient>;
let person: { id: string; token: string };
let other: { id: string; token: string };

beforeAll(async () => {
  server = await createTestServer();
  hosted = hostedClient(server);
  person = await server.user('person@example.com');
  other = await server.user('other@example.com');
  await hosted(person.token, 'POST', '/api/organizations', { id: 'team', name: 'Team' });
  await hosted(other.token, 'POST', '/api/organizations', { id: 'theirs', name: 'Theirs' });
});
afterAll(() => server.close());
afterEach(() => vi.restoreAllMocks());

const USER_CODE = /^[BCDFGHJKLMNPQRSTVWXZ]{4}-[BCDFGHJKLMNPQRSTVWXZ]{4}$/;

/** `POST /auth/device/code` exactly as hivemind sends it: JSON Content-Type, no body. */
async function requestCode(body?: unknown, headers: Record<string, string> = {}) {
  const res = await hosted(null, 'POST', '/api/auth/device/code', body, {
    host: 'console.example:8080',
    ...headers,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as {
    device_code: string;
    user_code: string;
    verification_uri: string;
    verification_uri_complete: string;
    expires_in: number;
    interval: number;
  };
}

/** hivemind's pollForToken: JSON `{device_code}`. */
const pollToken = (deviceCode: string) =>
  hosted(null, 'POST', '/api/auth/device/token', { device_code: deviceCode });

const approve = (token: string, userCode: string, organizationId = 'team') =>
  hosted(token, 'POST', `/api/auth/device/requests/${userCode}/approve`, {
    organization_id: organizationId,
  });

describe('POST /auth/device/code', () => {
  it('answers the RFC 8628 fields, pointing at the console on the address it was asked at', async () => {
    const res = await hosted(null, 'POST', '/api/auth/device/code', undefined, {
      host: 'console.example:8080',
    });
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toEqual({
      device_code: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      user_code: expect.stringMatching(USER_CODE),
      verification_uri: 'http://console.example:8080/device',
      verification_uri_complete: `http://console.example:8080/device?code=${res.body.user_code}`,
      expires_in: 900,
      interval: 5,
    });
  });

  it('follows X-Forwarded-Proto and X-Forwarded-Host from the proxy in front', async () => {
    const body = await requestCode(undefined, {
      'x-forwarded-proto': 'https',
      'x-forwarded-host': 'Console.Example.com',
    });
    expect(body.verification_uri).toBe('https://console.example.com/device');
  });

  it.each(['evil.example/phish?x=', 'user@evil.example', 'a b'])(
    'refuses a Host header that is not a host (%s) rather than put it in a link',
    async (host) => {
      const res = await hosted(null, 'POST', '/api/auth/device/code', undefined, { host });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('bad_request');
    },
  );

  it('takes a client name as JSON or, as RFC 8628 sends it, form-encoded', async () => {
    const named = await requestCode({ client_name: '  deeplake CLI\u202e\u0007 ' });
    const lookup = await hosted(
      person.token,
      'GET',
      `/api/auth/device/requests/${named.user_code}`,
    );
    expect(lookup.body.request.client_name).toBe('deeplake CLI');

    const form = await server.call(null, 'POST', '/api/auth/device/code', {
      headers: { 'content-type': 'application/x-www-form-urlencoded', host: 'x.example' },
      body: 'client_id=my-tool%00&scope=all',
    });
    expect(form.status).toBe(200);
    const formLookup = await hosted(
      person.token,
      'GET',
      `/api/auth/device/requests/${form.body.user_code}`,
    );
    expect(formLookup.body.request.client_name).toBe('my-tool');

    const bad = await hosted(null, 'POST', '/api/auth/device/code', { client_name: 7 });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toBe('client_name: must be a string');
  });

  it('keeps only hashes of both codes', async () => {
    const code = await requestCode();
    const rows = await server.db.query<Record<string, unknown>>(
      'SELECT * FROM deeplake_console.device_codes',
    );
    const stored = JSON.stringify(rows);
    expect(stored).not.toContain(code.device_code);
    expect(stored).not.toContain(code.user_code.replace('-', ''));
    expect(stored).not.toContain(code.user_code);
  });
});

describe('POST /auth/device/token', () => {
  it('is authorization_pending, slow_down when polled too fast, then the token exactly once', async () => {
    const clock = movableClock();
    const code = await requestCode({ client_name: 'hivemind' });

    const pending = await pollToken(code.device_code);
    expect(pending.status).toBe(400);
    expect(pending.body).toEqual({
      error: 'authorization_pending',
      error_description: expect.any(String),
    });
    expect(pending.headers['cache-control']).toBe('no-store');

    clock.advance(2);
    expect((await pollToken(code.device_code)).body.error).toBe('slow_down');
    // slow_down adds 5 seconds to the interval (RFC 8628 3.5): 5 seconds later is still too soon.
    clock.advance(5);
    expect((await pollToken(code.device_code)).body.error).toBe('slow_down');
    clock.advance(15);
    expect((await pollToken(code.device_code)).body.error).toBe('authorization_pending');

    const lookup = await hosted(
      person.token,
      'GET',
      `/api/auth/device/requests/${code.user_code.toLowerCase().replace('-', '')}`,
    );
    expect(lookup.status).toBe(200);
    expect(lookup.body).toEqual({
      request: {
        user_code: code.user_code,
        client_name: 'hivemind',
        created_at: expect.any(String),
        expires_at: expect.any(String),
        status: 'pending',
      },
    });

    const approved = await approve(person.token, code.user_code);
    expect(approved.status).toBe(200);
    expect(approved.body.request).toMatchObject({ status: 'approved', organization_id: 'team' });

    // Right after approval: no slow_down, the token.
    const granted = await pollToken(code.device_code);
    expect(granted.status).toBe(200);
    expect(granted.body).toEqual({
      access_token: expect.stringMatching(/^dlc_/),
      token_type: 'Bearer',
      expires_in: 86400,
    });
    const again = await pollToken(code.device_code);
    expect(again.status).toBe(400);
    expect(again.body.error).toBe('invalid_grant');

    // What hivemind does next: /me, GET /organizations, then a long-lived token.
    const token = granted.body.access_token as string;
    expect((await hosted(token, 'GET', '/api/me')).body.email).toBe('person@example.com');
    const orgs = await hosted(token, 'GET', '/api/organizations');
    expect(orgs.body.map((org: { id: string }) => org.id)).toEqual(['team']);
    const longLived = await hosted(token, 'POST', '/api/users/me/tokens', {
      name: 'deeplake-plugin-2025-06-01',
      duration: 365 * 24 * 3600,
      organization_id: 'team',
    });
    expect(longLived.status).toBe(201);
    expect(longLived.body.token.token).toMatch(/^dlc_/);

    const list = await hosted(person.token, 'GET', '/api/users/me/tokens');
    expect(list.body.tokens).toContainEqual(
      expect.objectContaining({ name: 'Device sign-in: hivemind', organization_id: 'team' }),
    );
  });

  it('takes the RFC 8628 form-encoded poll with its grant_type', async () => {
    const code = await requestCode();
    const form = (body: string) =>
      server.call(null, 'POST', '/api/auth/device/token', {
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body,
      });
    const grant = encodeURIComponent('urn:ietf:params:oauth:grant-type:device_code');
    const pending = await form(`device_code=${code.device_code}&grant_type=${grant}`);
    expect(pending.status).toBe(400);
    expect(pending.body.error).toBe('authorization_pending');

    await approve(person.token, code.user_code);
    const granted = await form(`grant_type=${grant}&device_code=${code.device_code}`);
    expect(granted.status).toBe(200);
    expect(granted.body.token_type).toBe('Bearer');

    expect((await form(`device_code=x&grant_type=password`)).body.error).toBe(
      'unsupported_grant_type',
    );
  });

  it('answers invalid_request without a device code, invalid_grant for an unknown one', async () => {
    const missing = await hosted(null, 'POST', '/api/auth/device/token');
    expect(missing.status).toBe(400);
    expect(missing.body.error).toBe('invalid_request');
    const unknown = await pollToken('no-such-code');
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toBe('invalid_grant');
  });

  it('answers access_denied once the person denies it, and it cannot be approved after', async () => {
    const code = await requestCode();
    const denied = await hosted(
      person.token,
      'POST',
      `/api/auth/device/requests/${code.user_code}/deny`,
    );
    expect(denied.status).toBe(200);
    expect(denied.body.request.status).toBe('denied');

    const poll = await pollToken(code.device_code);
    expect(poll.status).toBe(400);
    expect(poll.body.error).toBe('access_denied');
    const late = await approve(person.token, code.user_code);
    expect(late.status).toBe(409);
    expect(late.body.error.message).toBe('This sign-in request was already denied');
  });

  it('answers expired_token after 15 minutes, and the console can no longer approve it', async () => {
    const clock = movableClock();
    const code = await requestCode();
    clock.advance(15 * 60);
    expect((await pollToken(code.device_code)).body.error).toBe('expired_token');
    const lookup = await hosted(person.token, 'GET', `/api/auth/device/requests/${code.user_code}`);
    expect(lookup.status).toBe(404);
    expect(lookup.body.error.message).toContain('expired');
    expect((await approve(person.token, code.user_code)).status).toBe(404);
  });

  it('forgets expired requests an hour later', async () => {
    const clock = movableClock();
    const code = await requestCode();
    clock.advance(15 * 60 + 3600 + 1);
    await requestCode(); // New requests sweep the old ones.
    expect((await pollToken(code.device_code)).body.error).toBe('invalid_grant');
  });

  it('answers expired_token when an approved code is picked up too late', async () => {
    const clock = movableClock();
    const code = await requestCode();
    await approve(person.token, code.user_code);
    clock.advance(15 * 60);
    expect((await pollToken(code.device_code)).body.error).toBe('expired_token');
  });
});

describe('the console side of device sign-in', () => {
  it('needs a signed-in person', async () => {
    const code = await requestCode();
    const res = await hosted(null, 'GET', `/api/auth/device/requests/${code.user_code}`);
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('unauthorized');
  });

  it('approves only for an organization of the approver (else 404), and only once', async () => {
    const code = await requestCode();
    const foreign = await approve(person.token, code.user_code, 'theirs');
    expect(foreign.status).toBe(404);
    expect(foreign.body.error.message).toBe('Organization "theirs" not found');
    expect((await approve(person.token, code.user_code, 'nowhere')).status).toBe(404);
    const noOrg = await hosted(
      person.token,
      'POST',
      `/api/auth/device/requests/${code.user_code}/approve`,
    );
    expect(noOrg.status).toBe(400);

    expect((await approve(person.token, code.user_code)).status).toBe(200);
    const twice = await approve(person.token, code.user_code);
    expect(twice.status).toBe(409);
    expect(twice.body.error.message).toBe('This sign-in request was already approved');
  });

  it('shows someone else nothing of a request another person decided', async () => {
    const code = await requestCode();
    await approve(person.token, code.user_code);
    const theirs = await hosted(other.token, 'GET', `/api/auth/device/requests/${code.user_code}`);
    expect(theirs.status).toBe(404);
    expect(theirs.body.error.message).toBe(`The code ${code.user_code} was already used`);
    expect((await approve(other.token, code.user_code, 'theirs')).status).toBe(404);
    // The approver still sees it, with the organization chosen.
    const mine = await hosted(person.token, 'GET', `/api/auth/device/requests/${code.user_code}`);
    expect(mine.body.request).toMatchObject({ status: 'approved', organization_id: 'team' });
  });

  it.each(['WDJB-MJHA', 'short', 'AAAA-AAAA'])('answers 404 for the code %s', async (typed) => {
    const res = await hosted(person.token, 'GET', `/api/auth/device/requests/${typed}`);
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('not_found');
  });
});
