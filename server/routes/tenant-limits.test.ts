import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, type TestServer } from '../test/harness';

/** One account cannot fill the server with organizations and workspaces. */

let server: TestServer;
beforeAll(async () => {
  server = await createTestServer({
    tenantLimits: { organizationsPerUser: 3, workspacesPerOrganization: 2 },
  });
});
afterAll(() => server.close());

describe('limits on what one person may create', () => {
  it('refuses an organization past the limit, even asked for all at once, with a clear 403', async () => {
    const maker = await server.user('maker@example.com');
    const attempts = await Promise.all(
      Array.from({ length: 6 }, (_, n) =>
        server.call(maker.token, 'POST', '/api/organizations', {
          body: { id: `maker-${n}`, name: `Maker ${n}` },
        }),
      ),
    );
    expect(attempts.filter((res) => res.status === 201)).toHaveLength(3);
    const refused = attempts.filter((res) => res.status === 403);
    expect(refused).toHaveLength(3);
    expect(refused[0]!.body.error.code).toBe('limit_reached');
    expect(refused[0]!.body.error.message).toMatch(
      /^You have created 3 organizations, the most one person may here \(MAX_ORGANIZATIONS_PER_USER\)/,
    );

    // Deleting one makes room again.
    const made = attempts.find((res) => res.status === 201)!.body.organization.id;
    expect((await server.call(maker.token, 'DELETE', `/api/organizations/${made}`)).status).toBe(
      204,
    );
    const again = await server.call(maker.token, 'POST', '/api/organizations', {
      body: { id: 'maker-again', name: 'Again' },
    });
    expect(again.status).toBe(201);
  });

  it('refuses a workspace past the limit of its organization', async () => {
    const owner = await server.user('owner@example.com');
    expect(
      (
        await server.call(owner.token, 'POST', '/api/organizations', {
          body: { id: 'small', name: 'Small' },
        })
      ).status,
    ).toBe(201);
    const create = (id: string) =>
      server.call(owner.token, 'POST', '/api/workspaces', { org: 'small', body: { id, name: id } });
    expect((await create('small_1')).status).toBe(201);
    expect((await create('small_2')).status).toBe(201);
    const third = await create('small_3');
    expect(third.status).toBe(403);
    expect(third.body.error.code).toBe('limit_reached');
    expect(third.body.error.message).toContain('Organization "small" has 2 workspaces');
  });
});
