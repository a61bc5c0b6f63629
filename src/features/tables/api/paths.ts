import { segment } from '../../../lib/api-client';

/** API paths of the tables endpoints (18–23), relative to the API base URL. */
export const tablesPath = (workspaceId: string) => `/workspaces/${segment(workspaceId)}/tables`;

export const tablePath = (workspaceId: string, table: string) =>
  `${tablesPath(workspaceId)}/${segment(table)}`;

export const queryPath = (workspaceId: string) => `${tablesPath(workspaceId)}/query`;

export const batchPath = (workspaceId: string) => `${queryPath(workspaceId)}/batch`;
