import { z } from 'zod';
import { identifierSchema } from './identifier';
import { displayNameSchema } from './organizations';

export const workspaceSchema = z.object({
  id: z.string(),
  org_id: z.string(),
  name: z.string(),
  type: z.string(),
  created_at: z.string(),
});
export type Workspace = z.infer<typeof workspaceSchema>;
/** `GET /workspaces` answers `{data: [...]}`, as the hosted service does. */
export const workspaceListSchema = z.object({ data: z.array(workspaceSchema) });
export type WorkspaceList = z.infer<typeof workspaceListSchema>;
export const workspaceResponseSchema = z.object({ workspace: workspaceSchema });
export type WorkspaceResponse = z.infer<typeof workspaceResponseSchema>;

export const createWorkspaceSchema = z.object({ id: identifierSchema, name: displayNameSchema });
export type CreateWorkspace = z.infer<typeof createWorkspaceSchema>;
export const updateWorkspaceSchema = z.object({ name: displayNameSchema });
export type UpdateWorkspace = z.infer<typeof updateWorkspaceSchema>;
