import type { Me } from '../../contract/me';
import type { Member, MyOrganization } from '../../contract/organizations';
import type { Workspace } from '../../contract/workspaces';

export const me: Me = {
  id: 'u-ada',
  email: 'ada@example.com',
  name: 'Ada Lovelace',
  display_name: 'Ada',
  verified: true,
  organizations: ['acme', 'globex'],
  // 2024-01-02T10:00:00Z, in epoch seconds as the API sends it.
  date_joined: 1704189600,
};

export function organization(overrides: Partial<MyOrganization> = {}): MyOrganization {
  return {
    id: 'acme',
    name: 'Acme',
    role: 'admin',
    creator: 'u-ada',
    created_at: '2024-03-01T09:00:00Z',
    ...overrides,
  };
}

export function member(overrides: Partial<Member> = {}): Member {
  return {
    user_id: 'u-ada',
    email: 'ada@example.com',
    name: 'Ada Lovelace',
    role: 'admin',
    joined_at: '2024-03-01T09:00:00Z',
    ...overrides,
  };
}

export function workspace(overrides: Partial<Workspace> = {}): Workspace {
  return {
    id: 'analytics',
    org_id: 'acme',
    name: 'Analytics',
    type: 'postgres',
    created_at: '2024-04-01T09:00:00Z',
    ...overrides,
  };
}
