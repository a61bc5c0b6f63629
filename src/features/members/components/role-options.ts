import { ROLE_DESCRIPTIONS, ROLES, type Role } from '../../../../contract/organizations';
import type { SelectOption } from '../../../components/ui/select';

export const ROLE_LABELS: Record<Role, string> = {
  viewer: 'Viewer',
  writer: 'Writer',
  admin: 'Admin',
};

/** The three roles, least first, each with what it may do in one line. */
export const ROLE_OPTIONS: readonly SelectOption[] = ROLES.map((role) => ({
  value: role,
  label: ROLE_LABELS[role],
  description: ROLE_DESCRIPTIONS[role],
}));
