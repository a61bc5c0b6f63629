import { segment } from '../../../lib/api-client';

/**
 * API paths of the query endpoints, relative to the API base URL. They sit under a workspace's
 * tables in the hosted API, but SQL is the one feature that sends them.
 */
export const queryPath = (workspaceId: string) =>
  `/workspaces/${segment(workspaceId)}/tables/query`;

export const batchPath = (workspaceId: string) => `${queryPath(workspaceId)}/batch`;
