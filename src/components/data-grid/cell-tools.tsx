import clsx from 'clsx';
import { Copy, Maximize2 } from 'lucide-react';
import { Popover } from 'radix-ui';
import { Button } from '../ui/button';
import { cellText, decodeBase64, formatTypeName, toHex, valueKind } from './cell-format';
import { FullValue } from './cell-value';
import { copyText } from './copy';
import type { GridColumn } from './types';

const toolClasses = clsx(
  'rounded p-1 text-muted hover:bg-border/60 hover:text-fg',
  'focus-visible:outline-2 focus-visible:outline-accent',
);

/**
 * "Show full value" and "Copy value", on the hovered or focused cell only. Hidden from screen
 * readers, which would otherwise read both names with every cell: the keyboard does the same
 * (Space, Ctrl+C), as the grid's description says.
 */
export function CellTools({
  onlyOnHover,
  expandable,
  onExpand,
  onCopy,
}: {
  /** Shown while the pointer is over the cell (the focused cell shows them always). */
  onlyOnHover: boolean;
  expandable: boolean;
  onExpand: () => void;
  onCopy: () => void;
}) {
  return (
    <div
      aria-hidden
      className={clsx(
        'absolute inset-y-0 right-0 flex items-center gap-0.5 bg-gradient-to-l from-surface from-70% to-transparent pr-1 pl-4',
        onlyOnHover && 'invisible group-hover/cell:visible',
      )}
    >
      {expandable && (
        <button
          type="button"
          tabIndex={-1}
          aria-label="Show full value"
          title="Show full value (Space)"
          className={toolClasses}
          onClick={(event) => {
            event.stopPropagation();
            onExpand();
          }}
        >
          <Maximize2 aria-hidden className="size-3.5" />
        </button>
      )}
      <button
        type="button"
        tabIndex={-1}
        aria-label="Copy value"
        title="Copy value (Ctrl+C)"
        className={toolClasses}
        onClick={(event) => {
          event.stopPropagation();
          onCopy();
        }}
      >
        <Copy aria-hidden className="size-3.5" />
      </button>
    </div>
  );
}

/** The whole value of one cell, next to it, with ways to copy it. */
export function ValuePopover({
  column,
  value,
  onClose,
}: {
  column: GridColumn;
  value: unknown;
  onClose: () => void;
}) {
  const isBinary = valueKind(value, column.type) === 'bytea';
  return (
    <Popover.Root open onOpenChange={(open) => !open && onClose()}>
      <Popover.Anchor className="pointer-events-none absolute inset-0" />
      <Popover.Portal>
        <Popover.Content
          side="bottom"
          align="start"
          sideOffset={2}
          collisionPadding={12}
          aria-label={`Value of ${column.name}`}
          className={clsx(
            'z-50 flex w-[min(40rem,calc(100vw-2rem))] flex-col rounded-md border border-border bg-surface text-fg shadow-xl',
            'max-h-[min(32rem,var(--radix-popover-content-available-height))]',
          )}
          onCloseAutoFocus={(event) => event.preventDefault()}
        >
          <div className="flex items-center gap-2 border-b border-border px-3 py-2">
            <span className="min-w-0 flex-1 truncate text-sm font-semibold">{column.name}</span>
            {column.type && (
              <span className="font-mono text-xs text-muted">{formatTypeName(column.type)}</span>
            )}
          </div>
          <div className="min-h-0 flex-1 overflow-auto px-3 py-2">
            <FullValue value={value} type={column.type} />
          </div>
          <div className="flex justify-end gap-2 border-t border-border px-3 py-2">
            {isBinary && (
              <Button
                size="sm"
                onClick={() => void copyText(toHex(decodeBase64(value as string)), 'Hex')}
              >
                <Copy aria-hidden className="size-3.5" />
                Copy as hex
              </Button>
            )}
            <Button
              size="sm"
              onClick={() =>
                void copyText(cellText(value, column.type), isBinary ? 'Base64' : 'Value')
              }
            >
              <Copy aria-hidden className="size-3.5" />
              {isBinary ? 'Copy as base64' : 'Copy'}
            </Button>
            <Popover.Close asChild>
              <Button size="sm" variant="ghost">
                Close
              </Button>
            </Popover.Close>
          </div>
        </Popover.Content>
      </Popover.Portal>
    </Popover.Root>
  );
}
