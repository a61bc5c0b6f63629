import clsx from 'clsx';

export function Skeleton({ className }: { className?: string }) {
  return <div aria-hidden className={clsx('animate-pulse rounded bg-border/70', className)} />;
}

/** Placeholder rows while a list loads; says what is loading to screen readers. */
export function ListSkeleton({ label, rows = 4 }: { label: string; rows?: number }) {
  return (
    <div role="status" className="space-y-3 rounded-lg border border-border bg-surface p-4">
      <span className="sr-only">{label}</span>
      <Skeleton className="h-4 w-1/3" />
      {Array.from({ length: rows }, (_, index) => (
        <div key={index} className="flex gap-4">
          <Skeleton className="h-5 w-1/4" />
          <Skeleton className="h-5 w-1/3" />
          <Skeleton className="h-5 w-1/6" />
          <Skeleton className="h-5 flex-1" />
        </div>
      ))}
    </div>
  );
}
