import { Loader2 } from 'lucide-react';
import { useEffect, useState, useSyncExternalStore } from 'react';
import { apiWaits } from '../lib/api-retry';

const REASONS: Record<number, string> = {
  429: 'The API asked to slow down',
  503: 'The API is busy',
};

/**
 * Says that the console is waiting to send a request again (a 429 or 503 answer), and when: a
 * person sees why nothing happens yet instead of a screen that seems stuck.
 */
export function ApiWaitNotice() {
  const waits = useSyncExternalStore(apiWaits.subscribe, apiWaits.snapshot);
  const next = waits.reduce<(typeof waits)[number] | null>(
    (soonest, wait) => (soonest === null || wait.until < soonest.until ? wait : soonest),
    null,
  );
  if (!next) return null;
  return (
    <div
      role="status"
      className="fixed bottom-4 left-1/2 z-50 flex -translate-x-1/2 items-center gap-2 rounded-lg border border-warning/50 bg-surface px-4 py-2 text-sm text-fg shadow-lg"
    >
      <Loader2 aria-hidden className="size-4 animate-spin text-warning" />
      <span>
        {REASONS[next.status] ?? 'The API is not answering yet'} (HTTP {next.status}): trying again
        in <Countdown key={next.id} until={next.until} />
        {waits.length > 1 ? ` (${waits.length} requests waiting)` : ''}.
      </span>
    </div>
  );
}

/** Seconds until `until`, ticking down. */
function Countdown({ until }: { until: number }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return <>{Math.max(1, Math.ceil((until - now) / 1000))} s</>;
}
