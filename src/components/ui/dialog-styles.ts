import clsx from 'clsx';

/** Shared by Dialog and ConfirmDialog (AlertDialog), so both look the same. */
export const overlayClasses = 'fixed inset-0 z-40 bg-black/40 backdrop-blur-[1px]';
export const dialogPanelClasses = clsx(
  'fixed top-1/2 left-1/2 z-50 w-[calc(100vw-2rem)] max-w-lg -translate-x-1/2 -translate-y-1/2',
  'rounded-lg border border-border bg-surface p-6 text-fg shadow-xl',
  'max-h-[calc(100dvh-2rem)] overflow-y-auto focus:outline-none',
);
