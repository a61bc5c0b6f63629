import clsx from 'clsx';
import { Label } from 'radix-ui';
import { useId, type ComponentProps, type ReactNode } from 'react';

const inputClasses = clsx(
  'block h-9 w-full rounded border border-border bg-surface px-3 text-sm text-fg shadow-sm',
  'placeholder:text-muted/70',
  'focus-visible:outline-2 focus-visible:outline-offset-0 focus-visible:outline-accent',
  'disabled:opacity-60 read-only:bg-raised',
  'aria-invalid:border-danger aria-invalid:focus-visible:outline-danger',
);

export function Input({ className, ...props }: ComponentProps<'input'>) {
  return <input className={clsx(inputClasses, className)} {...props} />;
}

export interface TextFieldProps extends Omit<ComponentProps<'input'>, 'id'> {
  label: string;
  /** Help shown under the field at all times. */
  hint?: ReactNode;
  /** Shown under the field and announced; marks the field invalid. */
  error?: string | null | undefined;
  id?: string;
}

/** A labelled input with its help text and inline error wired up for assistive technology. */
export function TextField({ label, hint, error, id, className, ...props }: TextFieldProps) {
  const generatedId = useId();
  const inputId = id ?? generatedId;
  const errorId = `${inputId}-error`;
  const hintId = `${inputId}-hint`;
  const describedBy = [error ? errorId : null, hint ? hintId : null].filter(Boolean).join(' ');
  return (
    <div className={clsx('space-y-1.5', className)}>
      <Label.Root htmlFor={inputId} className="block text-sm font-medium text-fg">
        {label}
      </Label.Root>
      <Input
        id={inputId}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy || undefined}
        {...props}
      />
      {error && (
        <p id={errorId} className="text-sm text-danger">
          {error}
        </p>
      )}
      {hint && (
        <p id={hintId} className="text-xs text-muted">
          {hint}
        </p>
      )}
    </div>
  );
}

export function FieldLabel({ className, ...props }: ComponentProps<typeof Label.Root>) {
  return <Label.Root className={clsx('block text-sm font-medium text-fg', className)} {...props} />;
}
