import { act } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { useCreateWorkspace } from '../../features/workspaces/api/workspace-create-mutation';
import { useDeleteWorkspace } from '../../features/workspaces/api/workspace-delete-mutation';
import { workspaceQueryOptions } from '../../features/workspaces/api/workspace-query';
import { useRenameWorkspace } from '../../features/workspaces/api/workspace-rename-mutation';
import { workspaceListQueryOptions } from '../../features/workspaces/api/workspaces-query';
import { signIn } from '../../lib/sign-in-state';
import { RECORDED } from '../recorded-answers';
import { answer, client, mutationHook, ORG, orgHeader } from './helpers';

/**
 * Workspaces: every query and mutation against every recorded shape
 * (recorded-answers/workspaces-tables.ts). Workspaces belong to the organization the org header
 * names, so every request must carry it.
 */

beforeEach(() => signIn('token'));

const DEFAULT_WORKSPACE = {
  id: 'default',
  org_id: 'default',
  name: 'Default',
  type: 'deeplake',
  created_at: '2026-11-20T10:00:00Z',
};

describe('workspaces', () => {
  it('GET /workspaces: {data} with a nameless workspace, and the older envelope', async () => {
    const api = answer('GET /workspaces', RECORDED.workspaces.hosted);
    expect(await client().fetchQuery(workspaceListQueryOptions(ORG))).toEqual([
      { id: 'default', name: 'Default' },
      { id: 'scratch', name: 'scratch' },
    ]);
    expect(orgHeader(api.requests[0])).toBe(ORG);
    answer('GET /workspaces', RECORDED.workspaces.bundledBefore);
    expect(await client().fetchQuery(workspaceListQueryOptions(ORG))).toEqual([
      {
        id: 'default',
        org_id: 'default',
        name: 'Default',
        type: 'deeplake',
        created_at: '2026-11-20T10:00:00Z',
      },
    ]);
  });

  it("GET /workspaces: the bundled server's {data} with every field", async () => {
    const api = answer('GET /workspaces', RECORDED.workspaces.bundled);
    expect(await client().fetchQuery(workspaceListQueryOptions(ORG))).toEqual([DEFAULT_WORKSPACE]);
    expect(orgHeader(api.requests[0])).toBe(ORG);
  });

  it('GET /workspaces/{ws} sends the org header and reads {workspace}', async () => {
    const api = answer('GET /workspaces/default', RECORDED.workspace.bundled);
    expect(await client().fetchQuery(workspaceQueryOptions(ORG, 'default'))).toEqual(
      DEFAULT_WORKSPACE,
    );
    expect(api.requests[0]).toMatchObject({ method: 'GET', path: '/workspaces/default' });
    expect(orgHeader(api.requests[0])).toBe(ORG);
  });

  it('POST /workspaces sends {id, name} with the org header and reads the new workspace', async () => {
    const api = answer('POST /workspaces', RECORDED.workspace.created);
    const create = mutationHook(() => useCreateWorkspace(ORG));
    let created: unknown;
    await act(async () => {
      created = await create.current.mutateAsync({ id: 'analytics', name: 'Analytics' });
    });
    expect(created).toEqual({ ...DEFAULT_WORKSPACE, id: 'analytics', name: 'Analytics' });
    expect(api.requests[0]!.body).toEqual({ id: 'analytics', name: 'Analytics' });
    expect(orgHeader(api.requests[0])).toBe(ORG);
  });

  it('PATCH /workspaces/{ws} sends {name} with the org header and reads the renamed workspace', async () => {
    const api = answer('PATCH /workspaces/default', RECORDED.workspace.renamed);
    const rename = mutationHook(() => useRenameWorkspace(ORG));
    let renamed: unknown;
    await act(async () => {
      renamed = await rename.current.mutateAsync({ workspaceId: 'default', name: 'Renamed' });
    });
    expect(renamed).toEqual({ ...DEFAULT_WORKSPACE, name: 'Renamed' });
    expect(api.requests[0]!.body).toEqual({ name: 'Renamed' });
    expect(orgHeader(api.requests[0])).toBe(ORG);
  });

  it('DELETE /workspaces/{ws} sends the org header and no body; a 204 is done', async () => {
    const api = answer('DELETE /workspaces/default', RECORDED.workspace.deleted);
    const remove = mutationHook(() => useDeleteWorkspace(ORG));
    await act(async () => {
      expect(await remove.current.mutateAsync('default')).toBeUndefined();
    });
    expect(api.requests[0]).toMatchObject({ method: 'DELETE', body: undefined });
    expect(orgHeader(api.requests[0])).toBe(ORG);
  });
});
