import { Navigate, type RouteObject } from 'react-router';
import { MembersScreen, OrganizationsScreen, WorkspacesScreen } from './lazy-screens';
import { NotFoundScreen } from './not-found-screen';
import { RootLayout } from './root-layout';
import { RouteError } from './route-error';

export const routes: RouteObject[] = [
  {
    element: <RootLayout />,
    errorElement: <RouteError />,
    children: [
      { index: true, element: <Navigate to="/organizations" replace /> },
      { path: 'organizations', element: <OrganizationsScreen /> },
      { path: 'organizations/:orgId/members', element: <MembersScreen /> },
      { path: 'workspaces', element: <WorkspacesScreen /> },
      { path: '*', element: <NotFoundScreen /> },
    ],
  },
];
