import type { MeView } from '../auth';
import type { MemberView as Member } from './api/answers';

/**
 * Why a viewer finds the controls that change tables and files disabled: the same rule the
 * server states in its 403 (server/auth/access.ts).
 */
export const viewerNote = (orgName: string) =>
  `You are a viewer in ${orgName}: viewers read tables and files and run read-only SQL, but ` +
  'change nothing. An admin can make you a writer.';

export const LAST_ADMIN_RULE =
  'An organization needs at least one admin: make someone else admin first.';

export interface MemberPermissions {
  /** Your own row, when you are a member of the organization. */
  self: Member | null;
  isAdmin: boolean;
  /** You are the only admin: you cannot demote yourself, be removed or leave. */
  isLastAdmin: boolean;
}

export function memberPermissions(
  members: readonly Member[],
  me: Pick<MeView, 'id' | 'email'> | undefined,
): MemberPermissions {
  const self =
    (me &&
      (members.find((member) => member.user_id === me.id) ??
        members.find((member) => member.email.toLowerCase() === me.email.toLowerCase()))) ||
    null;
  const isAdmin = self?.role === 'admin';
  const adminCount = members.filter((member) => member.role === 'admin').length;
  return { self, isAdmin, isLastAdmin: isAdmin && adminCount === 1 };
}

export function isSelf(member: Member, self: Member | null): boolean {
  return self !== null && member.user_id === self.user_id;
}
