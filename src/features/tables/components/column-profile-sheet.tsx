import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import type { ColumnProfile } from '../../../../contract/tables';
import { formatTypeName } from '../../../components/data-grid';
import { queryFallback } from '../../../components/ui/query-fallback';
import { columnProfileQueryOptions } from '../api/column-profile-query';
import { formatCount } from '../lib/format';
import { SideSheet } from './side-sheet';

/** A column's profile from the bundled server, next to the schema it was opened from. */
export function ColumnProfileSheet({
  orgId,
  workspaceId,
  table,
  column,
  onClose,
}: {
  orgId: string;
  workspaceId: string;
  table: string;
  column: { name: string; type: string };
  onClose: () => void;
}) {
  const profile = useQuery(columnProfileQueryOptions(orgId, workspaceId, table, column.name));
  return (
    <SideSheet
      title={`Profile of ${column.name}`}
      description={`${formatTypeName(column.type)} in ${table}`}
      onClose={onClose}
    >
      <div className="space-y-6 px-5 py-4">
        {queryFallback(profile, {
          pending: 'Profiling the column',
          failed: 'Could not profile the column',
        }) ??
          (profile.data && <ProfileBody profile={profile.data} />)}
      </div>
    </SideSheet>
  );
}

const number = (n: number | null | undefined, digits = 4) =>
  n === null || n === undefined ? '—' : String(Number(n.toPrecision(digits)));

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="rounded-lg border border-border bg-raised/40 px-3 py-2">
      <dt className="text-xs text-muted">{label}</dt>
      <dd className="mt-0.5 font-mono text-sm break-all tabular-nums">{children}</dd>
    </div>
  );
}

function ProfileBody({ profile }: { profile: ColumnProfile }) {
  const share = (n: number) =>
    profile.rows > 0 ? ` (${((100 * n) / profile.rows).toFixed(1)}%)` : '';
  return (
    <>
      <p role="status" className="text-sm text-muted">
        {profile.sampled
          ? `Estimated from a sample of ${formatCount(profile.sample_rows)} rows (TABLESAMPLE).`
          : `Every row counted.`}{' '}
        Took {formatCount(profile.duration_ms)} ms.
      </p>
      <dl className="grid grid-cols-2 gap-2">
        <Fact label={profile.sampled ? 'Rows (estimate)' : 'Rows'}>
          {formatCount(profile.rows)}
        </Fact>
        <Fact label="Nulls">
          {formatCount(profile.nulls)}
          {share(profile.nulls)}
        </Fact>
        {profile.distinct !== null && (
          <Fact label={profile.sampled ? 'Distinct (estimate)' : 'Distinct'}>
            {formatCount(profile.distinct)}
          </Fact>
        )}
        {profile.min !== null && <Fact label="Min">{profile.min}</Fact>}
        {profile.max !== null && <Fact label="Max">{profile.max}</Fact>}
        {profile.vector && (
          <>
            <Fact label="Dimensions">{profile.vector.dimensions ?? '—'}</Fact>
            <Fact label="Other dimensions">{formatCount(profile.vector.other_dimensions)}</Fact>
            <Fact label="Zero vectors">{formatCount(profile.vector.zero_vectors)}</Fact>
            <Fact
              label={`Norm min / mean / max${profile.vector.norm_rows < profile.rows - profile.nulls ? ` (of ${formatCount(profile.vector.norm_rows)} vectors)` : ''}`}
            >
              {number(profile.vector.norm_min)} / {number(profile.vector.norm_mean)} /{' '}
              {number(profile.vector.norm_max)}
            </Fact>
          </>
        )}
      </dl>
      {profile.histogram.length > 0 && <Histogram profile={profile} />}
      {profile.top_values.length > 0 && (
        <section aria-labelledby="profile-top-values" className="space-y-2">
          <h3 id="profile-top-values" className="text-sm font-semibold">
            Most common values
          </h3>
          <ol className="space-y-1 text-sm">
            {profile.top_values.map((top, i) => (
              <li key={i} className="flex items-baseline gap-3">
                <span className="min-w-0 flex-1 truncate font-mono" title={top.value}>
                  {top.value === '' ? <span className="text-muted">(empty)</span> : top.value}
                </span>
                <span className="shrink-0 font-mono text-xs text-muted tabular-nums">
                  {formatCount(top.count)}
                </span>
              </li>
            ))}
          </ol>
        </section>
      )}
    </>
  );
}

/** Bars drawn with plain elements: each one's height is its share of the tallest. */
function Histogram({ profile }: { profile: ColumnProfile }) {
  const buckets = profile.histogram;
  const tallest = Math.max(1, ...buckets.map((b) => b.count));
  return (
    <section aria-labelledby="profile-histogram" className="space-y-2">
      <h3 id="profile-histogram" className="text-sm font-semibold">
        Distribution
      </h3>
      <ul aria-label="Histogram" className="flex h-32 items-end gap-0.5 border-b border-border">
        {buckets.map((bucket, i) => (
          <li
            key={i}
            aria-label={`${bucket.from} to ${bucket.to}: ${formatCount(bucket.count)}`}
            title={`${bucket.from} – ${bucket.to}: ${formatCount(bucket.count)}`}
            className="flex h-full flex-1 items-end"
          >
            <span
              className="block w-full rounded-t-sm bg-accent/70 hover:bg-accent"
              style={{
                height: `${(100 * bucket.count) / tallest}%`,
                minHeight: bucket.count ? 2 : 0,
              }}
            />
          </li>
        ))}
      </ul>
      <div className="flex justify-between font-mono text-xs text-muted">
        <span>{buckets[0]!.from}</span>
        <span>{buckets.at(-1)!.to}</span>
      </div>
    </section>
  );
}
