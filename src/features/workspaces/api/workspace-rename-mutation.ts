import { useMutation, useQueryClient } from '@tanstack/react-query';
import { toast } from 'sonner';
import { api, segment } from '../../../lib/api-client';
import { readWorkspaceAnswer } from './answers';
import { workspaceKeys } from './keys';

export function useRenameWorkspace(orgId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ workspaceId, name }: { workspaceId: string; name: string }) =>
      readWorkspaceAnswer(
        await api.patch<unknown>(`/workspaces/${segment(workspaceId)}`, { name }, { orgId }),
      ),
    onSuccess: async (workspace) => {
      queryClient.setQueryData(workspaceKeys.detail(orgId, workspace.id), workspace);
      toast.success(`Workspace renamed to ${workspace.name}`);
      await queryClient.invalidateQueries({ queryKey: workspaceKeys.list(orgId) });
    },
  });
}
