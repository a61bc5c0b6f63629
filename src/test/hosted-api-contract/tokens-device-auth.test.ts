import { act } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { exchangeInviteToken } from '../../features/auth/api/invite-exchange';
import { meQueryOptions } from '../../features/auth/api/me-query';
import { useSignIn } from '../../features/auth/api/sign-in-mutation';
import {
  deviceRequestQueryOptions,
  useDecideDevice,
} from '../../features/device/api/device-request-query';
import { fetchReady, healthQueryOptions } from '../../features/health/api/health-query';
import { useCreateToken } from '../../features/tokens/api/token-create-mutation';
import { useRevokeToken } from '../../features/tokens/api/token-revoke-mutation';
import { tokenListQueryOptions } from '../../features/tokens/api/tokens-query';
import { getApiBaseUrl, getToken, signIn } from '../../lib/sign-in-state';
import { mockApi } from '../fetch-mock';
import { RECORDED, respond } from '../recorded-answers';
import { answer, answers, client, mutationHook, ORG, orgHeader } from './helpers';

/**
 * The signed-in person, sign-in (typed tokens and invite links), API tokens, command-line
 * sign-in requests and health checks: every query and mutation against every recorded shape
 * (recorded-answers/accounts.ts, tokens-device-auth.ts).
 */

beforeEach(() => signIn('token'));

const TOKEN = RECORDED.tokens.bundled.body.tokens[0]!;
const HOSTED = 'https://api.deeplake.ai';

describe('the signed-in person and signing in', () => {
  it('GET /me: epoch seconds and ISO text both become a date', async () => {
    const api = answer('GET /me', RECORDED.me.hosted);
    expect(await client().fetchQuery(meQueryOptions())).toEqual({
      id: 'user-abc123',
      email: 'jane@example.com',
      name: 'jane.doe',
      display_name: 'Jane Doe',
      organizations: ['org-uuid-1', 'org-uuid-2'],
      date_joined: '2024-06-01T00:00:00.000Z',
    });
    // Called without an org header, as the hosted clients call it.
    expect(orgHeader(api.requests[0])).toBeNull();
    answer('GET /me', RECORDED.me.bundledBefore);
    expect(await client().fetchQuery(meQueryOptions())).toMatchObject({
      date_joined: '2026-11-20T10:00:00.000Z',
    });
    answer('GET /me', RECORDED.me.bundled);
    expect(await client().fetchQuery(meQueryOptions())).toMatchObject({
      organizations: ['default'],
      date_joined: '2026-11-20T10:00:00.000Z',
    });
  });

  it('signing in checks the typed token with GET /me on the chosen API, then keeps it', async () => {
    const api = mockApi({ 'GET /me': () => respond(RECORDED.me.hosted) }, { baseUrl: HOSTED });
    const signInHook = mutationHook(() => useSignIn());
    await act(async () => {
      const { me } = await signInHook.current.mutateAsync({
        token: 'typed-token',
        remember: false,
        baseUrl: HOSTED,
      });
      expect(me).toMatchObject({ id: 'user-abc123', email: 'jane@example.com' });
    });
    const [request] = api.requests;
    expect(request).toMatchObject({ method: 'GET', url: `${HOSTED}/me` });
    expect(request!.headers.get('Authorization')).toBe('Bearer typed-token');
    expect(orgHeader(request)).toBeNull();
    expect(getToken()).toBe('typed-token');
    expect(getApiBaseUrl()).toBe(HOSTED);
  });

  it('an invite link: POST /auth/invite/accept without a token, then /me with the lasting one', async () => {
    const api = answers({
      'POST /auth/invite/accept': RECORDED.inviteAccepted.bundled,
      'GET /me': RECORDED.me.bundled,
    });
    const signInHook = mutationHook(() => useSignIn());
    await act(async () => {
      await signInHook.current.mutateAsync({
        token: 'dli_invite-1',
        remember: true,
        baseUrl: '/api',
        viaInvite: true,
      });
    });
    const [accept, me] = api.requests;
    expect(accept).toMatchObject({ method: 'POST', body: { token: 'dli_invite-1' } });
    expect(accept!.headers.has('Authorization')).toBe(false);
    expect(me!.headers.get('Authorization')).toBe('Bearer dl_lasting_secret');
    expect(getToken()).toBe('dl_lasting_secret');
  });

  it('the invite exchange reads the lasting token of the bundled answer', async () => {
    answer('POST /auth/invite/accept', RECORDED.inviteAccepted.bundled);
    expect(await exchangeInviteToken('dli_invite-2')).toBe('dl_lasting_secret');
  });
});

