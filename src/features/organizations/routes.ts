/**
 * What the router (src/app/routes.tsx) mounts of Organizations: its screen, in a chunk of its
 * own, downloaded on first visit. Apart from index.ts, which other features import: a screen
 * re-exported there would join their chunks.
 */
export const loadOrganizationsScreen = () =>
  import('./components/organizations-screen').then((module) => module.OrganizationsScreen);
