import type { Role } from '../../../contract/organizations';
import type { Workspace } from '../../../contract/workspaces';
import { organizationNotFound, roleIn } from '../../auth/access';
import type { Queryable } from '../../db/index';
import { ApiError, badRequest, notFound } from '../../errors';
import { ERROR_CODES } from '../../../contract/errors';
import { HUB_PATH_FORM, type HubPathRef } from '../../sql/hub-paths';
import { getWorkspace, listWorkspaces } from '../workspaces/repository';

/**
 * Which workspace a query's hub paths name, as the caller may see them. Organizations and
 * workspaces the caller cannot use are not found exactly as those that do not exist; the
 * candidates of a two-part path (`hub://<org>/<table>`) are the organization's workspaces, all
 * of which its members see.
 */

export interface HubTarget {
  workspace: Workspace;
  /** The caller's role in the workspace's organization. */
  role: Role;
}

export interface ResolveOptions {
  userId: string;
  /** The org header, when sent: as on every workspace route, only its organization is seen. */
  orgHeader: string | undefined;
  /** Whether the workspace has a table (or view) of that name. */
  hasTable(workspace: Workspace, table: string): Promise<boolean>;
}

/** Tables looked for at once in a two-part path's candidate workspaces. */
const LOOKUPS_AT_ONCE = 4;

const workspaceNotFound = (workspace: string, org: string) =>
  notFound(`Workspace "${workspace}" not found in organization "${org}"`);

const quoted = (names: readonly string[]) => names.map((name) => `"${name}"`).join(', ');

async function inBatches<T, R>(items: readonly T[], size: number, each: (item: T) => Promise<R>) {
  const results: R[] = [];
  for (let i = 0; i < items.length; i += size) {
    results.push(...(await Promise.all(items.slice(i, i + size).map(each))));
  }
  return results;
}

export async function resolveHubPaths(
  db: Queryable,
  refs: readonly HubPathRef[],
  { userId, orgHeader, hasTable }: ResolveOptions,
): Promise<HubTarget> {
  if (refs.length === 0) {
    throw badRequest(
      `The query names no table: ${HUB_PATH_FORM}, as in SELECT * FROM "hub://my-org/my-workspace/my-table"`,
    );
  }
  const roles = new Map<string, Role>();
  for (const { path } of refs) {
    if (roles.has(path.org)) continue;
    const role = await roleIn(db, userId, path.org);
    if (!role || (orgHeader !== undefined && orgHeader !== path.org)) {
      throw organizationNotFound(path.org);
    }
    roles.set(path.org, role);
  }

  // Each path's workspace, by the path's text; the same path resolves once.
  const resolved = new Map<string, Workspace>();
  for (const { path } of refs) {
    if (resolved.has(path.text)) continue;
    if (path.workspace !== null) {
      const workspace = await getWorkspace(db, path.workspace);
      if (!workspace || workspace.org_id !== path.org) {
        throw workspaceNotFound(path.workspace, path.org);
      }
      resolved.set(path.text, workspace);
      continue;
    }
    const workspaces = await listWorkspaces(db, path.org);
    const found = await inBatches(workspaces, LOOKUPS_AT_ONCE, (workspace) =>
      hasTable(workspace, path.table),
    );
    const candidates = workspaces.filter((_, i) => found[i]);
    if (candidates.length === 0) {
      throw notFound(
        `No workspace of organization "${path.org}" has a table "${path.table}" ("${path.text}")`,
      );
    }
    if (candidates.length > 1) {
      const ids = candidates.map((workspace) => workspace.id);
      throw new ApiError(
        400,
        ERROR_CODES.badRequest,
        `"${path.text}" could be any of ${candidates.length} tables: workspaces ${quoted(ids)} ` +
          `of organization "${path.org}" each have a table "${path.table}". Name the workspace, ` +
          `as in "hub://${path.org}/${ids[0]}/${path.table}"`,
        { candidates: ids } as ApiError['extra'],
      );
    }
    resolved.set(path.text, candidates[0]!);
  }

  const workspaces = [...new Map([...resolved.values()].map((w) => [w.id, w])).values()];
  if (workspaces.length > 1) {
    const named = [...resolved.entries()].map(([text, w]) => `"${text}" (workspace "${w.id}")`);
    throw badRequest(
      `A query reads the tables of one workspace, but this one names tables of ` +
        `${workspaces.length}: ${named.join(', ')}`,
    );
  }
  const workspace = workspaces[0]!;
  return { workspace, role: roles.get(workspace.org_id)! };
}
