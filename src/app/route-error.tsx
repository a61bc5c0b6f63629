import { isRouteErrorResponse, useRouteError } from 'react-router';
import { ErrorState } from '../components/ui/error-state';

/** Last line of defence: a crash or a screen that failed to download. */
export function RouteError() {
  const error = useRouteError();
  const message = isRouteErrorResponse(error)
    ? `${error.status} ${error.statusText}`
    : error instanceof Error
      ? error.message
      : 'Unknown error.';
  return (
    <main className="mx-auto max-w-xl p-8">
      <h1 className="mb-4 text-2xl font-semibold text-fg">Something went wrong</h1>
      <ErrorState
        title="This page could not be shown"
        message={`${message} Reloading usually helps, for example after the console was updated.`}
        onRetry={() => window.location.reload()}
      />
    </main>
  );
}
