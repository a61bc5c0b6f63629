import { useQuery } from '@tanstack/react-query';
import { Boxes, Building2, Info, Pencil, Plus, Trash2 } from 'lucide-react';
import { lazy, useState } from 'react';
import { Link } from 'react-router';
import { Button } from '../../../components/ui/button';
import { IconButton } from '../../../components/ui/icon-button';
import { buttonClasses } from '../../../components/ui/button-styles';
import { LazyMount } from '../../../components/ui/lazy-mount';
import { EmptyState } from '../../../components/ui/empty-state';
import { PageHeader } from '../../../components/ui/page-header';
import { queryFallback } from '../../../components/ui/query-fallback';
import { QueryView } from '../../../components/ui/query-view';
import { Table, Td, Th, Tr } from '../../../components/ui/table';
import { DateText } from '../../../components/ui/date-text';
import { useDocumentTitle } from '../../../lib/use-document-title';
import {
  useOrganizationRole,
  useSelectedOrganization,
  type OrganizationView,
} from '../../organizations';
import type { WorkspaceView as Workspace } from '../api/answers';
import { workspaceListQueryOptions } from '../api/workspaces-query';

const CreateWorkspaceDialog = lazy(() =>
  import('./create-workspace-dialog').then((m) => ({ default: m.CreateWorkspaceDialog })),
);
const RenameWorkspaceDialog = lazy(() =>
  import('./rename-workspace-dialog').then((m) => ({ default: m.RenameWorkspaceDialog })),
);
const WorkspaceDetailsDialog = lazy(() =>
  import('./workspace-details-dialog').then((m) => ({ default: m.WorkspaceDetailsDialog })),
);
const DeleteWorkspaceDialog = lazy(() =>
  import('./delete-workspace-dialog').then((m) => ({ default: m.DeleteWorkspaceDialog })),
);

export function WorkspacesScreen() {
  useDocumentTitle('Workspaces');
  const { selected, organizations } = useSelectedOrganization();

  const fallback = queryFallback(organizations, {
    pending: 'Loading workspaces',
    failed: 'Could not load your organizations',
  });
  if (fallback) {
    return (
      <>
        <PageHeader title="Workspaces" />
        {fallback}
      </>
    );
  }
  if (!selected) {
    return (
      <>
        <PageHeader title="Workspaces" />
        <EmptyState
          icon={Building2}
          title="No organization yet"
          action={
            <Link to="/organizations" className={buttonClasses('primary')}>
              Go to organizations
            </Link>
          }
        >
          Workspaces belong to an organization. Create an organization first, or ask an admin to
          invite you to one.
        </EmptyState>
      </>
    );
  }
  // Keyed by organization so that dialogs and their state never carry over to another one.
  return <OrganizationWorkspaces key={selected.id} organization={selected} />;
}

function OrganizationWorkspaces({ organization }: { organization: OrganizationView }) {
  const orgId = organization.id;
  const isAdmin = useOrganizationRole(organization) === 'admin';
  const workspaces = useQuery(workspaceListQueryOptions(orgId));
  const [creating, setCreating] = useState(false);
  const [renaming, setRenaming] = useState<Workspace | null>(null);
  const [deleting, setDeleting] = useState<Workspace | null>(null);
  const [showing, setShowing] = useState<Workspace | null>(null);

  return (
    <>
      <PageHeader
        title="Workspaces"
        description={
          <>
            Workspaces of <span className="font-medium text-fg">{organization.name}</span>{' '}
            <code className="font-mono text-xs">({orgId})</code>. Each one holds tables and files.
            {!isAdmin && ' Only admins create, rename and delete workspaces.'}
          </>
        }
        actions={
          isAdmin && (
            <Button variant="primary" onClick={() => setCreating(true)}>
              <Plus aria-hidden className="size-4" />
              New workspace
            </Button>
          )
        }
      />

      <QueryView query={workspaces} pending="Loading workspaces" failed="Could not load workspaces">
        {(list) =>
          list.length === 0 ? (
            <EmptyState icon={Boxes} title="No workspaces yet">
              {isAdmin ? (
                <>
                  Create one with <strong>New workspace</strong> to load tables and upload files.
                </>
              ) : (
                <>Ask an admin of {organization.name} to create a workspace.</>
              )}
            </EmptyState>
          ) : (
            <Table caption={`Workspaces of ${organization.name}`}>
              <thead>
                <tr>
                  <Th>ID</Th>
                  <Th>Name</Th>
                  <Th>Type</Th>
                  <Th>Created</Th>
                  <Th>
                    <span className="sr-only">Actions</span>
                  </Th>
                </tr>
              </thead>
              <tbody>
                {list.map((workspace) => (
                  <Tr key={workspace.id}>
                    <Td className="font-mono text-xs">{workspace.id}</Td>
                    <Td className="font-medium text-fg">{workspace.name}</Td>
                    <Td className="text-muted">{workspace.type ?? '—'}</Td>
                    <Td className="text-muted">
                      <DateText value={workspace.created_at} />
                    </Td>
                    <Td>
                      <div className="flex justify-end gap-1">
                        {/* Details are for everyone: viewers use the engine URL too. */}
                        <IconButton
                          label={`Details of ${workspace.id}`}
                          title="Details"
                          icon={Info}
                          onClick={() => setShowing(workspace)}
                        />
                        {isAdmin && (
                          <>
                            <IconButton
                              label={`Rename ${workspace.id}`}
                              title="Rename"
                              icon={Pencil}
                              onClick={() => setRenaming(workspace)}
                            />
                            <IconButton
                              label={`Delete ${workspace.id}`}
                              title="Delete"
                              icon={Trash2}
                              danger
                              onClick={() => setDeleting(workspace)}
                            />
                          </>
                        )}
                      </div>
                    </Td>
                  </Tr>
                ))}
              </tbody>
            </Table>
          )
        }
      </QueryView>

      <LazyMount when={showing !== null}>
        <WorkspaceDetailsDialog
          organization={organization}
          workspace={showing}
          onClose={() => setShowing(null)}
        />
      </LazyMount>
      {isAdmin && (
        <>
          <LazyMount when={creating}>
            <CreateWorkspaceDialog
              orgId={orgId}
              orgName={organization.name}
              open={creating}
              onOpenChange={setCreating}
            />
          </LazyMount>
          <LazyMount when={renaming !== null}>
            <RenameWorkspaceDialog
              orgId={orgId}
              workspace={renaming}
              onClose={() => setRenaming(null)}
            />
          </LazyMount>
          <LazyMount when={deleting !== null}>
            <DeleteWorkspaceDialog
              orgId={orgId}
              workspace={deleting}
              onClose={() => setDeleting(null)}
            />
          </LazyMount>
        </>
      )}
    </>
  );
}
