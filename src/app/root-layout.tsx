import { Suspense } from 'react';
import { useToken } from '../lib/session';
import { AppShell } from './app-shell';
import { SignInScreen } from './lazy-screens';

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
