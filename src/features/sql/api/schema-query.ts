import { queryOptions } from '@tanstack/react-query';
import type { TableDetails, TableList } from '../../../../contract/tables';
import { api, segment } from '../../../lib/api-client';
import { sqlSchemaKeys } from './keys';

/** Completion can wait a moment for fresh names, but must not refetch on every keystroke. */
const SCHEMA_STALE_MS = 30_000;

export const sqlTablesQueryOptions = (orgId: string, workspaceId: string) =>
  queryOptions({
    queryKey: sqlSchemaKeys.tables(orgId, workspaceId),
    queryFn: async ({ signal }) =>
      (await api.get<TableList>(`/workspaces/${segment(workspaceId)}/tables`, { orgId, signal }))
        .tables,
    staleTime: SCHEMA_STALE_MS,
  });

export const sqlTableQueryOptions = (orgId: string, workspaceId: string, table: string) =>
  queryOptions({
    queryKey: sqlSchemaKeys.table(orgId, workspaceId, table),
    queryFn: ({ signal }) =>
      api.get<TableDetails>(`/workspaces/${segment(workspaceId)}/tables/${segment(table)}`, {
        orgId,
        signal,
      }),
    staleTime: SCHEMA_STALE_MS,
  });
