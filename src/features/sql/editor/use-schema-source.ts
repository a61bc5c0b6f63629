import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo } from 'react';
import { tableDetailsQueryOptions, tableListQueryOptions } from '../../tables';
import type { SchemaSource } from './completion-provider';

/**
 * Table and column names for completion, read through the table browser's queries (so both
 * share one cache), with the table list loaded before the first suggestion is wanted.
 */
export function useSchemaSource(orgId: string, workspaceId: string): SchemaSource {
  const queryClient = useQueryClient();
  useEffect(() => {
    void queryClient.prefetchQuery(tableListQueryOptions(orgId, workspaceId));
  }, [queryClient, orgId, workspaceId]);
  return useMemo<SchemaSource>(
    () => ({
      workspaceId,
      tables: async () =>
        (await queryClient.fetchQuery(tableListQueryOptions(orgId, workspaceId))).map(
          (table) => table.table_name,
        ),
      columns: async (table) =>
        (await queryClient.fetchQuery(tableDetailsQueryOptions(orgId, workspaceId, table))).columns,
    }),
    [queryClient, orgId, workspaceId],
  );
}
