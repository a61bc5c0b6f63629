/** What other areas use of Members: roles as servers name them, and the members list. */
export { readRole, type MemberRole, type MemberView } from './api/answers';
export { memberListQueryOptions } from './api/members-query';
export { memberPermissions, viewerNote } from './member-permissions';
