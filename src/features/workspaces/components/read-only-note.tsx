import clsx from 'clsx';
import { Eye } from 'lucide-react';
import type { WriteAccess } from '../use-write-access';

/**
 * Says why the controls that change tables and files are disabled: shown to a viewer, and
 * named by those controls (aria-describedby), so the reason is heard where it matters.
 */
export function ReadOnlyNote({ access, className }: { access: WriteAccess; className?: string }) {
  if (access.canWrite) return null;
  return (
    <p
      id={access.noteId}
      className={clsx(
        'flex items-start gap-2 rounded border border-border bg-raised px-3 py-2 text-sm text-fg',
        className,
      )}
    >
      <Eye aria-hidden className="mt-0.5 size-4 shrink-0 text-muted" />
      <span>{access.reason}</span>
    </p>
  );
}
