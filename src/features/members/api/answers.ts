import {
  instant,
  isRecord,
  listIn,
  objectIn,
  requiredText,
  text,
  unexpectedAnswer,
} from '../../../lib/answers';
import type { Role } from '../../../../contract/organizations';

/**
 * Roles as the console knows them: viewer, writer, admin (contract/organizations.ts). Kept as
 * a name of its own for the areas that read roles from answers.
 */
export type MemberRole = Role;

/**
 * A role as servers name it: ours; `member`, the hosted REST reference's (and this server's
 * before viewers), which is today's writer; the hosted CLI's access modes (`ADMIN`, `WRITE`,
 * `READ`); `owner`, which can do all an admin can.
 */
/**
 * A role as the console sends it: a writer as `member`, the name both the bundled server and
 * the hosted REST reference accept (the hosted service may not know `writer`).
 */
export function roleOnTheWire(role: Role): string {
  return role === 'writer' ? 'member' : role;
}

export function readRole(value: unknown): MemberRole | undefined {
  switch (typeof value === 'string' ? value.toLowerCase() : undefined) {
    case 'admin':
    case 'owner':
      return 'admin';
    case 'member':
    case 'writer':
    case 'write':
      return 'writer';
    case 'viewer':
    case 'read':
      return 'viewer';
    default:
      return undefined;
  }
}

/** A member as the console shows it; the hosted list may leave out when they joined. */
export interface MemberView {
  user_id: string;
  email: string;
  name: string;
  /** Unknown roles read as viewer: the console never offers more than it knows of. */
  role: MemberRole;
  joined_at?: string;
}

const MEMBER = 'a member';

export function readMember(value: unknown): MemberView {
  if (!isRecord(value)) throw unexpectedAnswer(MEMBER, value);
  const userId = requiredText(value, 'user_id', MEMBER);
  const email = text(value.email) ?? '';
  const joined = instant(value.joined_at);
  return {
    user_id: userId,
    email,
    name: text(value.name) || email || userId,
    role: readRole(value.role) ?? 'viewer',
    ...(joined ? { joined_at: joined } : {}),
  };
}

/** `GET /organizations/{id}/members`: `{members}`, `{data}` or a bare array. */
export const readMemberList = (body: unknown): MemberView[] =>
  listIn(body, ['members', 'data'], 'a list of members').map(readMember);

/**
 * `POST|PATCH …/members…`: `{member, invite_link?}` from the bundled server (the link signs in
 * someone who had no account, since it sends no mail), or the member itself.
 */
export interface MemberAnswer {
  member: MemberView;
  invite_link?: string;
}

export function readMemberAnswer(body: unknown): MemberAnswer {
  const link = isRecord(body) ? text(body.invite_link) : undefined;
  return {
    member: readMember(objectIn(body, 'member', MEMBER)),
    ...(link ? { invite_link: link } : {}),
  };
}
