import clsx from 'clsx';
import { ChevronDown } from 'lucide-react';
import { useId } from 'react';
import { matchPath, useLocation, useNavigate } from 'react-router';
import { Skeleton } from '../../../components/ui/skeleton';
import { setSelectedOrgId } from '../../../lib/sign-in-state';
import { useSelectedOrganization } from '../use-selected-organization';

export const MEMBERS_ROUTE = '/organizations/:orgId/members';

/**
 * Picks the organization that workspace screens (and the org header) use. A native select:
 * it is on every page, so it should cost nothing to download and work with every keyboard,
 * screen reader and phone as is.
 */
export function OrganizationSwitcher() {
  const id = useId();
  const { selected, organizations } = useSelectedOrganization();
  const location = useLocation();
  const navigate = useNavigate();

  function choose(orgId: string) {
    setSelectedOrgId(orgId);
    // A page about one organization follows the switch; the others re-read the selection.
    if (matchPath(MEMBERS_ROUTE, location.pathname)) {
      void navigate(`/organizations/${encodeURIComponent(orgId)}/members`);
    }
  }

  return (
    <div className="space-y-1.5">
      <label htmlFor={id} className="block text-xs font-medium text-muted">
        Organization
      </label>
      {organizations.isPending ? (
        <Skeleton className="h-9 w-full" />
      ) : organizations.isError ? (
        <p className="text-xs text-danger">Could not load organizations.</p>
      ) : organizations.data.length === 0 ? (
        <p className="text-xs text-muted">No organization yet.</p>
      ) : (
        <div className="relative">
          <select
            id={id}
            value={selected?.id}
            onChange={(event) => choose(event.target.value)}
            className={clsx(
              'block h-9 w-full appearance-none truncate rounded border border-border bg-surface pr-8 pl-3 text-sm text-fg shadow-sm',
              'focus-visible:outline-2 focus-visible:outline-offset-0 focus-visible:outline-accent',
            )}
          >
            {organizations.data.map((organization) => (
              <option key={organization.id} value={organization.id}>
                {organizations.data.some(
                  (other) => other.id !== organization.id && other.name === organization.name,
                )
                  ? `${organization.name} (${organization.id})`
                  : organization.name}
              </option>
            ))}
          </select>
          <ChevronDown
            aria-hidden
            className="pointer-events-none absolute top-2.5 right-2.5 size-4 text-muted"
          />
        </div>
      )}
    </div>
  );
}
