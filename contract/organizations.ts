import { z } from 'zod';
import { organizationIdSchema } from './identifier';

/**
 * The three levels of a member, least first: a viewer reads, a writer also changes tables and
 * files, an admin also manages the organization, its members and workspaces. `writer` was
 * called `member` (the hosted REST reference still says so): `member` is accepted as input and
 * means writer; answers say `writer`.
 */
export const ROLES = ['viewer', 'writer', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** The hosted CLI's names for the roles (`POST …/members/invite {access_mode}`). */
export const ACCESS_MODES = { READ: 'viewer', WRITE: 'writer', ADMIN: 'admin' } as const;
export type AccessMode = keyof typeof ACCESS_MODES;

/** What a role means, in one line: the member screens show it beside each choice. */
export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  viewer: 'Reads tables and files, runs read-only SQL',
  writer: 'Also changes tables and files',
  admin: 'Also manages the organization, members and workspaces',
};

/**
 * A role as an input names it: ours, or `member` for writer. Case-sensitive, as the API's other
 * enums are; readers of answers from other servers are more lenient (the SPA's readRole).
 */
export function parseRole(value: unknown): Role | undefined {
  if (value === 'member') return 'writer';
  return (ROLES as readonly unknown[]).includes(value) ? (value as Role) : undefined;
}

/** `READ`, `WRITE` or `ADMIN` as the role it stands for. */
export function parseAccessMode(value: unknown): Role | undefined {
  return typeof value === 'string' && Object.hasOwn(ACCESS_MODES, value)
    ? ACCESS_MODES[value as AccessMode]
    : undefined;
}

const ROLE_WORDS = '"viewer", "writer" or "admin" ("member" means writer)';
const ACCESS_MODE_WORDS = '"READ", "WRITE" or "ADMIN"';

/** A role as answers state it. */
export const roleSchema = z.enum(ROLES);

/** A role as inputs give it: `member` is read as writer. */
export const roleInputSchema = z.unknown().transform((value, context): Role => {
  const role = parseRole(value);
  if (role) return role;
  context.addIssue({
    code: 'custom',
    message: value === undefined ? 'is required' : `must be ${ROLE_WORDS}`,
  });
  return z.NEVER;
});

/** The CLI's access mode, as the role it stands for. */
export const accessModeSchema = z.unknown().transform((value, context): Role => {
  const role = parseAccessMode(value);
  if (role) return role;
  context.addIssue({
    code: 'custom',
    message: value === undefined ? 'is required' : `must be ${ACCESS_MODE_WORDS}`,
  });
  return z.NEVER;
});

/** Messages name no field: the server prefixes the field, the SPA shows them under it. */
export const requiredString = z.string({
  error: (issue) => (issue.input === undefined ? 'is required' : 'must be a string'),
});

const displayName = requiredString
  .trim()
  .min(1, 'is required')
  .max(200, 'must be at most 200 characters');

/**
 * An organization, in the hosted service's shape. `creator` is the id of the user who created
 * it; null when no longer known.
 */
export const organizationSchema = z.object({
  id: z.string(),
  name: z.string(),
  creator: z.string().nullable(),
  created_at: z.string(),
});
export type Organization = z.infer<typeof organizationSchema>;

/**
 * An organization as its member sees it in the list. `role`, the caller's role in it, is an
 * extra of the bundled server: the hosted service leaves it out.
 */
export const myOrganizationSchema = organizationSchema.extend({ role: roleSchema });
export type MyOrganization = z.infer<typeof myOrganizationSchema>;

/**
 * `GET /organizations` answers a bare array, as the hosted service does: its clients read
 * `[0].id` and take anything but an array for no organizations.
 */
export const organizationListSchema = z.array(myOrganizationSchema);
export type OrganizationList = z.infer<typeof organizationListSchema>;
export const organizationResponseSchema = z.object({ organization: organizationSchema });
export type OrganizationResponse = z.infer<typeof organizationResponseSchema>;

export const createOrganizationSchema = z.object({
  id: organizationIdSchema,
  name: displayName,
});
export type CreateOrganization = z.infer<typeof createOrganizationSchema>;
export const updateOrganizationSchema = z.object({ name: displayName });
export type UpdateOrganization = z.infer<typeof updateOrganizationSchema>;

export const memberSchema = z.object({
  user_id: z.string(),
  email: z.string(),
  name: z.string(),
  role: roleSchema,
  joined_at: z.string(),
});
export type Member = z.infer<typeof memberSchema>;
export const memberListSchema = z.object({ members: z.array(memberSchema) });
export type MemberList = z.infer<typeof memberListSchema>;
/**
 * `invite_link` is an extra of the bundled server: a one-time sign-in link for a person
 * who had no account, since it sends no mail. The hosted service leaves it out.
 */
export const memberResponseSchema = z.object({
  member: memberSchema,
  invite_link: z.string().optional(),
});
export type MemberResponse = z.infer<typeof memberResponseSchema>;

const inviteEmail = requiredString
  .trim()
  .toLowerCase()
  .pipe(z.email({ error: 'must be a valid email address' }));

export const inviteMemberSchema = z.object({ email: inviteEmail, role: roleInputSchema });
export type InviteMember = z.output<typeof inviteMemberSchema>;
/**
 * The hosted CLI's invite, `POST /organizations/{id}/members/invite`: the email as `username`,
 * the role as an access mode. Read into the documented invite's shape.
 */
export const cliInviteMemberSchema = z
  .object({ username: inviteEmail, access_mode: accessModeSchema })
  .transform(({ username, access_mode }): InviteMember => ({ email: username, role: access_mode }));
export const updateMemberSchema = z.object({ role: roleInputSchema });
export type UpdateMember = z.output<typeof updateMemberSchema>;

export { displayName as displayNameSchema };
