import { useMutation, useQueryClient } from '@tanstack/react-query';
import { toast } from 'sonner';
import type { CreateOrganization } from '../../../../contract/organizations';
import { api } from '../../../lib/api-client';
import { accountScope } from '../../../lib/query-scope';
import { setSelectedOrgId } from '../../../lib/sign-in-state';
import { readOrganizationAnswer } from './answers';
import { organizationKeys } from './keys';

/** Creates an organization (the caller becomes its admin) and switches to it. */
export function useCreateOrganization() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (values: CreateOrganization) =>
      readOrganizationAnswer(await api.post<unknown>('/organizations', values)),
    onSuccess: async (organization) => {
      queryClient.setQueryData(organizationKeys.detail(organization.id), organization);
      setSelectedOrgId(organization.id);
      toast.success(`Organization ${organization.name} created`, {
        description: `You are its admin, and it is now the selected organization.`,
      });
      // Your organizations (and /me's list of them) now include it.
      await queryClient.invalidateQueries({ queryKey: accountScope });
    },
  });
}
