/**
 * What the router (src/app/routes.tsx) mounts of Tokens: its screen, in a chunk of its own,
 * downloaded on first visit.
 */
export const loadTokensScreen = () =>
  import('./components/tokens-screen').then((module) => module.TokensScreen);
