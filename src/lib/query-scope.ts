/**
 * The prefixes every feature's query keys start with, so a cache can be dropped by whom it
 * belongs to rather than by which feature cached it. TanStack Query matches keys by prefix:
 * `removeQueries({ queryKey: organizationScope('acme') })` drops Acme's members, workspaces,
 * tables, files and details whichever feature asked for them, and a feature that learns an
 * organization is gone needs no other feature's keys to forget it.
 *
 *   ['server', …]                                   the server itself, the same for anyone
 *   ['account', …]                                  what the signed-in person has
 *   ['org', orgId, …]                               what belongs to one organization
 *   ['org', orgId, 'workspace', workspaceId, …]     what belongs to one of its workspaces
 *
 * Each feature's own `api/keys.ts` stays the factory for its resource and builds on these.
 */

/** What the server answers anyone, signed in or not (health). */
export const serverScope = ['server'] as const;

/**
 * What the signed-in person has, whichever organization is selected: who they are, the
 * organizations they belong to (with their role in each), their tokens. Joining, leaving,
 * creating or deleting an organization, or a change of one's role, changes it.
 */
export const accountScope = ['account'] as const;

/** Everything cached about one organization: dropped when it is deleted or left. */
export const organizationScope = (orgId: string) => ['org', orgId] as const;

/**
 * Everything cached about one workspace. Workspace ids are unique only within their
 * organization (the org header picks it), so the scope sits under the organization's.
 */
export const workspaceScope = (orgId: string, workspaceId: string) =>
  [...organizationScope(orgId), 'workspace', workspaceId] as const;
