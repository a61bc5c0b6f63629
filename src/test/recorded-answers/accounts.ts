import { DOCS_REST, HIVEMIND_AUTH, HIVEMIND_TESTS, MEMORY_DEEPLAKE } from './sources';
import { NO_HOSTED_SOURCE, type RecordedGroup } from './types';

/** `/me`, organizations and their members. */

const ORG = '0c7e4d2a-5f1b-4c3e-9a8d-1b2c3d4e5f60';

export const ACCOUNTS = {
  me: {
    hosted: {
      source: `${DOCS_REST} GET /me; ${HIVEMIND_AUTH} (login)`,
      status: 200,
      body: {
        id: 'user-abc123',
        email: 'jane@example.com',
        name: 'jane.doe',
        verified: true,
        organizations: ['org-uuid-1', 'org-uuid-2'],
        display_name: 'Jane Doe',
        date_joined: 1717200000,
      },
    },
    bundled: {
      source: 'bundled server: server/routes/me/routes.ts (epoch seconds, as the hosted /me)',
      status: 200,
      body: {
        id: '7d3c9a10-1b2c-4d5e-8f90-a1b2c3d4e5f6',
        email: 'admin@localhost',
        name: 'admin',
        display_name: 'admin',
        verified: true,
        organizations: ['default'],
        date_joined: 1795168800,
      },
    },
    bundledBefore: {
      source: 'bundled server: server/routes/me/routes.ts until issue 13 (ISO date_joined)',
      status: 200,
      body: {
        id: '7d3c…',
        email: 'admin@localhost',
        name: 'admin',
        display_name: 'admin',
        verified: true,
        organizations: ['default'],
        date_joined: '2026-11-20T10:00:00.000Z',
      },
    },
  },
  organizations: {
    hosted: {
      source: `${DOCS_REST} GET /organizations (a bare array, no role); ${HIVEMIND_AUTH} (listOrgs); ${MEMORY_DEEPLAKE}`,
      status: 200,
      body: [
        {
          id: ORG,
          name: 'My Organization',
          creator: 'user-uuid',
          created_at: '2025-06-01T12:00:00Z',
        },
      ],
    },
    bundled: {
      source:
        'bundled server: server/routes/organizations/routes.ts since issue 13 (bare array, role as an extra)',
      status: 200,
      body: [
        {
          id: 'default',
          name: 'Default organization',
          creator: 'u1',
          created_at: '2026-11-20T10:00:00.000Z',
          role: 'admin',
        },
      ],
    },
    bundledBefore: {
      source: 'bundled server: server/routes/organizations/routes.ts until issue 13',
      status: 200,
      body: {
        organizations: [
          { id: 'default', name: 'Default', created_at: '2026-11-20T10:00:00Z', role: 'member' },
        ],
      },
    },
  },
  organization: {
    hosted: {
      source: `${DOCS_REST} GET /organizations/{id}`,
      status: 200,
      body: { organization: { id: 'my-org', name: 'My Organization' } },
    },
    bundled: {
      source: 'bundled server: server/routes/organizations/routes.ts (GET /organizations/:org_id)',
      status: 200,
      body: {
        organization: {
          id: ORG,
          name: 'My Organization',
          creator: 'u1',
          created_at: '2026-11-20T10:00:00.000Z',
        },
      },
    },
    created: {
      source: `bundled server: server/routes/organizations/routes.ts (POST /organizations, 201); ${NO_HOSTED_SOURCE}`,
      status: 201,
      body: {
        organization: {
          id: 'acme',
          name: 'Acme',
          creator: 'u1',
          created_at: '2026-11-21T09:30:00.000Z',
        },
      },
    },
    renamed: {
      source: `bundled server: server/routes/organizations/routes.ts (PATCH /organizations/:org_id); ${NO_HOSTED_SOURCE}`,
      status: 200,
      body: {
        organization: {
          id: ORG,
          name: 'Renamed',
          creator: 'u1',
          created_at: '2026-11-20T10:00:00.000Z',
        },
      },
    },
    deleted: {
      source: `bundled server: server/routes/organizations/routes.ts (DELETE /organizations/:org_id, 204); ${NO_HOSTED_SOURCE}`,
      status: 204,
      body: undefined,
    },
  },
  members: {
    hosted: {
      source: `${HIVEMIND_AUTH} (listMembers) and ${HIVEMIND_TESTS} (no joined_at; CLI access modes)`,
      status: 200,
      body: {
        members: [
          { user_id: 'u1', name: 'jane.doe', email: 'jane@example.com', role: 'ADMIN' },
          { user_id: 'u2', name: 'bob', email: 'bob@example.com', role: 'WRITE' },
          { user_id: 'u3', name: 'eve', email: 'eve@example.com', role: 'READ' },
        ],
      },
    },
    bundled: {
      source: 'bundled server: server/routes/members/routes.ts (GET …/members)',
      status: 200,
      body: {
        members: [
          {
            user_id: 'u1',
            email: 'admin@localhost',
            name: 'admin',
            role: 'admin',
            joined_at: '2026-11-20T10:00:00.000Z',
          },
          {
            user_id: 'u2',
            email: 'bob@example.com',
            name: '',
            role: 'writer',
            joined_at: '2026-11-21T09:00:00.000Z',
          },
        ],
      },
    },
  },
  member: {
    invitedNewPerson: {
      source: `bundled server: server/routes/members/routes.ts (POST …/members, 201: invite_link for someone without an account); ${NO_HOSTED_SOURCE} (${HIVEMIND_AUTH} ignores it)`,
      status: 201,
      body: {
        member: {
          user_id: 'u4',
          email: 'new@example.com',
          name: 'new@example.com',
          role: 'writer',
          joined_at: '2026-11-21T09:30:00.000Z',
        },
        invite_link: 'http://localhost:8080/#token=dli_abc',
      },
    },
    roleChanged: {
      source: `bundled server: server/routes/members/routes.ts (PATCH …/members/:user_id); ${NO_HOSTED_SOURCE}`,
      status: 200,
      body: {
        member: {
          user_id: 'u2',
          email: 'bob@example.com',
          name: 'bob',
          role: 'admin',
          joined_at: '2026-11-21T09:00:00.000Z',
        },
      },
    },
    removed: {
      source: `bundled server: server/routes/members/routes.ts (DELETE …/members/:user_id, 204); ${NO_HOSTED_SOURCE} (${HIVEMIND_AUTH} apiDelete reads none)`,
      status: 204,
      body: undefined,
    },
  },
} satisfies RecordedGroup;
