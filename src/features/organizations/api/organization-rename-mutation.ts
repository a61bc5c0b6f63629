import { useMutation, useQueryClient } from '@tanstack/react-query';
import { toast } from 'sonner';
import { organizationResponseSchema } from '../../../../contract/organizations';
import { api, segment } from '../../../lib/api-client';
import { organizationKeys } from './keys';

export function useRenameOrganization() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ orgId, name }: { orgId: string; name: string }) =>
      (
        await api.patch(
          `/organizations/${segment(orgId)}`,
          { name },
          { schema: organizationResponseSchema },
        )
      ).organization,
    onSuccess: async (organization) => {
      queryClient.setQueryData(organizationKeys.detail(organization.id), organization);
      toast.success(`Organization renamed to ${organization.name}`);
      await queryClient.invalidateQueries({ queryKey: organizationKeys.list() });
    },
  });
}
