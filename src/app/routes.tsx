import { Navigate, type RouteObject } from 'react-router';
import {
  WorkspaceAreaEntry,
  WorkspaceAreaLayout,
} from '../features/workspaces/components/workspace-area';
import { MembersScreen, OrganizationsScreen, SqlScreen, WorkspacesScreen } from './lazy-screens';
import { ListSkeleton } from '../components/ui/skeleton';
import { NotFoundScreen } from './not-found-screen';
import { RootLayout } from './root-layout';
import { RouteError } from './route-error';

/** What a route tells the shell about its page. */
export interface RouteHandle {
  wide?: boolean;
}

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
      { path: 'organizations', element: <OrganizationsScreen /> },
      { path: 'organizations/:orgId/members', element: <MembersScreen /> },
      { path: 'workspaces', element: <WorkspacesScreen /> },
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
          // The router loads these before it renders them, in parallel with the workspace
          // check, instead of a lazy component suspending once the check is done: React then
          // holds a Suspense reveal for up to 300 ms after its fallback showed (bench/table-browser).
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
          { path: 'sql', element: <SqlScreen /> },
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
