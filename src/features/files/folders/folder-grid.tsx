import clsx from 'clsx';
import { Folder, FolderOpen, MoreHorizontal, Trash2 } from 'lucide-react';
import { DropdownMenu } from 'radix-ui';
import { Link, useNavigate, type To } from 'react-router';
import type { FolderInfo } from '../../../../contract/files';
import { buttonClasses } from '../../../components/ui/button-styles';
import { useFileDropTarget } from './file-drag';

export interface FolderGridProps {
  /** The folder these are in, for the list's name. */
  parentName: string;
  folders: readonly FolderInfo[];
  /** Whether the server had more than it listed. */
  truncated: boolean;
  hrefOf: (path: string) => To;
  /** Files dropped on a folder move into it; null for a viewer. */
  onDropFiles: ((ids: string[], folder: string) => void) | null;
  onDelete: (folder: FolderInfo) => void;
  /** Why folders cannot be deleted here (a viewer's role): Delete is disabled, saying it. */
  deleteRefusal: string | null;
}

/** The folders in the folder shown, before its files: each opens on click or Enter. */
export function FolderGrid({ parentName, folders, truncated, ...rest }: FolderGridProps) {
  if (folders.length === 0) return null;
  return (
    <div className="space-y-1">
      <ul
        aria-label={`Folders in ${parentName}`}
        className="grid grid-cols-[repeat(auto-fill,minmax(10rem,1fr))] gap-2 sm:grid-cols-[repeat(auto-fill,minmax(12rem,1fr))]"
      >
        {folders.map((folder) => (
          <FolderTile key={folder.path} folder={folder} {...rest} />
        ))}
      </ul>
      {truncated && (
        <p className="text-xs text-muted">
          Only the first {folders.length} folders are shown: open the others with the path in the
          address.
        </p>
      )}
    </div>
  );
}

const itemClasses = clsx(
  'flex cursor-default items-center gap-2 rounded px-2 py-1.5 text-sm outline-none select-none',
  'data-[highlighted]:bg-raised data-[disabled]:opacity-60',
);

function FolderTile({
  folder,
  hrefOf,
  onDropFiles,
  onDelete,
  deleteRefusal,
}: { folder: FolderInfo } & Omit<FolderGridProps, 'parentName' | 'folders' | 'truncated'>) {
  const navigate = useNavigate();
  const drop = useFileDropTarget(onDropFiles && ((ids) => onDropFiles(ids, folder.path)));
  const to = hrefOf(folder.path);
  return (
    <li
      {...drop.props}
      className={clsx(
        'group flex items-center rounded-lg border bg-surface shadow-sm transition-colors',
        drop.over ? 'border-accent bg-accent/10 ring-2 ring-accent' : 'border-border',
        'hover:border-accent/60',
      )}
    >
      <Link
        to={to}
        title={folder.path}
        className="flex min-w-0 flex-1 items-center gap-2.5 rounded-l-lg py-2.5 pl-3 text-sm font-medium text-fg focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-accent"
      >
        {drop.over ? (
          <FolderOpen aria-hidden className="size-5 shrink-0 text-accent" />
        ) : (
          <Folder aria-hidden className="size-5 shrink-0 fill-accent/15 text-accent" />
        )}
        <span className="truncate">{folder.name}</span>
      </Link>
      <DropdownMenu.Root modal={false}>
        <DropdownMenu.Trigger
          aria-label={`Actions for folder ${folder.name}`}
          title="Actions"
          className={buttonClasses('ghost', 'icon', 'mr-1 shrink-0')}
        >
          <MoreHorizontal aria-hidden className="size-4" />
        </DropdownMenu.Trigger>
        <DropdownMenu.Portal>
          <DropdownMenu.Content
            align="end"
            sideOffset={4}
            className="z-50 min-w-44 rounded-md border border-border bg-surface p-1 text-fg shadow-lg"
          >
            <DropdownMenu.Item className={itemClasses} onSelect={() => void navigate(to)}>
              <FolderOpen aria-hidden className="size-4" />
              Open
            </DropdownMenu.Item>
            <DropdownMenu.Separator className="my-1 h-px bg-border" />
            <DropdownMenu.Item
              className={clsx(itemClasses, 'text-danger')}
              disabled={deleteRefusal !== null}
              onSelect={() => onDelete(folder)}
            >
              <Trash2 aria-hidden className="size-4" />
              Delete folder
            </DropdownMenu.Item>
            {deleteRefusal && (
              <p className="max-w-64 px-2 pb-1 text-xs text-muted">{deleteRefusal}</p>
            )}
          </DropdownMenu.Content>
        </DropdownMenu.Portal>
      </DropdownMenu.Root>
    </li>
  );
}
