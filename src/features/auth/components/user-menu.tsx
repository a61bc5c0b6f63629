import { useQuery } from '@tanstack/react-query';
import { LogOut } from 'lucide-react';
import { IconButton } from '../../../components/ui/icon-button';
import { Skeleton } from '../../../components/ui/skeleton';
import { meQueryOptions } from '../api/me-query';
import { useSignOut } from '../use-sign-out';

/** Who is signed in, with the way out. Sign out stays available even if /me fails. */
export function UserMenu() {
  const me = useQuery(meQueryOptions());
  const signOut = useSignOut();
  const displayName = me.data ? me.data.display_name || me.data.name || me.data.email : null;

  return (
    <div className="flex items-center gap-2 px-2 py-1.5">
      <span
        aria-hidden
        className="flex size-8 shrink-0 items-center justify-center rounded-full bg-accent/15 text-sm font-semibold text-accent"
      >
        {(displayName ?? '?').charAt(0).toUpperCase()}
      </span>
      <div className="min-w-0 flex-1" aria-label="Signed-in user" role="group">
        {me.isPending ? (
          <Skeleton className="h-4 w-24" />
        ) : me.data ? (
          <>
            <p className="truncate text-sm font-medium text-fg">{displayName}</p>
            <p className="truncate text-xs text-muted">{me.data.email}</p>
          </>
        ) : (
          <p className="truncate text-xs text-muted">Could not load your account</p>
        )}
      </div>
      <IconButton label="Sign out" title="Sign out" icon={LogOut} onClick={signOut} />
    </div>
  );
}
