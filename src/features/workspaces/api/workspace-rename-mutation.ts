import { useMutation, useQueryClient } from '@tanstack/react-query';
import { toast } from 'sonner';
import type { WorkspaceResponse } from '../../../../contract/workspaces';
import { api, segment } from '../../../lib/api-client';
import { workspaceKeys } from './keys';

export function useRenameWorkspace(orgId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ workspaceId, name }: { workspaceId: string; name: string }) =>
      (
        await api.patch<WorkspaceResponse>(
          `/workspaces/${segment(workspaceId)}`,
          { name },
          { orgId },
        )
      ).workspace,
    onSuccess: async (workspace) => {
      queryClient.setQueryData(workspaceKeys.detail(orgId, workspace.id), workspace);
      toast.success(`Workspace renamed to ${workspace.name}`);
      await queryClient.invalidateQueries({ queryKey: workspaceKeys.list(orgId) });
    },
  });
}
