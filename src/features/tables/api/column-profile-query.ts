import { queryOptions } from '@tanstack/react-query';
import { columnProfileSchema } from '../../../../contract/tables';
import { api, segment } from '../../../lib/api-client';
import { tableKeys } from './keys';
import { tablePath } from './paths';

/** `GET …/tables/{table}/columns/{column}/profile` (bundled server). */
export const columnProfileQueryOptions = (
  orgId: string,
  workspaceId: string,
  table: string,
  column: string,
) =>
  queryOptions({
    queryKey: [...tableKeys.table(orgId, workspaceId, table), 'profile', column] as const,
    queryFn: async ({ signal }) =>
      columnProfileSchema.parse(
        await api.get<unknown>(
          `${tablePath(workspaceId, table)}/columns/${segment(column)}/profile`,
          { orgId, signal },
        ),
      ),
    staleTime: 0,
  });
