import { useMutation, useQueryClient } from '@tanstack/react-query';
import { toast } from 'sonner';
import type { OrganizationResponse } from '../../../../contract/organizations';
import { api, segment } from '../../../lib/api-client';
import { organizationKeys } from './keys';

export function useRenameOrganization() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ orgId, name }: { orgId: string; name: string }) =>
      (await api.patch<OrganizationResponse>(`/organizations/${segment(orgId)}`, { name }))
        .organization,
    onSuccess: async (organization) => {
      queryClient.setQueryData(organizationKeys.detail(organization.id), organization);
      toast.success(`Organization renamed to ${organization.name}`);
      await queryClient.invalidateQueries({ queryKey: organizationKeys.list() });
    },
  });
}
