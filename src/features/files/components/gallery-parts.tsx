import { Upload } from 'lucide-react';
import { Skeleton } from '../../../components/ui/skeleton';

/** Parts of the gallery screen (files-screen.tsx) that need none of its state. */

export function GallerySkeleton() {
  return (
    <div role="status" className="grid grid-cols-[repeat(auto-fill,minmax(12rem,1fr))] gap-3">
      <span className="sr-only">Loading files</span>
      {Array.from({ length: 12 }, (_, index) => (
        <div key={index} className="overflow-hidden rounded-lg border border-border bg-surface">
          <Skeleton className="aspect-[4/3] w-full rounded-none" />
          <div className="space-y-2 p-2">
            <Skeleton className="h-4 w-3/4" />
            <Skeleton className="h-3 w-1/3" />
          </div>
        </div>
      ))}
    </div>
  );
}

/** Over the whole window while files are dragged in: a drop anywhere lands on the drop zone. */
export function DropOverlay({ message }: { message: string }) {
  return (
    <div
      aria-hidden
      className="fixed inset-0 z-40 flex items-center justify-center bg-accent/10 p-6 backdrop-blur-[1px]"
    >
      <div className="flex flex-col items-center gap-3 rounded-xl border-2 border-dashed border-accent bg-surface px-10 py-8 text-center shadow-xl">
        <Upload aria-hidden className="size-8 text-accent" />
        <p className="text-lg font-semibold text-fg">{message}</p>
      </div>
    </div>
  );
}
