import type { LucideIcon } from 'lucide-react';
import type { ReactNode } from 'react';

export interface EmptyStateProps {
  icon: LucideIcon;
  title: string;
  /** What to do next: an empty screen should always say how to fill it. */
  children: ReactNode;
  action?: ReactNode;
}

export function EmptyState({ icon: Icon, title, children, action }: EmptyStateProps) {
  return (
    <div className="flex flex-col items-center rounded-lg border border-dashed border-border bg-surface px-6 py-12 text-center">
      <div className="mb-3 rounded-full bg-accent/10 p-3 text-accent">
        <Icon aria-hidden className="size-6" />
      </div>
      <h2 className="text-base font-semibold text-fg">{title}</h2>
      <div className="mt-1 max-w-md text-sm text-muted">{children}</div>
      {action && <div className="mt-4">{action}</div>}
    </div>
  );
}
