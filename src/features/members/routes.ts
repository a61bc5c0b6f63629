/**
 * What the router (src/app/routes.tsx) mounts of Members: its screen, in a chunk of its own,
 * downloaded on first visit. Apart from index.ts, which other features import: a screen
 * re-exported there would join their chunks.
 */
export const loadMembersScreen = () =>
  import('./components/members-screen').then((module) => module.MembersScreen);
