import { queryOptions } from '@tanstack/react-query';
import type { TableList } from '../../../../contract/tables';
import { api } from '../../../lib/api-client';
import { tableKeys } from './keys';
import { tablesPath } from './paths';

export const tableListQueryOptions = (orgId: string, workspaceId: string) =>
  queryOptions({
    queryKey: tableKeys.list(orgId, workspaceId),
    queryFn: async ({ signal }) =>
      (await api.get<TableList>(tablesPath(workspaceId), { orgId, signal })).tables,
  });
