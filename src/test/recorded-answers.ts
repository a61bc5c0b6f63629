/**
 * Answers of the hosted Deeplake API (api.deeplake.ai) as public sources show them, and of the
 * bundled server before and after it took the hosted shapes. Each names its source, so it can
 * be checked: the console's readers must take every one of them.
 *
 * Sources: docs.deeplake.ai REST reference; activeloopai/deeplake-claude-code-plugins
 * (`src/deeplake-api.ts`, `src/commands/auth.ts`, `tests/claude-code/*`, commit 091e986);
 * activeloopai/memory-deeplake (`src/memory.ts`, `src/index.ts`). See shared/HOSTED-API.md.
 */
export interface Recorded {
  source: string;
  status: number;
  body: unknown;
  /** Headers beyond Content-Type (Retry-After). */
  headers?: Record<string, string>;
  /** The body is sent as text (HTML, plain text), not JSON. */
  text?: boolean;
}

export const RECORDED = {
  me: {
    hosted: {
      source: 'docs REST reference, GET /me; hivemind auth.ts',
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
    bundledBefore: {
      source: 'bundled server until issue 13 (ISO date_joined)',
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
      source: 'docs REST reference, GET /organizations (a bare array, no role); hivemind listOrgs',
      status: 200,
      body: [
        {
          id: '0c7e4d2a-5f1b-4c3e-9a8d-1b2c3d4e5f60',
          name: 'My Organization',
          creator: 'user-uuid',
          created_at: '2025-06-01T12:00:00Z',
        },
      ],
    },
    bundled: {
      source: 'bundled server since issue 13 (bare array, role as an extra)',
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
      source: 'bundled server until issue 13',
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
      source: 'docs REST reference, GET /organizations/{id}',
      status: 200,
      body: { organization: { id: 'my-org', name: 'My Organization' } },
    },
  },
  members: {
    hosted: {
      source: 'hivemind auth.ts and its tests (no joined_at; CLI access modes)',
      status: 200,
      body: {
        members: [
          { user_id: 'u1', name: 'jane.doe', email: 'jane@example.com', role: 'ADMIN' },
          { user_id: 'u2', name: 'bob', email: 'bob@example.com', role: 'WRITE' },
          { user_id: 'u3', name: 'eve', email: 'eve@example.com', role: 'READ' },
        ],
      },
    },
  },
  workspaces: {
    hosted: {
      source:
        'hivemind commit 091e986 "listWorkspaces — API returns {data:[...]}"; a name can be missing',
      status: 200,
      body: { data: [{ id: 'default', name: 'Default' }, { id: 'scratch' }] },
    },
    bundledBefore: {
      source: 'bundled server until issue 13',
      status: 200,
      body: {
        workspaces: [
          {
            id: 'default',
            org_id: 'default',
            name: 'Default',
            type: 'deeplake',
            created_at: '2026-11-20T10:00:00Z',
          },
        ],
      },
    },
  },
  query: {
    rowsNull: {
      source: 'hivemind tests: rows: null is no rows',
      status: 200,
      body: { columns: ['id'], rows: null, row_count: 0 },
    },
    noRows: {
      source: 'hivemind tests: a missing rows is no rows',
      status: 200,
      body: { columns: [], row_count: 3 },
    },
  },
  errors: {
    insufficientBalance: {
      source: 'HOSTED-API.md: the hosted 402',
      status: 402,
      body: { balance_cents: 0, error: 'insufficient balance, please top up' },
    },
    tableMissing: {
      source: 'HOSTED-API.md: hosted error text',
      status: 400,
      body: { error: 'Table does not exist: relation "skills" does not exist' },
    },
    proxyPage: {
      source: 'HOSTED-API.md: transient HTML 403 pages from a proxy',
      status: 403,
      text: true,
      body: '<!DOCTYPE html><html><head><title>403 Forbidden</title></head><body><h1>403 Forbidden</h1></body></html>',
    },
    detail: {
      source: 'FastAPI-style services: {"detail": …}',
      status: 422,
      body: { detail: [{ loc: ['body', 'name'], msg: 'field required' }] },
    },
    message: {
      source: 'gateways answering {"message": …}',
      status: 500,
      body: { message: 'Internal server error' },
    },
    plainText: {
      source: 'a service answering plain text',
      status: 500,
      text: true,
      body: 'upstream connect error',
    },
    busy: {
      source: 'HOSTED-API.md: clients retry 429 and 503 with backoff',
      status: 429,
      body: { error: 'rate limited' },
      headers: { 'Retry-After': '0' },
    },
  },
} satisfies Record<string, Record<string, Recorded>>;

/** The recorded answer as a fetch Response. */
export function respond({ status, body, headers = {}, text }: Recorded): Response {
  return new Response(text ? String(body) : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': text ? 'text/html' : 'application/json', ...headers },
  });
}
