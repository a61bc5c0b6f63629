/**
 * What the app (src/app/root-layout.tsx) mounts of Auth: the sign-in screen, in a chunk of its
 * own. Only someone signed out needs it, so it stays out of the first download.
 */
export const loadSignInScreen = () =>
  import('./components/sign-in-screen').then((module) => module.SignInScreen);
