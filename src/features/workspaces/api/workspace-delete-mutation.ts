import { useMutation, useQueryClient } from '@tanstack/react-query';
import { toast } from 'sonner';
import { api, segment } from '../../../lib/api-client';
import { workspaceKeys } from './keys';

/** Deletes a workspace; the server drops its tables and files with it. */
export function useDeleteWorkspace(orgId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (workspaceId: string) =>
      api.delete(`/workspaces/${segment(workspaceId)}`, { orgId }),
    onSuccess: async (_nothing, workspaceId) => {
      queryClient.removeQueries({ queryKey: workspaceKeys.detail(orgId, workspaceId) });
      toast.success(`Workspace ${workspaceId} deleted`);
      await queryClient.invalidateQueries({ queryKey: workspaceKeys.list(orgId) });
    },
  });
}
