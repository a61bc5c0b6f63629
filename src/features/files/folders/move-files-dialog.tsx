import { useQuery } from '@tanstack/react-query';
import clsx from 'clsx';
import { ChevronRight, Folder, HardDrive } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import type { FileInfo } from '../../../../contract/files';
import { Dialog, DialogContent, DialogFormFooter } from '../../../components/ui/dialog';
import { TextField } from '../../../components/ui/input';
import { folderListQueryOptions } from '../api/folders-query';
import { crumbsOf, ROOT } from './folder-paths';

const countFiles = (count: number) => (count === 1 ? '1 file' : `${count} files`);

export interface MoveFilesDialogProps {
  orgId: string;
  workspaceId: string;
  /** What would move; null or empty when the dialog is closed. */
  files: readonly FileInfo[] | null;
  /** Where the picker starts: the folder shown. */
  start: string;
  onMove: (folder: string) => void;
  onClose: () => void;
  pending: boolean;
  error: string | null;
}

/** Moves files into a folder picked by browsing the drive, or typed (made when missing). */
export function MoveFilesDialog({ files, onClose, pending, ...props }: MoveFilesDialogProps) {
  const list = files ?? [];
  const title = list.length === 1 ? `Move ${list[0]!.filename}` : `Move ${countFiles(list.length)}`;
  return (
    <Dialog
      open={list.length > 0}
      onOpenChange={(open) => {
        if (!open && !pending) onClose();
      }}
    >
      <DialogContent
        title={title}
        description="Pick the folder to move into, or type its path: a folder that does not exist yet is made."
      >
        <MoveForm count={list.length} pending={pending} {...props} />
      </DialogContent>
    </Dialog>
  );
}

/** What is wrong with a typed destination that the person can see at once, or null. */
function destinationProblem(path: string): string | null {
  if (path === '') return 'Give the folder to move into, such as drive/photos';
  if (path !== ROOT && !path.startsWith(`${ROOT}/`)) {
    return `A folder is ${ROOT} or a folder in it, such as ${ROOT}/photos`;
  }
  return null;
}

function MoveForm({
  orgId,
  workspaceId,
  start,
  count,
  onMove,
  pending,
  error,
}: Omit<MoveFilesDialogProps, 'files' | 'onClose'> & { count: number }) {
  const [browsing, setBrowsing] = useState(start);
  const [destination, setDestination] = useState(start);
  const [attempted, setAttempted] = useState(false);
  const problem = attempted ? destinationProblem(destination.trim()) : null;
  const choose = (path: string) => {
    setBrowsing(path);
    setDestination(path);
  };

  function submit(event: FormEvent) {
    event.preventDefault();
    setAttempted(true);
    const path = destination.trim();
    if (destinationProblem(path) || pending) return;
    onMove(path);
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-4">
      {/* The field first: the dialog opens with it focused, to type a path or Enter at once. */}
      <TextField
        label="Destination folder"
        value={destination}
        onChange={(event) => setDestination(event.target.value)}
        error={problem}
        autoComplete="off"
        spellCheck={false}
      />
      <FolderPicker orgId={orgId} workspaceId={workspaceId} path={browsing} onChoose={choose} />
      <DialogFormFooter
        error={error}
        submitLabel={count === 1 ? 'Move file' : `Move ${countFiles(count)}`}
        pending={pending}
      />
    </form>
  );
}

/** The folder being browsed: its path to go up, and its folders to go into. */
function FolderPicker({
  orgId,
  workspaceId,
  path,
  onChoose,
}: {
  orgId: string;
  workspaceId: string;
  path: string;
  onChoose: (path: string) => void;
}) {
  const folders = useQuery(folderListQueryOptions(orgId, workspaceId, path));
  const crumbs = crumbsOf(path);
  return (
    <div className="rounded border border-border">
      <ol
        aria-label="Browsing"
        className="flex flex-wrap items-center gap-0.5 border-b border-border bg-raised px-2 py-1.5 text-sm"
      >
        {crumbs.map((crumb, index) => (
          <li key={crumb.path} className="flex items-center gap-0.5">
            {index > 0 && <ChevronRight aria-hidden className="size-3.5 text-muted" />}
            <button
              type="button"
              onClick={() => onChoose(crumb.path)}
              aria-current={index === crumbs.length - 1 ? 'location' : undefined}
              className={clsx(
                'flex items-center gap-1 rounded px-1 py-0.5 hover:bg-surface focus-visible:outline-2 focus-visible:outline-accent',
                index === crumbs.length - 1 ? 'font-semibold text-fg' : 'text-muted',
              )}
            >
              {index === 0 && <HardDrive aria-hidden className="size-3.5" />}
              {crumb.name}
            </button>
          </li>
        ))}
      </ol>
      <div className="max-h-56 overflow-y-auto p-1">
        {folders.isPending ? (
          <p className="px-2 py-1.5 text-sm text-muted">Loading folders…</p>
        ) : folders.isError ? (
          <p role="alert" className="px-2 py-1.5 text-sm text-danger">
            {folders.error.message}
          </p>
        ) : folders.data.folders.length === 0 ? (
          <p className="px-2 py-1.5 text-sm text-muted">No folders in {crumbs.at(-1)!.name}</p>
        ) : (
          <ul aria-label={`Folders in ${crumbs.at(-1)!.name}`}>
            {folders.data.folders.map((folder) => (
              <li key={folder.path}>
                <button
                  type="button"
                  onClick={() => onChoose(folder.path)}
                  className="flex w-full items-center gap-2 rounded px-2 py-1.5 text-left text-sm text-fg hover:bg-raised focus-visible:outline-2 focus-visible:outline-accent"
                >
                  <Folder aria-hidden className="size-4 shrink-0 fill-accent/15 text-accent" />
                  <span className="truncate">{folder.name}</span>
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
