import { useMutation, useQueryClient } from '@tanstack/react-query';
import { toast } from 'sonner';
import { api } from '../../../lib/api-client';
import { tableKeys } from './keys';
import { tablePath } from './paths';

export function useDropTable(orgId: string, workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (table: string) => api.delete(tablePath(workspaceId, table), { orgId }),
    onSuccess: async (_nothing, table) => {
      queryClient.removeQueries({ queryKey: tableKeys.table(orgId, workspaceId, table) });
      toast.success(`Table ${table} dropped`);
      await queryClient.invalidateQueries({ queryKey: tableKeys.list(orgId, workspaceId) });
    },
  });
}
