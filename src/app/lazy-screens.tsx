import { lazy } from 'react';

// Screens load on first visit, which keeps the first download small.
export const OrganizationsScreen = lazy(() =>
  import('../features/organizations/components/organizations-screen').then((module) => ({
    default: module.OrganizationsScreen,
  })),
);
export const MembersScreen = lazy(() =>
  import('../features/members/components/members-screen').then((module) => ({
    default: module.MembersScreen,
  })),
);
export const WorkspacesScreen = lazy(() =>
  import('../features/workspaces/components/workspaces-screen').then((module) => ({
    default: module.WorkspacesScreen,
  })),
);
export const SqlScreen = lazy(() =>
  import('../features/sql/components/sql-screen').then((module) => ({
    default: module.SqlScreen,
  })),
);
export const SignInScreen = lazy(() =>
  import('../features/auth/components/sign-in-screen').then((module) => ({
    default: module.SignInScreen,
  })),
);
