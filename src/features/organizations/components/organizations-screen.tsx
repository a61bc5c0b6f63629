import { Building2, Copy, Pencil, Plus, Trash2, Users } from 'lucide-react';
import { lazy, useState } from 'react';
import { Link } from 'react-router';
import { copyText } from '../../../components/data-grid';
import { Badge } from '../../../components/ui/badge';
import { DateText } from '../../../components/ui/date-text';
import { LazyMount } from '../../../components/ui/lazy-mount';
import { Button } from '../../../components/ui/button';
import { IconButton } from '../../../components/ui/icon-button';
import { buttonClasses } from '../../../components/ui/button-styles';
import { EmptyState } from '../../../components/ui/empty-state';
import { PageHeader } from '../../../components/ui/page-header';
import { QueryView } from '../../../components/ui/query-view';
import { Table, Td, Th, Tr } from '../../../components/ui/table';
import { useDocumentTitle } from '../../../lib/use-document-title';
import type { OrganizationView } from '../api/answers';
import { useOrganizationRole } from '../use-organization-role';
import { useSelectedOrganization } from '../use-selected-organization';

const CreateOrganizationDialog = lazy(() =>
  import('./create-organization-dialog').then((m) => ({ default: m.CreateOrganizationDialog })),
);
const RenameOrganizationDialog = lazy(() =>
  import('./rename-organization-dialog').then((m) => ({ default: m.RenameOrganizationDialog })),
);
const DeleteOrganizationDialog = lazy(() =>
  import('./delete-organization-dialog').then((m) => ({ default: m.DeleteOrganizationDialog })),
);

export function OrganizationsScreen() {
  useDocumentTitle('Organizations');
  const { selected, organizations } = useSelectedOrganization();
  const [creating, setCreating] = useState(false);
  const [renaming, setRenaming] = useState<OrganizationView | null>(null);
  const [deleting, setDeleting] = useState<OrganizationView | null>(null);

  return (
    <>
      <PageHeader
        title="Organizations"
        description="Organizations group people and workspaces. Whoever creates one is its admin."
        actions={
          <Button variant="primary" onClick={() => setCreating(true)}>
            <Plus aria-hidden className="size-4" />
            New organization
          </Button>
        }
      />

      <QueryView
        query={organizations}
        pending="Loading organizations"
        failed="Could not load organizations"
      >
        {(list) =>
          list.length === 0 ? (
            <EmptyState icon={Building2} title="You are not in any organization yet">
              Create one with <strong>New organization</strong>, or ask an admin of an existing
              organization to invite you.
            </EmptyState>
          ) : (
            <Table caption="Your organizations">
              <thead>
                <tr>
                  <Th>ID</Th>
                  <Th>Name</Th>
                  <Th>Your role</Th>
                  <Th>Created</Th>
                  <Th>
                    <span className="sr-only">Actions</span>
                  </Th>
                </tr>
              </thead>
              <tbody>
                {list.map((organization) => (
                  <OrganizationRow
                    key={organization.id}
                    organization={organization}
                    selected={selected?.id === organization.id}
                    onRename={setRenaming}
                    onDelete={setDeleting}
                  />
                ))}
              </tbody>
            </Table>
          )
        }
      </QueryView>

      <LazyMount when={creating}>
        <CreateOrganizationDialog open={creating} onOpenChange={setCreating} />
      </LazyMount>
      <LazyMount when={renaming !== null}>
        <RenameOrganizationDialog organization={renaming} onClose={() => setRenaming(null)} />
      </LazyMount>
      <LazyMount when={deleting !== null}>
        <DeleteOrganizationDialog organization={deleting} onClose={() => setDeleting(null)} />
      </LazyMount>
    </>
  );
}

function OrganizationRow({
  organization,
  selected,
  onRename,
  onDelete,
}: {
  organization: OrganizationView;
  selected: boolean;
  onRename: (organization: OrganizationView) => void;
  onDelete: (organization: OrganizationView) => void;
}) {
  // The hosted list says no role: it is then learned from the members list.
  const role = useOrganizationRole(organization);
  return (
    <Tr>
      <Td className="font-mono text-xs">
        <span className="inline-flex items-center gap-1">
          <span className="break-all">{organization.id}</span>
          <IconButton
            label={`Copy the id of ${organization.name}`}
            title="Copy id"
            icon={Copy}
            onClick={() => void copyText(organization.id, 'Organization id')}
          />
        </span>
      </Td>
      <Td>
        <span className="font-medium text-fg">{organization.name}</span>
        {selected && (
          <Badge tone="accent" className="ml-2">
            Selected
          </Badge>
        )}
      </Td>
      <Td>
        {role ? (
          <Badge tone={role === 'admin' ? 'success' : 'neutral'}>{role}</Badge>
        ) : (
          <span className="text-muted">…</span>
        )}
      </Td>
      <Td className="text-muted">
        <DateText value={organization.created_at} />
      </Td>
      <Td>
        <div className="flex justify-end gap-1">
          <Link
            to={`/organizations/${encodeURIComponent(organization.id)}/members`}
            aria-label={`Members of ${organization.id}`}
            className={buttonClasses('ghost', 'sm')}
          >
            <Users aria-hidden className="size-4" />
            Members
          </Link>
          {role === 'admin' && (
            <>
              <IconButton
                label={`Rename ${organization.id}`}
                title="Rename"
                icon={Pencil}
                onClick={() => onRename(organization)}
              />
              <IconButton
                label={`Delete ${organization.id}`}
                title="Delete"
                icon={Trash2}
                danger
                onClick={() => onDelete(organization)}
              />
            </>
          )}
        </div>
      </Td>
    </Tr>
  );
}
