import { AlertDialog } from 'radix-ui';
import { useState, type FormEvent, type ReactNode } from 'react';
import { Button } from './button';
import { dialogPanelClasses, overlayClasses } from './dialog-styles';
import { useReturnFocus } from './use-return-focus';
import { FormAlert } from './form-alert';
import { TextField } from './input';

export interface ConfirmDialogProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  description: ReactNode;
  /** Choices that go with the confirmation (a checkbox), after the description. */
  children?: ReactNode;
  /** Label of the button that does it, e.g. "Delete organization". */
  confirmLabel: string;
  /**
   * When set, the user must type exactly this (usually the id of what goes away) before the
   * button works: a second look at destructive actions that cannot be undone.
   */
  confirmationText?: string;
  onConfirm: () => void;
  pending?: boolean;
  /** A server error, shown in the dialog so the user sees why nothing happened. */
  error?: string | null | undefined;
  tone?: 'danger' | 'primary';
}

export function ConfirmDialog({ open, onOpenChange, ...props }: ConfirmDialogProps) {
  const returnFocus = useReturnFocus();
  return (
    <AlertDialog.Root open={open} onOpenChange={onOpenChange}>
      <AlertDialog.Portal>
        <AlertDialog.Overlay className={overlayClasses} />
        <AlertDialog.Content className={dialogPanelClasses} {...returnFocus}>
          {/* Mounted only while open, so the typed confirmation starts empty every time. */}
          <ConfirmForm {...props} />
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}

function ConfirmForm({
  title,
  description,
  children,
  confirmLabel,
  confirmationText,
  onConfirm,
  pending = false,
  error,
  tone = 'danger',
}: Omit<ConfirmDialogProps, 'open' | 'onOpenChange'>) {
  const [typed, setTyped] = useState('');
  const confirmed = confirmationText === undefined || typed === confirmationText;

  function submit(event: FormEvent) {
    event.preventDefault();
    if (confirmed && !pending) onConfirm();
  }

  return (
    <form onSubmit={submit} noValidate>
      <AlertDialog.Title className="text-lg font-semibold">{title}</AlertDialog.Title>
      <AlertDialog.Description asChild>
        <div className="mt-2 space-y-2 text-sm text-muted">{description}</div>
      </AlertDialog.Description>
      {children}
      {confirmationText !== undefined && (
        <TextField
          className="mt-4"
          label={`Type ${confirmationText} to confirm`}
          value={typed}
          onChange={(event) => setTyped(event.target.value)}
          autoComplete="off"
          autoCapitalize="off"
          spellCheck={false}
        />
      )}
      {error && <FormAlert className="mt-4">{error}</FormAlert>}
      <div className="mt-6 flex justify-end gap-2">
        <AlertDialog.Cancel asChild>
          <Button>Cancel</Button>
        </AlertDialog.Cancel>
        <Button
          type="submit"
          variant={tone === 'danger' ? 'danger' : 'primary'}
          disabled={!confirmed}
          pending={pending}
        >
          {confirmLabel}
        </Button>
      </div>
    </form>
  );
}
