import { Suspense, useState, type ReactNode } from 'react';

/**
 * Mounts a lazily loaded part (a dialog, with the form rules and primitives it brings) the
 * first time it is wanted, and keeps it mounted after, so it can animate closed. Screens then
 * download their dialogs when someone opens one, not on every first visit.
 */
export function LazyMount({ when, children }: { when: boolean; children: ReactNode }) {
  const [wanted, setWanted] = useState(when);
  if (when && !wanted) setWanted(true);
  return wanted ? <Suspense fallback={null}>{children}</Suspense> : null;
}
