import { z } from 'zod';
import { organizationIdSchema } from './identifier';

export const ROLES = ['admin', 'member'] as const;
export const roleSchema = z.enum(ROLES, {
  error: (issue) => (issue.input === undefined ? 'is required' : 'must be "admin" or "member"'),
});
export type Role = z.infer<typeof roleSchema>;

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

export const inviteMemberSchema = z.object({
  email: requiredString
    .trim()
    .toLowerCase()
    .pipe(z.email({ error: 'must be a valid email address' })),
  role: roleSchema,
});
export type InviteMember = z.infer<typeof inviteMemberSchema>;
export const updateMemberSchema = z.object({ role: roleSchema });
export type UpdateMember = z.infer<typeof updateMemberSchema>;

export { displayName as displayNameSchema };
