import { useState } from 'react';
import { useSelectedOrganization } from './use-selected-organization';

/**
 * Picking one of the caller's organizations for something made now (a token, a device's
 * sign-in): the options for a Select, and the chosen id — the organization the console works in
 * until another is picked.
 */
export function useOrganizationChoice() {
  const { selected, organizations } = useSelectedOrganization();
  const [picked, setPicked] = useState<string | null>(null);
  const options = (organizations.data ?? []).map((org) => ({
    value: org.id,
    label: org.name,
    detail: org.id,
  }));
  const chosen =
    (picked !== null && options.some((option) => option.value === picked) ? picked : null) ??
    selected?.id ??
    null;
  return { options, chosen, choose: setPicked, pending: organizations.isPending };
}
