import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { RouterProvider, type createBrowserRouter } from 'react-router';
import { Toaster } from 'sonner';
import { ApiWaitNotice } from '../components/api-wait-notice';
import { consumeHashToken, getToken, subscribe } from '../lib/sign-in-state';

type Router = ReturnType<typeof createBrowserRouter>;

export function App({ router, queryClient }: { router: Router; queryClient: QueryClient }) {
  // However the session ends or changes hands (sign-out, a 401, another tab, another
  // person's sign-in link), nothing of the previous one stays in memory.
  useEffect(() => {
    let current = getToken();
    return subscribe(() => {
      const next = getToken();
      if (next === current) return;
      current = next;
      queryClient.clear();
    });
  }, [queryClient]);

  // A sign-in link pasted into a tab that already shows the console changes only the hash:
  // no page load, so main.tsx's check on boot never sees it.
  useEffect(() => {
    const onHashChange = () => consumeHashToken();
    window.addEventListener('hashchange', onHashChange);
    return () => window.removeEventListener('hashchange', onHashChange);
  }, []);

  return (
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
      <Toaster theme="system" closeButton position="bottom-right" />
      <ApiWaitNotice />
    </QueryClientProvider>
  );
}
