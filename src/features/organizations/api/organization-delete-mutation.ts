import { useMutation, useQueryClient } from '@tanstack/react-query';
import { toast } from 'sonner';
import { api, segment } from '../../../lib/api-client';
import { accountScope, organizationScope } from '../../../lib/query-scope';
import { getSelectedOrgId, setSelectedOrgId } from '../../../lib/sign-in-state';

/** Deletes an organization; the server removes its workspaces, tables and files with it. */
export function useDeleteOrganization() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (orgId: string) => api.delete(`/organizations/${segment(orgId)}`, { orgId }),
    onSuccess: async (_nothing, orgId) => {
      if (getSelectedOrgId() === orgId) setSelectedOrgId(null);
      // Its record, members, workspaces, tables and files, whichever feature cached them.
      queryClient.removeQueries({ queryKey: organizationScope(orgId) });
      toast.success(`Organization ${orgId} deleted`);
      // Your organizations (and /me's list of them) no longer include it.
      await queryClient.invalidateQueries({ queryKey: accountScope });
    },
  });
}
