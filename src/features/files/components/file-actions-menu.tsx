import clsx from 'clsx';
import { Copy, Download, Eye, FolderInput, MoreHorizontal, Trash2 } from 'lucide-react';
import { DropdownMenu } from 'radix-ui';
import { useState, type KeyboardEvent, type PointerEvent, type ReactNode } from 'react';
import type { FileInfo } from '../../../../contract/files';
import { buttonClasses } from '../../../components/ui/button-styles';

export interface FileActions {
  preview: (file: FileInfo) => void;
  download: (file: FileInfo) => void;
  copyId: (file: FileInfo) => void;
  remove: (file: FileInfo) => void;
  /** Moves a file to another folder (offered only where the server has folders). */
  move?: ((file: FileInfo) => void) | null;
  /**
   * Why files cannot be deleted or moved here (a viewer's role): Delete and Move are shown
   * disabled with it.
   */
  removeRefusal?: string | null;
}

const itemClasses = clsx(
  'flex cursor-default items-center gap-2 rounded px-2 py-1.5 text-sm outline-none select-none',
  'data-[highlighted]:bg-raised',
);

function Item({
  icon,
  children,
  onSelect,
  danger = false,
  disabled = false,
}: {
  icon: ReactNode;
  children: ReactNode;
  onSelect: () => void;
  danger?: boolean;
  disabled?: boolean;
}) {
  return (
    <DropdownMenu.Item
      className={clsx(itemClasses, danger && 'text-danger', 'data-[disabled]:opacity-60')}
      onSelect={onSelect}
      disabled={disabled}
    >
      {icon}
      {children}
    </DropdownMenu.Item>
  );
}

const OPENING_KEYS = new Set(['Enter', ' ', 'ArrowDown']);

/**
 * One file's actions behind one button, so a page of files is not hundreds of tab stops. The
 * menu itself is made on first use: a page of 200 tiles then renders 200 plain buttons, not
 * 200 menus.
 */
export function FileActionsMenu({
  file,
  actions,
  className,
}: {
  file: FileInfo;
  actions: FileActions;
  className?: string;
}) {
  const [wanted, setWanted] = useState(false);
  const [open, setOpen] = useState(false);
  const label = `Actions for ${file.filename}`;
  const triggerClasses = buttonClasses('ghost', 'icon', className);
  const icon = <MoreHorizontal aria-hidden className="size-4" />;

  if (!wanted) {
    // Opens as the menu's own trigger would: on pointer down, or Enter, Space or ↓.
    const openMenu = (event: PointerEvent | KeyboardEvent) => {
      event.preventDefault();
      setWanted(true);
      setOpen(true);
    };
    return (
      <button
        type="button"
        aria-label={label}
        aria-haspopup="menu"
        aria-expanded={false}
        title="Actions"
        className={triggerClasses}
        onPointerDown={(event) => {
          if (event.button === 0 && !event.ctrlKey) openMenu(event);
        }}
        onKeyDown={(event) => {
          if (OPENING_KEYS.has(event.key)) openMenu(event);
        }}
      >
        {icon}
      </button>
    );
  }

  return (
    <DropdownMenu.Root modal={false} open={open} onOpenChange={setOpen}>
      <DropdownMenu.Trigger aria-label={label} title="Actions" className={triggerClasses}>
        {icon}
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content
          align="end"
          sideOffset={4}
          className="z-50 min-w-44 rounded-md border border-border bg-surface p-1 text-fg shadow-lg"
        >
          <Item
            icon={<Eye aria-hidden className="size-4" />}
            onSelect={() => actions.preview(file)}
          >
            Preview
          </Item>
          <Item
            icon={<Download aria-hidden className="size-4" />}
            onSelect={() => actions.download(file)}
          >
            Download
          </Item>
          <Item
            icon={<Copy aria-hidden className="size-4" />}
            onSelect={() => actions.copyId(file)}
          >
            Copy ID
          </Item>
          {actions.move && (
            <Item
              icon={<FolderInput aria-hidden className="size-4" />}
              onSelect={() => actions.move?.(file)}
              disabled={Boolean(actions.removeRefusal)}
            >
              Move to folder…
            </Item>
          )}
          <DropdownMenu.Separator className="my-1 h-px bg-border" />
          <Item
            icon={<Trash2 aria-hidden className="size-4" />}
            onSelect={() => actions.remove(file)}
            danger
            disabled={Boolean(actions.removeRefusal)}
          >
            Delete
          </Item>
          {actions.removeRefusal && (
            <p className="max-w-64 px-2 pb-1 text-xs text-muted">{actions.removeRefusal}</p>
          )}
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
