import { useDocumentTitle } from '../../../lib/use-document-title';
import { useCurrentWorkspace } from '../../workspaces/use-current-workspace';
import { SqlPlayground } from './sql-playground';

export function SqlScreen() {
  useDocumentTitle('SQL');
  const { orgId, workspaceId, workspace } = useCurrentWorkspace();
  // Keyed by workspace: tabs, runs and dialogs never carry over to another one.
  return (
    <SqlPlayground
      key={`${orgId}/${workspaceId}`}
      orgId={orgId}
      workspaceId={workspaceId}
      workspaceName={workspace.name}
    />
  );
}
