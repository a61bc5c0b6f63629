import { lazy, Suspense } from 'react';
import { loadSignInScreen } from '../features/auth/routes';
import { useToken } from '../lib/sign-in-state';
import { AppShell } from './app-shell';

// Only someone signed out needs it, so it is not part of the first download for everyone else.
const SignInScreen = lazy(() =>
  loadSignInScreen().then((SignInScreen) => ({ default: SignInScreen })),
);

/**
 * Without a token every URL shows the sign-in screen in place, so after signing in you are on
 * the page you asked for.
 */
export function RootLayout() {
  const token = useToken();
  if (!token) {
    return (
      <Suspense fallback={null}>
        <SignInScreen />
      </Suspense>
    );
  }
  return <AppShell />;
}
