import { useQuery } from '@tanstack/react-query';
import { Boxes, Building2 } from 'lucide-react';
import { useEffect, useMemo, type ReactNode } from 'react';
import { Link, Navigate, Outlet, useLocation, useMatch, useParams } from 'react-router';
import { buttonClasses } from '../../../components/ui/button-styles';
import { EmptyState } from '../../../components/ui/empty-state';
import { PageHeader } from '../../../components/ui/page-header';
import { queryFallback } from '../../../components/ui/query-fallback';
import { isApiError } from '../../../lib/api-client';
import { getLastWorkspaceId, setLastWorkspaceId } from '../../../lib/sign-in-state';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { useSelectedOrganization } from '../../organizations';
import { workspaceQueryOptions } from '../api/workspace-query';
import { workspaceListQueryOptions } from '../api/workspaces-query';
import { WORKSPACE_AREAS, workspacePath, type WorkspaceArea } from '../screen-paths';
import { CurrentWorkspaceContext } from '../use-current-workspace';

const goToWorkspaces = (
  <Link to="/workspaces" className={buttonClasses('primary')}>
    Go to workspaces
  </Link>
);

/** What an area shows while it cannot show the workspace itself: loading, errors, nothing there. */
function AreaFallback({ area, children }: { area: WorkspaceArea; children: ReactNode }) {
  useDocumentTitle(WORKSPACE_AREAS[area]);
  return (
    <>
      <PageHeader title={WORKSPACE_AREAS[area]} />
      {children}
    </>
  );
}

/** The selected organization, or what to show instead while there is none. */
function useOrganizationGate(area: WorkspaceArea) {
  const { selected, organizations } = useSelectedOrganization();
  const fallback = queryFallback(organizations, {
    pending: 'Loading your organizations',
    failed: 'Could not load your organizations',
  });
  if (fallback) return { fallback: <AreaFallback area={area}>{fallback}</AreaFallback> };
  if (!selected) {
    return {
      fallback: (
        <AreaFallback area={area}>
          <EmptyState
            icon={Building2}
            title="No organization yet"
            action={
              <Link to="/organizations" className={buttonClasses('primary')}>
                Go to organizations
              </Link>
            }
          >
            {WORKSPACE_AREAS[area]} live in a workspace of an organization. Create an organization
            first, or ask an admin to invite you to one.
          </EmptyState>
        </AreaFallback>
      ),
    };
  }
  return { orgId: selected.id, orgName: selected.name, organization: selected };
}

/**
 * `/tables`, `/sql`, `/files`: opens the area in the workspace used last in the selected
 * organization, else its first workspace, else says how to make one.
 */
export function WorkspaceAreaEntry({ area }: { area: WorkspaceArea }) {
  const { search } = useLocation();
  const gate = useOrganizationGate(area);
  const workspaces = useQuery({
    ...workspaceListQueryOptions(gate.orgId ?? ''),
    enabled: gate.orgId !== undefined,
  });
  if (gate.orgId === undefined) return gate.fallback;
  const listFallback = queryFallback(workspaces, {
    pending: 'Loading workspaces',
    failed: 'Could not load workspaces',
  });
  if (listFallback || !workspaces.data)
    return <AreaFallback area={area}>{listFallback}</AreaFallback>;
  const lastId = getLastWorkspaceId(gate.orgId);
  const target = workspaces.data.find((w) => w.id === lastId) ?? workspaces.data[0];
  if (!target) {
    return (
      <AreaFallback area={area}>
        <EmptyState icon={Boxes} title="No workspace yet" action={goToWorkspaces}>
          {WORKSPACE_AREAS[area]} live in a workspace. Create one in {gate.orgName}, then come back
          here.
        </EmptyState>
      </AreaFallback>
    );
  }
  // The query goes along: a link such as `/sql?query=…` opens the editor with it.
  return <Navigate to={{ pathname: workspacePath(target.id, area), search }} replace />;
}

/**
 * `/workspaces/:workspaceId/<area>/…`: checks the workspace exists in the selected organization,
 * remembers it as the last one used, and gives it to the screens below.
 */
export function WorkspaceAreaLayout() {
  const { workspaceId = '' } = useParams();
  const areaMatch = useMatch('/workspaces/:workspaceId/:area/*');
  const areaParam = areaMatch?.params.area ?? 'tables';
  const area: WorkspaceArea =
    areaParam in WORKSPACE_AREAS ? (areaParam as WorkspaceArea) : 'tables';
  const gate = useOrganizationGate(area);
  const orgId = gate.orgId;
  const organization = gate.organization;
  const workspace = useQuery({
    ...workspaceQueryOptions(orgId ?? '', workspaceId),
    enabled: orgId !== undefined,
  });
  const loaded = workspace.data;

  useEffect(() => {
    if (orgId !== undefined && loaded) setLastWorkspaceId(orgId, loaded.id);
  }, [orgId, loaded]);

  const current = useMemo(
    () =>
      orgId !== undefined && organization && loaded
        ? { orgId, organization, workspaceId: loaded.id, workspace: loaded }
        : null,
    [orgId, organization, loaded],
  );

  if (orgId === undefined) return gate.fallback;
  if (workspace.isError) {
    if (isApiError(workspace.error) && workspace.error.status === 404) {
      return (
        <AreaFallback area={area}>
          <EmptyState icon={Boxes} title="Workspace not found" action={goToWorkspaces}>
            There is no workspace <span className="font-mono">{workspaceId}</span> in {gate.orgName}
            . It may have been deleted, or it belongs to another organization: switch organization,
            or pick one of this organization&apos;s workspaces.
          </EmptyState>
        </AreaFallback>
      );
    }
  }
  const workspaceFallback = queryFallback(workspace, {
    pending: 'Loading the workspace',
    failed: 'Could not load the workspace',
  });
  if (workspaceFallback) return <AreaFallback area={area}>{workspaceFallback}</AreaFallback>;
  return (
    // Keyed so that no screen state carries over from one workspace to another.
    <CurrentWorkspaceContext.Provider key={`${orgId}/${workspaceId}`} value={current}>
      <Outlet />
    </CurrentWorkspaceContext.Provider>
  );
}
