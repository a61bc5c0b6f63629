import {
  instant,
  isRecord,
  listIn,
  objectIn,
  requiredText,
  text,
  unexpectedAnswer,
} from '../../../lib/answers';
import { readRole, type MemberRole } from '../../members';

/**
 * An organization as the console shows it, from either server: the hosted list is a bare array
 * without the caller's role (the bundled server adds it), so `role` may be unknown here — the
 * console then learns it from the members list (useOrganizationRole).
 */
export interface OrganizationView {
  id: string;
  name: string;
  created_at?: string;
  /** The caller's role in it, when the list says. */
  role?: MemberRole;
}

const ORGANIZATION = 'an organization';

export function readOrganization(value: unknown): OrganizationView {
  if (!isRecord(value)) throw unexpectedAnswer(ORGANIZATION, value);
  const id = requiredText(value, 'id', ORGANIZATION);
  const created = instant(value.created_at);
  const role = readRole(value.role);
  return {
    id,
    name: text(value.name) || id,
    ...(created ? { created_at: created } : {}),
    ...(role ? { role } : {}),
  };
}

/** `GET /organizations`: a bare array (hosted), `{organizations}` (older bundled) or `{data}`. */
export const readOrganizationList = (body: unknown): OrganizationView[] =>
  listIn(body, ['organizations', 'data'], 'a list of organizations').map(readOrganization);

/** `GET|POST|PATCH /organizations…`: `{organization: {…}}`, or the organization itself. */
export const readOrganizationAnswer = (body: unknown): OrganizationView =>
  readOrganization(objectIn(body, 'organization', ORGANIZATION));
