import { RotateCw, TriangleAlert } from 'lucide-react';
import type { ReactNode } from 'react';
import { Button } from './button';

export interface ErrorStateProps {
  title: string;
  message: string;
  /** Shown as a Retry button; leave out when retrying cannot help. */
  onRetry?: () => void;
  retrying?: boolean;
  children?: ReactNode;
}

/** A failed load, shown where the content would be, with a way to try again. */
export function ErrorState({ title, message, onRetry, retrying, children }: ErrorStateProps) {
  return (
    <div
      role="alert"
      className="flex flex-col items-center rounded-lg border border-danger/40 bg-surface px-6 py-10 text-center"
    >
      <TriangleAlert aria-hidden className="mb-2 size-6 text-danger" />
      <h2 className="text-base font-semibold text-fg">{title}</h2>
      <p className="mt-1 max-w-lg text-sm break-words text-muted">{message}</p>
      {(onRetry || children) && (
        <div className="mt-4 flex gap-2">
          {onRetry && (
            <Button onClick={onRetry} pending={retrying}>
              {!retrying && <RotateCw aria-hidden className="size-4" />}
              Retry
            </Button>
          )}
          {children}
        </div>
      )}
    </div>
  );
}
