import clsx from 'clsx';
import { DropdownMenu as RadixMenu } from 'radix-ui';
import type { ComponentProps } from 'react';

export const DropdownMenu = RadixMenu.Root;
export const DropdownMenuTrigger = RadixMenu.Trigger;

export function DropdownMenuContent({
  className,
  sideOffset = 6,
  ...props
}: ComponentProps<typeof RadixMenu.Content>) {
  return (
    <RadixMenu.Portal>
      <RadixMenu.Content
        sideOffset={sideOffset}
        className={clsx(
          'z-50 min-w-48 rounded-md border border-border bg-surface p-1 text-fg shadow-lg',
          className,
        )}
        {...props}
      />
    </RadixMenu.Portal>
  );
}

export function DropdownMenuItem({
  className,
  tone = 'default',
  ...props
}: ComponentProps<typeof RadixMenu.Item> & { tone?: 'default' | 'danger' }) {
  return (
    <RadixMenu.Item
      className={clsx(
        'flex cursor-default items-center gap-2 rounded px-2 py-1.5 text-sm outline-none select-none',
        'data-[disabled]:opacity-50 data-[highlighted]:bg-raised',
        tone === 'danger' && 'text-danger',
        className,
      )}
      {...props}
    />
  );
}

export function DropdownMenuLabel({ className, ...props }: ComponentProps<typeof RadixMenu.Label>) {
  return (
    <RadixMenu.Label className={clsx('px-2 py-1.5 text-xs text-muted', className)} {...props} />
  );
}

export function DropdownMenuSeparator({
  className,
  ...props
}: ComponentProps<typeof RadixMenu.Separator>) {
  return <RadixMenu.Separator className={clsx('my-1 h-px bg-border', className)} {...props} />;
}
