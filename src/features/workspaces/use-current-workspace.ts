import { createContext, useContext } from 'react';
import type { OrganizationView } from '../organizations';
import type { WorkspaceView as Workspace } from './api/answers';

export interface CurrentWorkspace {
  /** The organization sent with every workspace request. */
  orgId: string;
  /** The selected organization: its name, and the caller's role in it (useWriteAccess). */
  organization: OrganizationView;
  workspaceId: string;
  workspace: Workspace;
}

export const CurrentWorkspaceContext = createContext<CurrentWorkspace | null>(null);

/**
 * The workspace of the route `/workspaces/:workspaceId/…`. Its layout has already checked that
 * the workspace exists in the selected organization, so screens below it can rely on it.
 */
export function useCurrentWorkspace(): CurrentWorkspace {
  const current = useContext(CurrentWorkspaceContext);
  if (!current) throw new Error('useCurrentWorkspace is only valid below a workspace route');
  return current;
}
