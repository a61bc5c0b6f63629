import clsx from 'clsx';
import type { ComponentProps } from 'react';

/** A plain, accessible data table; the caption names it for screen readers. */
export function Table({
  caption,
  className,
  children,
  ...props
}: ComponentProps<'table'> & { caption: string }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-border bg-surface shadow-sm">
      <table className={clsx('w-full border-collapse text-left text-sm', className)} {...props}>
        <caption className="sr-only">{caption}</caption>
        {children}
      </table>
    </div>
  );
}

export function Th({ className, ...props }: ComponentProps<'th'>) {
  return (
    <th
      scope="col"
      className={clsx(
        'border-b border-border bg-raised px-4 py-2.5 text-xs font-medium tracking-wide text-muted uppercase',
        className,
      )}
      {...props}
    />
  );
}

export function Td({ className, ...props }: ComponentProps<'td'>) {
  return <td className={clsx('px-4 py-3 align-middle', className)} {...props} />;
}

export function Tr({ className, ...props }: ComponentProps<'tr'>) {
  return (
    <tr
      className={clsx('border-b border-border last:border-b-0 hover:bg-raised/60', className)}
      {...props}
    />
  );
}
