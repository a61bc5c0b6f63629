import { Navigate, type RouteObject } from 'react-router';
import {
  WorkspaceAreaEntry,
  WorkspaceAreaLayout,
} from '../features/workspaces/components/workspace-area';
import {
  FilesScreen,
  MembersScreen,
  OrganizationsScreen,
  SqlScreen,
  TableScreen,
  TablesScreen,
  WorkspacesScreen,
} from './lazy-screens';
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
          { path: 'tables', element: <TablesScreen /> },
          { path: 'tables/:tableName', element: <TableScreen /> },
          { path: 'sql', element: <SqlScreen /> },
          { path: 'files', element: <FilesScreen /> },
        ],
      },
      { path: '*', element: <NotFoundScreen /> },
    ],
  },
];
