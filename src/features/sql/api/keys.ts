/**
 * The SQL screen's schema queries (table names and columns for completion). They read the same
 * endpoints as the table browser's, under their own keys for now.
 */
export const sqlSchemaKeys = {
  all: ['sql-schema'] as const,
  workspace: (orgId: string, workspaceId: string) =>
    [...sqlSchemaKeys.all, orgId, workspaceId] as const,
  tables: (orgId: string, workspaceId: string) =>
    [...sqlSchemaKeys.workspace(orgId, workspaceId), 'tables'] as const,
  table: (orgId: string, workspaceId: string, table: string) =>
    [...sqlSchemaKeys.workspace(orgId, workspaceId), 'table', table] as const,
};
