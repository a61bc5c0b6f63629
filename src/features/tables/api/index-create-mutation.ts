import { useMutation, useQueryClient } from '@tanstack/react-query';
import { runQuery } from '../../sql';
import { tableKeys } from './keys';

/** Runs a CREATE INDEX through the query endpoint, then reloads the table's details. */
export function useCreateIndex(orgId: string, workspaceId: string, table: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (sql: string) => runQuery(orgId, workspaceId, sql, []),
    onSuccess: () =>
      queryClient.invalidateQueries({ queryKey: tableKeys.detail(orgId, workspaceId, table) }),
  });
}
