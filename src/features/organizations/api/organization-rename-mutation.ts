import { useMutation, useQueryClient } from '@tanstack/react-query';
import { toast } from 'sonner';
import { api, segment } from '../../../lib/api-client';
import { readOrganizationAnswer } from './answers';
import { organizationKeys } from './keys';

export function useRenameOrganization() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ orgId, name }: { orgId: string; name: string }) =>
      readOrganizationAnswer(
        await api.patch<unknown>(`/organizations/${segment(orgId)}`, { name }, { orgId }),
      ),
    onSuccess: async (organization) => {
      queryClient.setQueryData(organizationKeys.detail(organization.id), organization);
      toast.success(`Organization renamed to ${organization.name}`);
      await queryClient.invalidateQueries({ queryKey: organizationKeys.list() });
    },
  });
}
