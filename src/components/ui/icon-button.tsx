import clsx from 'clsx';
import type { LucideIcon } from 'lucide-react';
import { Button, type ButtonProps } from './button';

export interface IconButtonProps extends Omit<
  ButtonProps,
  'children' | 'variant' | 'size' | 'aria-label'
> {
  /** The accessible name ("Delete acme"). */
  label: string;
  /** The tooltip, with the shortcut when there is one ("Zoom in (+)"). */
  title: string;
  icon: LucideIcon;
  danger?: boolean;
}

/** An action shown as an icon alone; while `pending`, a spinner stands in for the icon. */
export function IconButton({
  label,
  icon: Icon,
  danger = false,
  pending = false,
  className,
  ...props
}: IconButtonProps) {
  return (
    <Button
      variant="ghost"
      size="icon"
      aria-label={label}
      pending={pending}
      className={clsx(danger && 'hover:text-danger', className)}
      {...props}
    >
      {!pending && <Icon aria-hidden className="size-4" />}
    </Button>
  );
}
