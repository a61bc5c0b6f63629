import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { TableDetails } from '../../../../contract/tables';
import { api } from '../../../lib/api-client';
import { tableKeys } from './keys';
import { tablesPath } from './paths';

export interface CreateTableFromFile {
  file: File;
  tableName: string;
  signal?: AbortSignal;
  onProgress?: (loaded: number, total: number | null) => void;
}

/** Creates a table from a CSV or JSON file (endpoint 20), reporting upload progress. */
export function useCreateTableFromFile(orgId: string, workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ file, tableName, signal, onProgress }: CreateTableFromFile) => {
      const form = new FormData();
      form.append('table_name', tableName);
      form.append('filename', file.name);
      form.append('file', file, file.name);
      return api.upload<TableDetails>(tablesPath(workspaceId), form, {
        orgId,
        signal,
        onProgress,
      });
    },
    onSuccess: async (table) => {
      queryClient.setQueryData(tableKeys.detail(orgId, workspaceId, table.table_name), table);
      await queryClient.invalidateQueries({ queryKey: tableKeys.list(orgId, workspaceId) });
    },
  });
}
