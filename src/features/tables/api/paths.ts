import { segment } from '../../../lib/api-client';

/**
 * API paths of the tables endpoints, relative to the API base URL. The query endpoints under
 * them are SQL's (features/sql/api/paths.ts).
 */
export const tablesPath = (workspaceId: string) => `/workspaces/${segment(workspaceId)}/tables`;

export const tablePath = (workspaceId: string, table: string) =>
  `${tablesPath(workspaceId)}/${segment(table)}`;
