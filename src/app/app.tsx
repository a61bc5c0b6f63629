import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { RouterProvider, type createBrowserRouter } from 'react-router';
import { Toaster } from 'sonner';
import { getToken, subscribe } from '../lib/session';

type Router = ReturnType<typeof createBrowserRouter>;

export function App({ router, queryClient }: { router: Router; queryClient: QueryClient }) {
  // However the session ends (sign-out, a 401, another tab), nothing of it stays in memory.
  useEffect(
    () =>
      subscribe(() => {
        if (!getToken()) queryClient.clear();
      }),
    [queryClient],
  );

  return (
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
      <Toaster theme="system" closeButton position="bottom-right" />
    </QueryClientProvider>
  );
}
