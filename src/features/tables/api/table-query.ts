import { queryOptions } from '@tanstack/react-query';
import type { TableDetails } from '../../../../contract/tables';
import { api } from '../../../lib/api-client';
import { tableKeys } from './keys';
import { tablePath } from './paths';

/** Columns (name, type, nullable, default), row count and size of one table. */
export const tableDetailsQueryOptions = (orgId: string, workspaceId: string, table: string) =>
  queryOptions({
    queryKey: tableKeys.detail(orgId, workspaceId, table),
    queryFn: ({ signal }) =>
      api.get<TableDetails>(tablePath(workspaceId, table), { orgId, signal }),
  });
