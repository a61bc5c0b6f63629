import clsx from 'clsx';
import { X } from 'lucide-react';
import { Dialog as RadixDialog } from 'radix-ui';
import type { KeyboardEvent, ReactNode } from 'react';
import { overlayClasses } from '../../../components/ui/dialog-styles';
import { useReturnFocus } from '../../../components/ui/use-return-focus';

/**
 * A panel along the right edge, over the page: for reading one row or a search's results next
 * to the grid they came from. Modal (focus stays inside, Escape closes), and focus goes back to
 * where it was.
 */
export function SideSheet({
  title,
  description,
  actions,
  onClose,
  children,
  className,
  onKeyDown,
}: {
  title: ReactNode;
  description?: ReactNode;
  /** Buttons next to the title (previous/next row). */
  actions?: ReactNode;
  onClose: () => void;
  children: ReactNode;
  className?: string;
  onKeyDown?: (event: KeyboardEvent) => void;
}) {
  const returnFocus = useReturnFocus();
  return (
    <RadixDialog.Root open onOpenChange={(open) => !open && onClose()}>
      <RadixDialog.Portal>
        <RadixDialog.Overlay className={overlayClasses} />
        <RadixDialog.Content
          {...returnFocus}
          {...(description ? {} : { 'aria-describedby': undefined })}
          onKeyDown={onKeyDown}
          className={clsx(
            'fixed inset-y-0 right-0 z-50 flex w-full flex-col border-l border-border bg-surface text-fg shadow-xl focus:outline-none',
            className ?? 'sm:w-[36rem]',
          )}
        >
          <div className="flex items-start gap-3 border-b border-border px-5 py-4">
            <div className="min-w-0 flex-1">
              <RadixDialog.Title className="truncate text-lg font-semibold">
                {title}
              </RadixDialog.Title>
              {description && (
                <RadixDialog.Description className="mt-0.5 text-sm text-muted">
                  {description}
                </RadixDialog.Description>
              )}
            </div>
            {actions && <div className="flex shrink-0 items-center gap-1">{actions}</div>}
            <RadixDialog.Close
              aria-label="Close"
              className="shrink-0 rounded p-1.5 text-muted hover:bg-raised hover:text-fg focus-visible:outline-2 focus-visible:outline-accent"
            >
              <X aria-hidden className="size-4" />
            </RadixDialog.Close>
          </div>
          <div className="min-h-0 flex-1 overflow-y-auto">{children}</div>
        </RadixDialog.Content>
      </RadixDialog.Portal>
    </RadixDialog.Root>
  );
}
