import { useMutation, useQueryClient } from '@tanstack/react-query';
import { toast } from 'sonner';
import type { WorkspaceResponse, CreateWorkspace } from '../../../../contract/workspaces';
import { api } from '../../../lib/api-client';
import { workspaceKeys } from './keys';

export function useCreateWorkspace(orgId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (values: CreateWorkspace) =>
      (await api.post<WorkspaceResponse>('/workspaces', values, { orgId })).workspace,
    onSuccess: async (workspace) => {
      queryClient.setQueryData(workspaceKeys.detail(orgId, workspace.id), workspace);
      toast.success(`Workspace ${workspace.name} created`);
      await queryClient.invalidateQueries({ queryKey: workspaceKeys.list(orgId) });
    },
  });
}
