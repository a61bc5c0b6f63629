import { HIVEMIND_AUTH } from './sources';
import { NO_HOSTED_SOURCE, type RecordedGroup } from './types';

/** API tokens, invite links, device sign-in requests and health checks. */

const ORG = '0c7e4d2a-5f1b-4c3e-9a8d-1b2c3d4e5f60';
const TOKEN_ID = '3b1f0c2e-8d4a-4e5f-9a6b-7c8d9e0f1a2b';

const request = {
  user_code: 'WDJB-MJHT',
  client_name: 'hivemind',
  created_at: '2026-11-21T09:30:00.000Z',
  expires_at: '2026-11-21T09:45:00.000Z',
};

const DEVICE = 'bundled server: server/routes/device/routes.ts';

export const TOKENS_DEVICE_AUTH = {
  tokens: {
    bundled: {
      source: `bundled server: server/routes/tokens/routes.ts (GET /users/me/tokens); ${NO_HOSTED_SOURCE}`,
      status: 200,
      body: {
        tokens: [
          {
            id: TOKEN_ID,
            name: 'deeplake-plugin-2026-11-21',
            organization_id: ORG,
            created_at: '2026-11-21T09:30:00.000Z',
            expires_at: '2027-11-21T09:30:00.000Z',
            last_used_at: null,
            current: false,
          },
          {
            id: '4c2a1d3f-9e5b-4f60-8b7c-8d9e0f1a2b3c',
            name: 'Console sign-in',
            organization_id: null,
            created_at: '2026-11-20T10:00:00.000Z',
            expires_at: null,
            last_used_at: '2026-11-21T09:31:00.000Z',
            current: true,
          },
        ],
      },
    },
  },
  tokenCreated: {
    hosted: {
      source: `HOSTED-API.md; ${HIVEMIND_AUTH} (login reads tokenData.token.token)`,
      status: 200,
      body: { token: { token: 'dl_hosted_secret' } },
    },
    hostedOlder: {
      source: 'HOSTED-API.md: older hosted answers to POST /users/me/tokens are {"token": "…"}',
      status: 200,
      body: { token: 'dl_older_secret' },
    },
    bundled: {
      source: 'bundled server: server/routes/tokens/routes.ts (POST /users/me/tokens, 201)',
      status: 201,
      body: {
        token: {
          token: 'dl_bundled_secret',
          id: TOKEN_ID,
          name: 'ci',
          organization_id: ORG,
          expires_at: '2026-12-21T09:30:00.000Z',
          created_at: '2026-11-21T09:30:00.000Z',
        },
      },
    },
  },
  tokenRevoked: {
    bundled: {
      source: `bundled server: server/routes/tokens/routes.ts (DELETE /users/me/tokens/:id, 204); ${NO_HOSTED_SOURCE}`,
      status: 204,
      body: undefined,
    },
  },
  inviteAccepted: {
    bundled: {
      source: `bundled server: server/routes/tokens/invite-routes.ts (POST /auth/invite/accept, 201); ${NO_HOSTED_SOURCE}`,
      status: 201,
      body: {
        token: {
          token: 'dl_lasting_secret',
          id: TOKEN_ID,
          name: 'Console sign-in (invite link)',
          organization_id: null,
          expires_at: null,
          created_at: '2026-11-21T09:30:00.000Z',
        },
      },
    },
  },
  deviceRequest: {
    pending: {
      source: `${DEVICE} (GET /auth/device/requests/:user_code); ${NO_HOSTED_SOURCE}`,
      status: 200,
      body: { request: { ...request, status: 'pending' } },
    },
    approved: {
      source: `${DEVICE} (POST …/:user_code/approve); ${NO_HOSTED_SOURCE}`,
      status: 200,
      body: { request: { ...request, status: 'approved', organization_id: ORG } },
    },
    denied: {
      source: `${DEVICE} (POST …/:user_code/deny); ${NO_HOSTED_SOURCE}`,
      status: 200,
      body: { request: { ...request, status: 'denied', organization_id: null } },
    },
  },
  health: {
    live: {
      source: `bundled server: server/routes/health/routes.ts (GET /health); ${NO_HOSTED_SOURCE}`,
      status: 200,
      body: { status: 'ok' },
    },
    ready: {
      source: `bundled server: server/routes/health/routes.ts (GET /ready); ${NO_HOSTED_SOURCE}`,
      status: 200,
      body: { status: 'ready' },
    },
    notReady: {
      source: `bundled server: server/routes/health/routes.ts (GET /ready, 503); ${NO_HOSTED_SOURCE}`,
      status: 503,
      body: { status: 'not_ready', reason: 'database: no answer within 2000 ms' },
    },
  },
} satisfies RecordedGroup;
