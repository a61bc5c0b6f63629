import type { SelectOption } from '../../../components/ui/select';

export const ROLE_OPTIONS: readonly SelectOption[] = [
  { value: 'admin', label: 'Admin' },
  { value: 'member', label: 'Member' },
];
