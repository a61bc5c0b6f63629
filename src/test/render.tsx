import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactElement } from 'react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { Toaster } from 'sonner';
import { App } from '../app/app';
import { createRoutes } from '../app/routes';

export function createTestQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { retry: false, gcTime: Infinity, staleTime: Infinity },
      mutations: { retry: false },
    },
  });
}

/** Renders one screen at `route`, matched by `path`, with React Query and a toaster. */
export function renderScreen(ui: ReactElement, { route = '/', path = '/' } = {}) {
  const queryClient = createTestQueryClient();
  const router = createMemoryRouter(
    [
      { path, element: ui },
      { path: '*', element: <p>Elsewhere</p> },
    ],
    { initialEntries: [route] },
  );
  const user = userEvent.setup();
  const utils = render(
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
      <Toaster />
    </QueryClientProvider>,
  );
  return { ...utils, user, queryClient, router };
}

/** Renders the whole console (route table, shell, auth gate) at `route`. */
export function renderApp(route = '/') {
  const queryClient = createTestQueryClient();
  const router = createMemoryRouter(createRoutes(queryClient), { initialEntries: [route] });
  const user = userEvent.setup();
  const utils = render(<App router={router} queryClient={queryClient} />);
  return { ...utils, user, queryClient, router };
}

type Router = ReturnType<typeof createMemoryRouter>;

/**
 * Makes the router land every navigation `ms` late — as a slow loader or a busy main thread
 * does — so a test can type while the address is still catching up with the screen.
 */
export function delayNavigations(router: Router, ms: number) {
  const navigate = router.navigate.bind(router) as (...args: unknown[]) => Promise<void>;
  router.navigate = ((...args: unknown[]) =>
    new Promise((resolve) => setTimeout(resolve, ms)).then(() =>
      navigate(...args),
    )) as Router['navigate'];
}

/** Waits, for a test whose point is what happens in the meantime. */
export const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
