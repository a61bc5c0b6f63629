import { useQuery } from '@tanstack/react-query';
import clsx from 'clsx';
import { apiStatus, type ApiStatusKind } from '../api-status';
import { healthQueryOptions, readyQueryOptions } from '../api/health-query';

const dotColour: Record<ApiStatusKind, string> = {
  checking: 'bg-muted animate-pulse',
  ready: 'bg-success',
  'not-ready': 'bg-warning',
  unreachable: 'bg-danger',
};

/** Polls /health and /ready and says in words whether the console can work right now. */
export function HealthIndicator() {
  const health = useQuery(healthQueryOptions());
  const ready = useQuery(readyQueryOptions());
  const status = apiStatus(health, ready);

  return (
    <div
      role="status"
      aria-label={status.label}
      title={status.detail}
      className="flex items-center gap-2 rounded px-2 py-1.5 text-xs text-muted"
    >
      <span aria-hidden className={clsx('size-2 shrink-0 rounded-full', dotColour[status.kind])} />
      <span className="min-w-0">
        <span className="block font-medium text-fg">{status.label}</span>
        {status.kind !== 'ready' && status.kind !== 'checking' && (
          <span className="block truncate">{status.detail}</span>
        )}
      </span>
    </div>
  );
}
