import { Navigate, type RouteObject } from 'react-router';
import {
  WorkspaceAreaEntry,
  WorkspaceAreaLayout,
} from '../features/workspaces/components/workspace-area';
import { ListSkeleton } from '../components/ui/skeleton';
import { NotFoundScreen } from './not-found-screen';
import { RootLayout } from './root-layout';
import { RouteError } from './route-error';

/** What a route tells the shell about its page. */
export interface RouteHandle {
  wide?: boolean;
}

/**
 * Screens load on first visit, which keeps the first download small. The router loads a screen
 * before it renders it (`lazy`), in parallel with the checks of the routes above it, rather than a
 * lazy component suspending afterwards: React then holds a Suspense reveal for up to 300 ms after
 * its fallback showed (bench/table-browser).
 */
export const routes: RouteObject[] = [
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
        lazy: async () => ({
          Component: (await import('../features/organizations/components/organizations-screen'))
            .OrganizationsScreen,
        }),
      },
      {
        path: 'organizations/:orgId/members',
        lazy: async () => ({
          Component: (await import('../features/members/components/members-screen')).MembersScreen,
        }),
      },
      {
        path: 'workspaces',
        lazy: async () => ({
          Component: (await import('../features/workspaces/components/workspaces-screen'))
            .WorkspacesScreen,
        }),
      },
      { path: 'tables', element: <WorkspaceAreaEntry area="tables" /> },
      { path: 'sql', element: <WorkspaceAreaEntry area="sql" /> },
      { path: 'files', element: <WorkspaceAreaEntry area="files" /> },
      {
        path: 'workspaces/:workspaceId',
        element: <WorkspaceAreaLayout />,
        // Grids and the editor use the whole width of the window.
        handle: { wide: true } satisfies RouteHandle,
        children: [
          { index: true, element: <Navigate to="tables" replace /> },
          {
            path: 'tables',
            lazy: async () => ({
              Component: (await import('../features/tables/components/tables-screen')).TablesScreen,
            }),
          },
          {
            path: 'tables/:tableName',
            lazy: async () => ({
              Component: (await import('../features/tables/components/table-screen')).TableScreen,
            }),
          },
          {
            path: 'sql',
            lazy: async () => ({
              Component: (await import('../features/sql/components/sql-screen')).SqlScreen,
            }),
          },
          {
            path: 'files',
            lazy: async () => ({
              Component: (await import('../features/files/components/files-screen')).FilesScreen,
            }),
          },
        ],
      },
      { path: '*', element: <NotFoundScreen /> },
    ],
  },
];
