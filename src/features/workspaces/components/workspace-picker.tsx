import { useQuery } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { Select } from '../../../components/ui/select';
import { workspaceListQueryOptions } from '../api/workspaces-query';
import { workspacePath, type WorkspaceArea } from '../screen-paths';
import { useCurrentWorkspace } from '../use-current-workspace';

/** Switches to the same area (Tables, SQL, Files) of another workspace of the organization. */
export function WorkspacePicker({ area }: { area: WorkspaceArea }) {
  const { orgId, workspace } = useCurrentWorkspace();
  const navigate = useNavigate();
  const workspaces = useQuery(workspaceListQueryOptions(orgId));
  const options = (workspaces.data ?? [workspace]).map((option) => ({
    value: option.id,
    label: option.name,
    detail: option.id,
  }));

  return (
    <Select
      aria-label="Workspace"
      size="sm"
      className="min-w-48"
      value={workspace.id}
      options={options}
      onValueChange={(workspaceId) => {
        if (workspaceId !== workspace.id) void navigate(workspacePath(workspaceId, area));
      }}
    />
  );
}
