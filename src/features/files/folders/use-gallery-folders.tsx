import { useQuery } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import type { To } from 'react-router';
import { toast } from 'sonner';
import type { FileInfo, FolderInfo } from '../../../../contract/files';
import { isApiError } from '../../../lib/api-client';
import type { WriteAccess } from '../../workspaces';
import { useMoveFiles } from '../api/files-move-mutation';
import { useDeleteFolder } from '../api/folder-delete-mutation';
import { folderListQueryOptions } from '../api/folders-query';
import { galleryParams, type GalleryState } from '../components/files-url-state';
import { DeleteFolderDialog } from './delete-folder-dialog';
import { baseName, ROOT } from './folder-paths';
import { MoveFilesDialog } from './move-files-dialog';
import { NewFolderDialog } from './new-folder-dialog';

/**
 * Whether the server has folders: the bundled server lists the root folder of every workspace,
 * the hosted API has no such endpoint (an error, or an answer of another shape). Until it
 * answers, `pending`; the gallery waits for it only where the answer changes what it asks for.
 */
export type FolderSupport = 'pending' | 'on' | 'off';

export function useFolderSupport(orgId: string, workspaceId: string): FolderSupport {
  const root = useQuery({
    ...folderListQueryOptions(orgId, workspaceId, ROOT),
    // What the server can do does not change while the page is open; the root's folders are
    // refreshed by every change to folders (their key is invalidated), not by time.
    staleTime: Infinity,
    // A server without folders stays without them: its refusal is not asked again.
    retryOnMount: false,
  });
  return root.isSuccess ? 'on' : root.isError ? 'off' : 'pending';
}

const countFiles = (count: number) => (count === 1 ? '1 file' : `${count} files`);

/**
 * The gallery's folders: the folders in the one shown, and creating, deleting and moving into
 * them (its dialogs are `dialogs`, to be rendered once). `fileById` names the files a drag
 * carries; `onMoved` hears which files left the folder shown.
 */
export function useGalleryFolders({
  orgId,
  workspaceId,
  state,
  access,
  fileById,
  onMoved,
}: {
  orgId: string;
  workspaceId: string;
  state: GalleryState;
  access: WriteAccess;
  fileById: (id: string) => FileInfo | undefined;
  onMoved: (ids: string[]) => void;
}) {
  const support = useFolderSupport(orgId, workspaceId);
  const on = support === 'on';
  const { folder } = state;
  const listing = useQuery({ ...folderListQueryOptions(orgId, workspaceId, folder), enabled: on });
  const missing = on && isApiError(listing.error) && listing.error.status === 404;

  const [creating, setCreating] = useState(false);
  const [moving, setMoving] = useState<FileInfo[] | null>(null);
  const [moveError, setMoveError] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<FolderInfo | null>(null);
  const { mutate: mutateMove, isPending: movePending } = useMoveFiles(orgId, workspaceId);
  const removeFolder = useDeleteFolder(orgId, workspaceId);

  const moveFiles = useCallback(
    (files: readonly FileInfo[], to: string, { fromDialog = false } = {}) => {
      const count = files.length;
      mutateMove(
        { files, folder: to },
        {
          onSuccess: ({ moved, failed }) => {
            onMoved(moved.map((file) => file.id));
            if (failed.length === 0) {
              setMoving(null);
              toast.success(
                `Moved ${count === 1 ? files[0]!.filename : countFiles(count)} to ${baseName(to)}`,
              );
              return;
            }
            const message = `Moved ${moved.length} of ${count}. Not moved: ${failed
              .map(({ file, message: why }) => `${file.filename} (${why})`)
              .join('; ')}`;
            if (fromDialog) {
              setMoving(failed.map(({ file }) => file));
              setMoveError(message);
            } else {
              toast.error(message);
            }
          },
          onError: (error) =>
            fromDialog ? setMoveError(error.message) : toast.error(error.message),
        },
      );
    },
    [mutateMove, onMoved],
  );

  const askToMove = useCallback((files: FileInfo[]) => {
    setMoveError(null);
    setMoving(files);
  }, []);

  // A drop names ids; those the gallery has not seen (another tab's drag) are left alone.
  const onDropFiles = useCallback(
    (ids: string[], to: string) => {
      const files = ids.map(fileById).filter((file): file is FileInfo => file !== undefined);
      if (files.length > 0) moveFiles(files, to);
    },
    [fileById, moveFiles],
  );

  const hrefOf = useCallback(
    (path: string): To => {
      const search = galleryParams({ ...state, folder: path, page: 1, preview: null }).toString();
      return { search: search ? `?${search}` : '' };
    },
    [state],
  );

  const dialogs = on && (
    <>
      <NewFolderDialog
        orgId={orgId}
        workspaceId={workspaceId}
        parent={folder}
        open={creating}
        onOpenChange={setCreating}
      />
      <MoveFilesDialog
        orgId={orgId}
        workspaceId={workspaceId}
        files={moving}
        start={folder}
        onMove={(to) => moving && moveFiles(moving, to, { fromDialog: true })}
        onClose={() => setMoving(null)}
        pending={movePending}
        error={moveError}
      />
      <DeleteFolderDialog
        folder={deleting}
        onConfirm={() =>
          deleting &&
          removeFolder.mutate(deleting.path, {
            onSuccess: () => {
              toast.success(`Deleted folder ${deleting.name}`);
              setDeleting(null);
            },
          })
        }
        onClose={() => {
          removeFolder.reset();
          setDeleting(null);
        }}
        pending={removeFolder.isPending}
        error={removeFolder.error?.message ?? null}
      />
    </>
  );

  return {
    support,
    on,
    folder,
    /** The folders in the folder shown; empty while loading. */
    subfolders: listing.data?.folders ?? [],
    truncated: listing.data?.truncated ?? false,
    /** The folder in the address does not exist (a stale link). */
    missing,
    hrefOf,
    newFolder: () => setCreating(true),
    /** Null without folders; a viewer sees the action disabled (the file actions' refusal). */
    askToMove: on ? askToMove : null,
    onDropFiles: on && access.canWrite ? onDropFiles : null,
    askToDeleteFolder: (target: FolderInfo) => {
      removeFolder.reset();
      setDeleting(target);
    },
    dialogs,
  };
}
