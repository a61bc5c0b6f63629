import { queryOptions } from '@tanstack/react-query';
import { buildSimilarQuery } from '../lib/similar';
import { tableKeys } from './keys';
import { runQuery } from '../../sql';

export interface SimilarRowsInput {
  orgId: string;
  workspaceId: string;
  table: string;
  column: string;
  columnNames: readonly string[];
  vector: readonly number[];
}

/** The rows nearest to a vector by cosine similarity (`<#>`), with the SQL that found them. */
export const similarRowsQueryOptions = (input: SimilarRowsInput) =>
  queryOptions({
    queryKey: tableKeys.similar(
      input.orgId,
      input.workspaceId,
      input.table,
      input.column,
      input.vector,
    ),
    queryFn: async ({ signal }) => {
      const query = buildSimilarQuery({ schema: input.workspaceId, ...input });
      const result = await runQuery(
        input.orgId,
        input.workspaceId,
        query.sql,
        query.params,
        signal,
      );
      return { result, query };
    },
    staleTime: 0,
  });
