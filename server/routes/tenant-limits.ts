import { ERROR_CODES } from '../../contract/error-codes';
import type { Queryable } from '../db/index';
import { ApiError } from '../errors';

/**
 * How much one person may make: anyone can create organizations and workspaces, and each
 * workspace is a schema, a role and a pool, so without limits one account could fill the
 * server. Checked in the creating transaction, with the row that owns the count locked, so
 * concurrent creations cannot pass a limit together.
 */
export interface TenantLimits {
  /** Organizations one person may have created (and not deleted). */
  organizationsPerUser: number;
  /** Workspaces one organization may hold. */
  workspacesPerOrganization: number;
}

export const DEFAULT_TENANT_LIMITS: TenantLimits = {
  organizationsPerUser: 20,
  workspacesPerOrganization: 50,
};

const limitReached = (message: string) => new ApiError(403, ERROR_CODES.limitReached, message);

export async function checkOrganizationQuota(tx: Queryable, userId: string, limits: TenantLimits) {
  await tx.query('SELECT 1 FROM deeplake_console.users WHERE id = $1 FOR UPDATE', [userId]);
  const [{ count }] = (await tx.query<{ count: number }>(
    'SELECT count(*)::int AS count FROM deeplake_console.organizations WHERE creator = $1',
    [userId],
  )) as [{ count: number }];
  if (count >= limits.organizationsPerUser) {
    throw limitReached(
      `You have created ${count} organizations, the most one person may here (MAX_ORGANIZATIONS_PER_USER): delete one you no longer need, or ask the server's operator`,
    );
  }
}

export async function checkWorkspaceQuota(tx: Queryable, orgId: string, limits: TenantLimits) {
  await tx.query('SELECT 1 FROM deeplake_console.organizations WHERE id = $1 FOR UPDATE', [orgId]);
  const [{ count }] = (await tx.query<{ count: number }>(
    'SELECT count(*)::int AS count FROM deeplake_console.workspaces WHERE org_id = $1',
    [orgId],
  )) as [{ count: number }];
  if (count >= limits.workspacesPerOrganization) {
    throw limitReached(
      `Organization "${orgId}" has ${count} workspaces, the most one organization may hold here (MAX_WORKSPACES_PER_ORGANIZATION): delete one it no longer needs, or ask the server's operator`,
    );
  }
}
