import type { QueryClient } from '@tanstack/react-query';
import {
  Navigate,
  type LoaderFunction,
  type LoaderFunctionArgs,
  type RouteObject,
} from 'react-router';
import { loadDeviceScreen } from '../features/device/routes';
import { loadFilesScreen, prefetchGallery } from '../features/files/routes';
import { loadMembersScreen } from '../features/members/routes';
import { selectedOrganizationId } from '../features/organizations';
import { loadOrganizationsScreen } from '../features/organizations/routes';
import { loadSqlScreen } from '../features/sql/routes';
import { loadTableScreen, loadTablesScreen, prefetchTableList } from '../features/tables/routes';
import { loadTokensScreen } from '../features/tokens/routes';
import {
  loadWorkspacesScreen,
  prefetchWorkspaceArea,
  WorkspaceAreaEntry,
  WorkspaceAreaLayout,
} from '../features/workspaces/routes';
import { getToken } from '../lib/sign-in-state';
import { ListSkeleton } from '../components/ui/skeleton';
import { NotFoundScreen } from './not-found-screen';
import { RootLayout } from './root-layout';
import { RouteError } from './route-error';
import type { RouteHandle } from './route-handle';

/**
 * A loader that asks for a screen's first data in the selected organization while the screen's
 * code downloads, rather than once it has rendered. It returns at once: the navigation never
 * waits for these requests, and the screen's own queries pick up their answers (or errors).
 */
function prefetching(
  queryClient: QueryClient,
  start: (orgId: string, workspaceId: string, args: LoaderFunctionArgs) => Promise<unknown>,
): Pick<RouteObject, 'loader' | 'shouldRevalidate'> {
  const loader: LoaderFunction = (args) => {
    const { workspaceId } = args.params;
    if (getToken() && workspaceId) {
      void selectedOrganizationId(queryClient)
        .then((orgId) => (orgId === null ? undefined : start(orgId, workspaceId, args)))
        .catch(() => {});
    }
    return null;
  };
  return {
    loader,
    // Only when another workspace opens: a loader to run makes every navigation wait a tick,
    // and the screens keep their filters in the URL, changed on each keystroke.
    shouldRevalidate: ({ currentParams, nextParams }) =>
      currentParams.workspaceId !== nextParams.workspaceId,
  };
}

/**
 * Screens load on first visit, which keeps the first download small. The router loads a screen
 * before it renders it (`lazy`), in parallel with the checks of the routes above it, rather than a
 * lazy component suspending afterwards: React then holds a Suspense reveal for up to 300 ms after
 * its fallback showed (bench/table-browser). Meanwhile the loaders ask for the screen's data.
 * Each feature's routes.ts offers its screens as `load…Screen` functions, which keep the
 * dynamic `import()` (and so the screen's own chunk) inside the feature, and its prefetching.
 */
export const createRoutes = (queryClient: QueryClient): RouteObject[] => [
  {
    element: <RootLayout />,
    errorElement: <RouteError />,
    // Shown while the router loads a lazy route's screen on the first page load.
    hydrateFallbackElement: (
      <div className="p-6">
        <ListSkeleton label="Loading the console" />
      </div>
    ),
    children: [
      { index: true, element: <Navigate to="/organizations" replace /> },
      {
        path: 'organizations',
        lazy: async () => ({ Component: await loadOrganizationsScreen() }),
      },
      {
        path: 'organizations/:orgId/members',
        lazy: async () => ({ Component: await loadMembersScreen() }),
      },
      {
        path: 'workspaces',
        lazy: async () => ({ Component: await loadWorkspacesScreen() }),
      },
      {
        path: 'tokens',
        lazy: async () => ({ Component: await loadTokensScreen() }),
      },
      {
        // The verification URI of device sign-in (RFC 8628): POST /auth/device/code points here.
        path: 'device',
        lazy: async () => ({ Component: await loadDeviceScreen() }),
      },
      { path: 'tables', element: <WorkspaceAreaEntry area="tables" /> },
      { path: 'sql', element: <WorkspaceAreaEntry area="sql" /> },
      { path: 'files', element: <WorkspaceAreaEntry area="files" /> },
      {
        path: 'workspaces/:workspaceId',
        element: <WorkspaceAreaLayout />,
        ...prefetching(queryClient, (orgId, workspaceId) =>
          prefetchWorkspaceArea(queryClient, orgId, workspaceId),
        ),
        // Grids and the editor use the whole width of the window.
        handle: { wide: true } satisfies RouteHandle,
        children: [
          { index: true, element: <Navigate to="tables" replace /> },
          {
            path: 'tables',
            ...prefetching(queryClient, (orgId, workspaceId) =>
              prefetchTableList(queryClient, orgId, workspaceId),
            ),
            lazy: async () => ({ Component: await loadTablesScreen() }),
          },
          {
            path: 'tables/:tableName',
            lazy: async () => ({ Component: await loadTableScreen() }),
          },
          {
            path: 'sql',
            lazy: async () => ({ Component: await loadSqlScreen() }),
          },
          {
            path: 'files',
            ...prefetching(queryClient, (orgId, workspaceId, { request }) =>
              prefetchGallery(queryClient, orgId, workspaceId, new URL(request.url).searchParams),
            ),
            lazy: async () => ({ Component: await loadFilesScreen() }),
          },
        ],
      },
      { path: '*', element: <NotFoundScreen /> },
    ],
  },
];
