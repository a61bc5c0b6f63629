import clsx from 'clsx';
import { Database } from 'lucide-react';
import { Suspense } from 'react';
import { Link, matchPath, Outlet, useLocation, useMatches } from 'react-router';
import { ListSkeleton } from '../components/ui/skeleton';
import { UserMenu } from '../features/auth';
import { HealthIndicator } from '../features/health';
import { OrganizationSwitcher, useSelectedOrganization } from '../features/organizations';
import { NAV_ITEMS } from './nav-config';
import type { RouteHandle } from './route-handle';

/** The signed-in frame: organization switcher, navigation, API status and account. */
export function AppShell() {
  const { selected } = useSelectedOrganization();
  const { pathname } = useLocation();
  const context = { orgId: selected?.id ?? null };
  const wide = useMatches().some((match) => (match.handle as RouteHandle | undefined)?.wide);

  return (
    <div className="flex min-h-dvh flex-col bg-canvas md:flex-row">
      <a
        href="#main"
        className="sr-only rounded bg-accent px-3 py-2 text-accent-fg focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:z-50"
      >
        Skip to content
      </a>
      <aside className="flex shrink-0 flex-col gap-4 border-b border-border bg-surface p-3 md:sticky md:top-0 md:h-dvh md:w-64 md:border-r md:border-b-0">
        <Link
          to="/organizations"
          className="flex items-center gap-2 rounded px-2 py-1 font-semibold text-fg focus-visible:outline-2 focus-visible:outline-accent"
        >
          <Database aria-hidden className="size-5 text-accent" />
          Deeplake Console
        </Link>
        <div className="px-2">
          <OrganizationSwitcher />
        </div>
        <nav aria-label="Main">
          <ul className="flex gap-1 overflow-x-auto md:flex-col">
            {NAV_ITEMS.map((item) => {
              const current = item.activeOn.some((pattern) => matchPath(pattern, pathname));
              return (
                <li key={item.label}>
                  <Link
                    to={item.to(context)}
                    aria-current={current ? 'page' : undefined}
                    className={clsx(
                      'flex items-center gap-2 rounded px-2 py-2 text-sm font-medium whitespace-nowrap',
                      'focus-visible:outline-2 focus-visible:outline-accent',
                      current
                        ? 'bg-accent/10 text-accent'
                        : 'text-muted hover:bg-raised hover:text-fg',
                    )}
                  >
                    <item.icon aria-hidden className="size-4" />
                    {item.label}
                  </Link>
                </li>
              );
            })}
          </ul>
        </nav>
        <div className="mt-auto space-y-1 border-t border-border pt-3">
          <HealthIndicator />
          <UserMenu />
        </div>
      </aside>
      <main
        id="main"
        tabIndex={-1}
        className="min-w-0 flex-1 px-4 py-6 focus:outline-none md:px-8 md:py-8"
      >
        <div className={clsx('mx-auto', wide ? 'max-w-[120rem]' : 'max-w-6xl')}>
          <Suspense fallback={<ListSkeleton label="Loading page" />}>
            <Outlet />
          </Suspense>
        </div>
      </main>
    </div>
  );
}
