import { QueryClient, type QueryKey } from '@tanstack/react-query';
import { beforeEach, describe, expect, it } from 'vitest';
import { authKeys } from '../features/auth/api/keys';
import { deviceKeys } from '../features/device/api/keys';
import { fileKeys } from '../features/files/api/keys';
import { healthKeys } from '../features/health/api/keys';
import { memberKeys } from '../features/members/api/keys';
import { organizationKeys } from '../features/organizations/api/keys';
import { tableKeys } from '../features/tables/api/keys';
import { tokenKeys } from '../features/tokens/api/keys';
import { workspaceKeys } from '../features/workspaces/api/keys';
import { accountScope, organizationScope, serverScope, workspaceScope } from './query-scope';

/**
 * The features' own key factories, filled into a real QueryClient: dropping a scope must drop
 * what every feature cached in it, and nothing outside it.
 */

const page = { limit: 50, offset: 0 };
const view = { page: 1, pageSize: 50, sort: null, filters: [] };

/** What each feature caches about one organization and one of its workspaces. */
const ofOrganization = (orgId: string): QueryKey[] => [
  organizationKeys.detail(orgId),
  memberKeys.list(orgId),
  workspaceKeys.list(orgId),
  workspaceKeys.detail(orgId, 'photos'),
  tableKeys.list(orgId, 'photos'),
  tableKeys.detail(orgId, 'photos', 'events'),
  tableKeys.rows(orgId, 'photos', 'events', view),
  tableKeys.similar(orgId, 'photos', 'events', 'embedding', [1, 2]),
  fileKeys.list(orgId, 'photos', page),
  fileKeys.detail(orgId, 'photos', 'file-1'),
];

const ofAccount: QueryKey[] = [
  authKeys.me(),
  organizationKeys.list(),
  tokenKeys.list(),
  deviceKeys.request('ABCD-EFGH'),
];

const ofServer: QueryKey[] = [healthKeys.live(), healthKeys.ready()];

let client = new QueryClient();

function filled(): QueryClient {
  for (const key of [...ofOrganization('acme'), ...ofOrganization('globex'), ...ofAccount]) {
    client.setQueryData(key, { cached: key });
  }
  for (const key of ofServer) client.setQueryData(key, { cached: key });
  return client;
}

const cached = (key: QueryKey) => client.getQueryData(key) !== undefined;

beforeEach(() => {
  client = new QueryClient();
});

describe('query scopes', () => {
  it('every feature key starts with exactly one scope', () => {
    const scoped = (key: QueryKey) =>
      [accountScope, serverScope, organizationScope(String(key[1]))].filter((scope) =>
        scope.every((part, i) => key[i] === part),
      ).length;
    for (const key of [...ofOrganization('acme'), ...ofAccount, ...ofServer]) {
      expect(scoped(key), JSON.stringify(key)).toBe(1);
    }
  });

  it("removing an organization's scope drops what every feature cached of it, and only of it", () => {
    filled().removeQueries({ queryKey: organizationScope('acme') });

    for (const key of ofOrganization('acme')) expect(cached(key), JSON.stringify(key)).toBe(false);
    for (const key of [...ofOrganization('globex'), ...ofAccount, ...ofServer]) {
      expect(cached(key), JSON.stringify(key)).toBe(true);
    }
  });

  it("removing a workspace's scope keeps the organization's and other workspaces' caches", () => {
    filled().setQueryData(tableKeys.list('acme', 'videos'), []);
    client.removeQueries({ queryKey: workspaceScope('acme', 'photos') });

    expect(cached(workspaceKeys.detail('acme', 'photos'))).toBe(false);
    expect(cached(tableKeys.rows('acme', 'photos', 'events', view))).toBe(false);
    expect(cached(fileKeys.detail('acme', 'photos', 'file-1'))).toBe(false);
    expect(cached(tableKeys.list('acme', 'videos'))).toBe(true);
    expect(cached(workspaceKeys.list('acme'))).toBe(true);
    expect(cached(memberKeys.list('acme'))).toBe(true);
    expect(cached(tableKeys.list('globex', 'photos'))).toBe(true);
  });

  it("invalidating the account's scope marks the person's data stale, and no organization's", async () => {
    await filled().invalidateQueries({ queryKey: accountScope });

    const stale = (key: QueryKey) => client.getQueryState(key)?.isInvalidated;
    for (const key of ofAccount) expect(stale(key), JSON.stringify(key)).toBe(true);
    for (const key of [...ofOrganization('acme'), ...ofServer]) {
      expect(stale(key), JSON.stringify(key)).toBe(false);
    }
  });

  it('an organization named like a workspace or a scope word stays apart', () => {
    filled().setQueryData(memberKeys.list('workspace'), []);
    client.setQueryData(memberKeys.list('account'), []);
    client.removeQueries({ queryKey: organizationScope('workspace') });

    expect(cached(memberKeys.list('workspace'))).toBe(false);
    expect(cached(memberKeys.list('account'))).toBe(true);
    expect(cached(authKeys.me())).toBe(true);
  });
});
