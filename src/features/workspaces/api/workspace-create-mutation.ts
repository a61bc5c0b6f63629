import { useMutation, useQueryClient } from '@tanstack/react-query';
import { toast } from 'sonner';
import type { CreateWorkspace } from '../../../../contract/workspaces';
import { api } from '../../../lib/api-client';
import { readWorkspaceAnswer } from './answers';
import { workspaceKeys } from './keys';

export function useCreateWorkspace(orgId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (values: CreateWorkspace) =>
      readWorkspaceAnswer(await api.post<unknown>('/workspaces', values, { orgId })),
    onSuccess: async (workspace) => {
      queryClient.setQueryData(workspaceKeys.detail(orgId, workspace.id), workspace);
      toast.success(`Workspace ${workspace.name} created`);
      await queryClient.invalidateQueries({ queryKey: workspaceKeys.list(orgId) });
    },
  });
}
