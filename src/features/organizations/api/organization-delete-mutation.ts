import { useMutation, useQueryClient } from '@tanstack/react-query';
import { toast } from 'sonner';
import { api, segment } from '../../../lib/api-client';
import { getSelectedOrgId, setSelectedOrgId } from '../../../lib/sign-in-state';
import { authKeys } from '../../auth/api/keys';
import { memberKeys } from '../../members/api/keys';
import { workspaceKeys } from '../../workspaces/api/keys';
import { organizationKeys } from './keys';

/** Deletes an organization; the server removes its workspaces, tables and files with it. */
export function useDeleteOrganization() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (orgId: string) => api.delete(`/organizations/${segment(orgId)}`, { orgId }),
    onSuccess: async (_nothing, orgId) => {
      if (getSelectedOrgId() === orgId) setSelectedOrgId(null);
      queryClient.removeQueries({ queryKey: organizationKeys.detail(orgId) });
      queryClient.removeQueries({ queryKey: memberKeys.org(orgId) });
      queryClient.removeQueries({ queryKey: workspaceKeys.org(orgId) });
      toast.success(`Organization ${orgId} deleted`);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: organizationKeys.list() }),
        queryClient.invalidateQueries({ queryKey: authKeys.me() }),
      ]);
    },
  });
}