describe('API tokens', () => {
  it('GET /users/me/tokens: nulls are left out, the current token is marked', async () => {
    const api = answer('GET /users/me/tokens', RECORDED.tokens.bundled);
    expect(await client().fetchQuery(tokenListQueryOptions())).toEqual([
      {
        id: TOKEN.id,
        name: 'deeplake-plugin-2026-11-21',
        organization_id: ORG,
        created_at: '2026-11-21T09:30:00.000Z',
        expires_at: '2027-11-21T09:30:00.000Z',
        current: false,
      },
      {
        id: '4c2a1d3f-9e5b-4f60-8b7c-8d9e0f1a2b3c',
        name: 'Console sign-in',
        created_at: '2026-11-20T10:00:00.000Z',
        last_used_at: '2026-11-21T09:31:00.000Z',
        current: true,
      },
    ]);
    // The person's own tokens, whatever organization is selected.
    expect(orgHeader(api.requests[0])).toBeNull();
  });

  it('POST /users/me/tokens sends {name, duration, organization_id}; reads every answer shape', async () => {
    const values = { name: 'ci', duration: 30 * 24 * 3600, organization_id: ORG };
    const create = mutationHook(() => useCreateToken());
    const made = async (
      recorded: (typeof RECORDED.tokenCreated)[keyof typeof RECORDED.tokenCreated],
    ) => {
      const api = answer('POST /users/me/tokens', recorded);
      let created: unknown;
      await act(async () => {
        created = await create.current.mutateAsync(values);
      });
      expect(api.requests[0]!.body).toEqual(values);
      // As hivemind sends it: the organization goes in the body, not in the header.
      expect(orgHeader(api.requests[0])).toBeNull();
      return created;
    };
    expect(await made(RECORDED.tokenCreated.hosted)).toEqual({ secret: 'dl_hosted_secret' });
    expect(await made(RECORDED.tokenCreated.hostedOlder)).toEqual({ secret: 'dl_older_secret' });
    expect(await made(RECORDED.tokenCreated.bundled)).toEqual({
      secret: 'dl_bundled_secret',
      name: 'ci',
      organization_id: ORG,
      expires_at: '2026-12-21T09:30:00.000Z',
    });
  });

  it('DELETE /users/me/tokens/{id} revokes; revoking the console’s own token signs it out', async () => {
    const api = answers({
      [`DELETE /users/me/tokens/${TOKEN.id}`]: RECORDED.tokenRevoked.bundled,
      'DELETE /users/me/tokens/own': RECORDED.tokenRevoked.bundled,
    });
    const revoke = mutationHook(() => useRevokeToken());
    const view = { id: TOKEN.id, name: TOKEN.name, current: false };
    await act(async () => {
      expect(await revoke.current.mutateAsync(view)).toBeUndefined();
    });
    expect(getToken()).toBe('token');
    await act(async () => {
      await revoke.current.mutateAsync({ ...view, id: 'own', current: true });
    });
    expect(getToken()).toBeNull();
    expect(api.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      `DELETE /users/me/tokens/${TOKEN.id}`,
      'DELETE /users/me/tokens/own',
    ]);
    expect(api.requests.map((r) => r.body)).toEqual([undefined, undefined]);
  });
});

describe('command-line sign-in requests', () => {
  const CODE = 'WDJB-MJHT';
  const REQUEST = {
    user_code: CODE,
    client_name: 'hivemind',
    created_at: '2026-11-21T09:30:00.000Z',
    expires_at: '2026-11-21T09:45:00.000Z',
  };

  it('GET /auth/device/requests/{code} reads the pending request', async () => {
    const api = answer(`GET /auth/device/requests/${CODE}`, RECORDED.deviceRequest.pending);
    expect(await client().fetchQuery(deviceRequestQueryOptions(CODE))).toEqual({
      ...REQUEST,
      status: 'pending',
    });
    expect(api.requests[0]!.headers.get('Authorization')).toBe('Bearer token');
  });

  it('approving sends {organization_id}, denying sends {}; both read the decided request', async () => {
    const api = answers({
      [`POST /auth/device/requests/${CODE}/approve`]: RECORDED.deviceRequest.approved,
      [`POST /auth/device/requests/${CODE}/deny`]: RECORDED.deviceRequest.denied,
    });
    const decide = mutationHook(() => useDecideDevice(CODE));
    await act(async () => {
      expect(await decide.current.mutateAsync({ decision: 'approve', orgId: ORG })).toEqual({
        ...REQUEST,
        status: 'approved',
        organization_id: ORG,
      });
      expect(await decide.current.mutateAsync({ decision: 'deny' })).toEqual({
        ...REQUEST,
        status: 'denied',
      });
    });
    expect(api.requests.map((r) => r.body)).toEqual([{ organization_id: ORG }, {}]);
  });
});

describe('health', () => {
  it('GET /health and GET /ready go without a token; a 503 from /ready is an answer', async () => {
    const api = answers({
      'GET /health': RECORDED.health.live,
      'GET /ready': RECORDED.health.ready,
    });
    expect(await client().fetchQuery(healthQueryOptions())).toEqual({ status: 'ok' });
    expect(await fetchReady()).toEqual({ status: 'ready' });
    expect(api.requests.map((r) => r.headers.has('Authorization'))).toEqual([false, false]);

    answer('GET /ready', RECORDED.health.notReady);
    expect(await fetchReady()).toEqual({
      status: 'not_ready',
      reason: 'database: no answer within 2000 ms',
    });
  });
});
