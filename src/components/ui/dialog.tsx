import clsx from 'clsx';
import { X } from 'lucide-react';
import { Dialog as RadixDialog } from 'radix-ui';
import type { ReactNode } from 'react';
import { Button } from './button';
import { dialogPanelClasses, overlayClasses } from './dialog-styles';
import { FormAlert } from './form-alert';
import { useReturnFocus } from './use-return-focus';

export const Dialog = RadixDialog.Root;
export const DialogTrigger = RadixDialog.Trigger;
export const DialogClose = RadixDialog.Close;

export interface DialogContentProps {
  title: string;
  description?: ReactNode;
  children: ReactNode;
  className?: string;
}

/** A modal dialog: focus is trapped inside, Escape and the close button dismiss it. */
export function DialogContent({ title, description, children, className }: DialogContentProps) {
  const returnFocus = useReturnFocus();
  return (
    <RadixDialog.Portal>
      <RadixDialog.Overlay className={overlayClasses} />
      <RadixDialog.Content
        className={clsx(dialogPanelClasses, className)}
        {...returnFocus}
        {...(description ? {} : { 'aria-describedby': undefined })}
      >
        <div className="mb-4 space-y-1.5 pr-8">
          <RadixDialog.Title className="text-lg font-semibold">{title}</RadixDialog.Title>
          {description && (
            <RadixDialog.Description className="text-sm text-muted">
              {description}
            </RadixDialog.Description>
          )}
        </div>
        {children}
        <RadixDialog.Close
          aria-label="Close"
          className="absolute top-4 right-4 rounded p-1 text-muted hover:bg-raised hover:text-fg focus-visible:outline-2 focus-visible:outline-accent"
        >
          <X aria-hidden className="size-4" />
        </RadixDialog.Close>
      </RadixDialog.Content>
    </RadixDialog.Portal>
  );
}

export function DialogFooter({ children, className }: { children: ReactNode; className?: string }) {
  return <div className={clsx('mt-6 flex justify-end gap-2', className)}>{children}</div>;
}

/** The end of every dialog form: the server's refusal if any, then Cancel and the submit button. */
export function DialogFormFooter({
  error,
  submitLabel,
  pending,
}: {
  error?: string | null | undefined;
  submitLabel: ReactNode;
  pending: boolean;
}) {
  return (
    <>
      {error && <FormAlert>{error}</FormAlert>}
      <DialogFooter>
        <DialogClose asChild>
          <Button>Cancel</Button>
        </DialogClose>
        <Button type="submit" variant="primary" pending={pending}>
          {submitLabel}
        </Button>
      </DialogFooter>
    </>
  );
}
