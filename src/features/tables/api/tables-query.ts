import { queryOptions } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { readTableList } from './answers';
import { tableKeys } from './keys';
import { tablesPath } from './paths';

export const tableListQueryOptions = (orgId: string, workspaceId: string) =>
  queryOptions({
    queryKey: tableKeys.list(orgId, workspaceId),
    queryFn: async ({ signal }) =>
      readTableList(await api.get<unknown>(tablesPath(workspaceId), { orgId, signal })),
  });
