import { useQuery } from '@tanstack/react-query';
import { FolderOpen, FolderPlus, FolderX, SearchX, Upload } from 'lucide-react';
import { lazy, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useDropzone } from 'react-dropzone';
import { Link } from 'react-router';
import { toast } from 'sonner';
import type { FileInfo } from '../../../../contract/files';
import { Button } from '../../../components/ui/button';
import { EmptyState } from '../../../components/ui/empty-state';
import { LazyMount } from '../../../components/ui/lazy-mount';
import { PageHeader } from '../../../components/ui/page-header';
import { queryFallback } from '../../../components/ui/query-fallback';
import { useDocumentTitle } from '../../../lib/use-document-title';
import {
  ReadOnlyNote,
  useCurrentWorkspace,
  useWriteAccess,
  WorkspacePicker,
  writeControl,
} from '../../workspaces';
import { fileListQueryOptions } from '../api/files-query';
import { startFileDrag } from '../folders/file-drag';
import { FolderBreadcrumbs } from '../folders/folder-breadcrumbs';
import { FolderGrid } from '../folders/folder-grid';
import { baseName, ROOT } from '../folders/folder-paths';
import { useGalleryFolders } from '../folders/use-gallery-folders';
import { copyFileId, downloadFile } from '../lib/file-actions';
import { startMediaProxy } from '../preview/media-proxy';
import { recordQuery } from '../upload/record-target';
import { useRecordTarget } from '../upload/use-record-target';
import { useUploadQueue } from '../upload/use-upload-queue';
import type { FileActions } from './file-actions-menu';
import { FileGrid, FileList } from './file-collection';
import { galleryListParams, TYPE_FILTERS, useGalleryState } from './files-url-state';
import { GalleryPagination } from './gallery-pagination';
import { DropOverlay, GallerySkeleton } from './gallery-parts';
import { GalleryToolbar } from './gallery-toolbar';
import { SelectionBar } from './selection-bar';
import { EMPTY_SELECTION, togglePage, toggleSelection, withoutIds } from './selection';
import { UploadPanel } from './upload-panel';
import { useFileDeletion } from './use-file-deletion';
import { useFilesDraggedOverWindow } from './use-files-dragged-over-window';
import { usePreviewNavigation } from './use-preview-navigation';

const FilePreviewDialog = lazy(() =>
  import('../preview/file-preview-dialog').then((m) => ({ default: m.FilePreviewDialog })),
);

export function FilesScreen() {
  const { orgId, workspaceId } = useCurrentWorkspace();
  // Keyed by workspace: a selection or a dialog never carries over to another workspace.
  return <Gallery key={`${orgId}/${workspaceId}`} />;
}

function Gallery() {
  const { orgId, workspaceId, workspace } = useCurrentWorkspace();
  useDocumentTitle(`Files · ${workspace.name}`);
  const { state, update, navigations } = useGalleryState();
  const { folder, page, size, type, q, view } = state;
  const filtered = type !== 'all' || q !== '';
  const access = useWriteAccess();
  const readOnlyReason = access.reason;

  // Every file seen, by id, so a selection spanning pages (or a drag) can name its files.
  const seen = useRef(new Map<string, FileInfo>());
  const fileById = useCallback((id: string) => seen.current.get(id), []);
  const [selection, setSelection] = useState(EMPTY_SELECTION);
  const onMoved = useCallback(
    (ids: string[]) => {
      setSelection((current) => withoutIds(current, ids));
      update((current) =>
        current.preview && ids.includes(current.preview) ? { preview: null } : {},
      );
    },
    [update],
  );
  const folders = useGalleryFolders({ orgId, workspaceId, state, access, fileById, onMoved });
  // A folder in the address was written by a console that found folders: ask for its files at
  // once. At the top, which files to ask for waits for whether the server has folders.
  const foldersOn = folders.support === 'pending' ? folder !== ROOT : folders.on;
  const list = useQuery({
    ...fileListQueryOptions(orgId, workspaceId, galleryListParams(state, foldersOn)),
    enabled: folders.support !== 'pending' || folder !== ROOT,
  });
  const files = useMemo(() => list.data?.files ?? [], [list.data]);
  const total = list.data?.total ?? 0;
  const lastPage = Math.max(1, Math.ceil(total / size));
  const settled = list.isSuccess && !list.isPlaceholderData;

  // Past the end (files deleted, a stale link): go to the last page there is.
  useEffect(() => {
    if (settled && page > lastPage) update({ page: lastPage });
  }, [settled, page, lastPage, update]);

  useEffect(() => {
    for (const file of files) seen.current.set(file.id, file);
  }, [files]);

  // The media worker takes a moment to start: start it before a video is first opened, but
  // once the page is idle, so installing it does not compete with the first thumbnails.
  useEffect(() => {
    if (typeof requestIdleCallback !== 'function') {
      void startMediaProxy();
      return;
    }
    const idle = requestIdleCallback(() => void startMediaProxy(), { timeout: 5_000 });
    return () => cancelIdleCallback(idle);
  }, []);

  const pageIds = useMemo(() => files.map((file) => file.id), [files]);

  // Uploads.
  const { queue, items: uploads } = useUploadQueue(orgId, workspaceId);
  // Where the server has folders, it also records uploads in tables.
  const recording = useRecordTarget({ orgId, workspaceId, available: folders.on, access });
  const recordIn = recording.target;
  const onDrop = useCallback(
    (accepted: File[]) => {
      // A viewer's drop is refused here, in words, rather than by a 403 per file.
      if (readOnlyReason) toast.error(readOnlyReason);
      // Into the folder shown, where there are folders, and a row each where that was asked.
      else {
        queue.add(accepted, {
          ...(folders.on ? { folder } : {}),
          ...(recordIn ? recordQuery(recordIn) : {}),
        });
      }
    },
    [queue, readOnlyReason, folders.on, folder, recordIn],
  );
  const { getRootProps, getInputProps, isDragActive, open } = useDropzone({
    onDrop,
    noClick: true,
    noKeyboard: true,
    multiple: true,
  });
  const draggingFiles = useFilesDraggedOverWindow();

  // Deleting.
  const { askToDelete, dialog: deleteDialog } = useFileDeletion({
    orgId,
    workspaceId,
    onDeleted: (gone) => {
      setSelection((current) => withoutIds(current, gone));
      for (const id of gone) seen.current.delete(id);
      update((current) =>
        current.preview && gone.includes(current.preview) ? { preview: null } : {},
      );
    },
  });

  const { askToMove } = folders;
  // Stable, so that the memoized tiles do not all render again when anything changes.
  const actions = useMemo<FileActions>(
    () => ({
      preview: (file) => update({ preview: file.id }),
      download: (file) => void downloadFile({ orgId, workspaceId, file }),
      copyId: (file) => void copyFileId(workspaceId, file),
      remove: (file) => askToDelete([file]),
      move: askToMove && ((file) => askToMove([file])),
      removeRefusal: readOnlyReason,
    }),
    [orgId, workspaceId, update, readOnlyReason, askToMove, askToDelete],
  );

  // A drag takes the whole selection when it starts on a selected file. The selection is read
  // when the drag starts, so the tiles do not all render again whenever it changes.
  const selectionNow = useRef(selection);
  useEffect(() => {
    selectionNow.current = selection;
  }, [selection]);
  const onDragFile = useMemo(
    () =>
      folders.onDropFiles
        ? (file: FileInfo, event: React.DragEvent<HTMLElement>) => {
            const { ids } = selectionNow.current;
            startFileDrag(event, ids.has(file.id) ? [...ids] : [file.id]);
          }
        : undefined,
    [folders.onDropFiles],
  );

  const { previewIndex, previewFile, placeholderPreview, onPrevious, onNext } =
    usePreviewNavigation({ files, preview: state.preview, page, lastPage, settled, update });

  const onSearch = useCallback((text: string) => update({ q: text, page: 1 }), [update]);
  const onToggle = useCallback(
    (index: number, range: boolean) =>
      setSelection((current) => toggleSelection(current, pageIds, index, range)),
    [pageIds],
  );
  const selected = () =>
    [...selection.ids]
      .map((id) => seen.current.get(id))
      .filter((file): file is FileInfo => file !== undefined);
  // Inside a folder, its name says where the gallery is; at the top, the workspace's.
  const place = folders.on && folder !== ROOT ? baseName(folder) : workspace.name;
  const collection = {
    orgId,
    workspaceId,
    files,
    label: `Files ${place === workspace.name ? 'of' : 'in'} ${place}, page ${page}`,
    selection,
    onToggle,
    onTogglePage: () => setSelection((current) => togglePage(current, pageIds)),
    actions,
    onDragFile,
  };
  const uploadButton = (
    <Button variant="primary" onClick={open} {...writeControl(access)}>
      <Upload aria-hidden className="size-4" />
      Upload files
    </Button>
  );
  const newFolderButton = folders.on && (
    <Button onClick={folders.newFolder} {...writeControl(access)}>
      <FolderPlus aria-hidden className="size-4" />
      New folder
    </Button>
  );
  // Folders come before the files, on the first page; a search or type filter lists files
  // anywhere under the folder instead.
  const folderGrid = folders.on && !filtered && page === 1 && (
    <FolderGrid
      parentName={place}
      folders={folders.subfolders}
      truncated={folders.truncated}
      hrefOf={folders.hrefOf}
      onDropFiles={folders.onDropFiles}
      onDelete={folders.askToDeleteFolder}
      deleteRefusal={readOnlyReason}
    />
  );
  const hasSubfolders = Boolean(folderGrid) && folders.subfolders.length > 0;

  const body = folders.missing ? (
    <EmptyState
      icon={FolderX}
      title="No such folder"
      action={
        <Link to={folders.hrefOf(ROOT)} className="text-sm font-medium text-accent underline">
          Go to {ROOT}
        </Link>
      }
    >
      {workspace.name} has no folder {folder}: it may have been deleted, or the link is wrong.
    </EmptyState>
  ) : list.isPending ? (
    <GallerySkeleton />
  ) : list.isError ? (
    queryFallback(list, { pending: 'Loading files', failed: 'Could not load the files' })
  ) : total === 0 && !filtered && hasSubfolders ? (
    <div className="space-y-4">
      {folderGrid}
      <p className="text-sm text-muted">No files in {place} itself.</p>
    </div>
  ) : total === 0 && !filtered ? (
    <EmptyState
      icon={FolderOpen}
      title={folders.on && folder !== ROOT ? `${place} is empty` : 'No files yet'}
      action={
        <div className="flex gap-2">
          {uploadButton}
          {newFolderButton}
        </div>
      }
    >
      Drop files anywhere on this page, or choose them with Upload files. Images, video, audio and
      PDFs get previews; files of any other type are stored too.
    </EmptyState>
  ) : files.length === 0 && settled ? (
    <EmptyState
      icon={SearchX}
      title="No files match"
      action={
        <Button onClick={() => update({ q: '', type: 'all', page: 1 })}>Clear filters</Button>
      }
    >
      No {type === 'all' ? 'files' : TYPE_FILTERS[type].label.toLowerCase()}
      {q && <> with “{q}” in the name</>} in {folders.on ? folder : workspace.name}.
    </EmptyState>
  ) : (
    <div aria-busy={list.isPlaceholderData || undefined} className="space-y-4">
      {folderGrid}
      {view === 'grid' ? <FileGrid {...collection} /> : <FileList {...collection} />}
      <GalleryPagination
        page={page}
        size={size}
        total={total}
        onPage={(next) => update({ page: next })}
        onSize={(next) => update({ size: next, page: 1 })}
      />
    </div>
  );

  return (
    <div {...getRootProps({ className: 'relative min-h-[60dvh] focus:outline-none' })}>
      <input {...getInputProps({ 'aria-label': 'Files to upload' })} />
      <PageHeader
        title="Files"
        description={
          <>
            Images, video, audio, PDFs and any other files of{' '}
            <span className="font-medium text-fg">{workspace.name}</span>. Drop files anywhere on
            this page to upload them{folders.on && ' into the folder shown'}.
          </>
        }
        actions={
          <>
            <div className="w-56">
              <WorkspacePicker area="files" />
            </div>
            {uploadButton}
          </>
        }
      />
      <ReadOnlyNote access={access} className="mb-4" />

      <div className="space-y-4">
        {folders.on && (
          <div className="flex flex-wrap items-center gap-2">
            <FolderBreadcrumbs
              folder={folder}
              hrefOf={folders.hrefOf}
              onDropFiles={folders.onDropFiles}
            />
            <div className="ml-auto flex flex-wrap gap-2">
              {recording.controls}
              {newFolderButton}
            </div>
          </div>
        )}
        <GalleryToolbar
          q={q}
          type={type}
          view={view}
          navigations={navigations}
          onSearch={onSearch}
          onType={(value) => update({ type: value, page: 1 })}
          onView={(value) => update({ view: value })}
        />

        {selection.ids.size > 0 && (
          <SelectionBar
            count={selection.ids.size}
            access={access}
            onClear={() => setSelection(EMPTY_SELECTION)}
            onDelete={() => askToDelete(selected())}
            onMove={folders.askToMove && (() => folders.askToMove?.(selected()))}
          />
        )}

        {body}
      </div>

      {/* Inside the drop zone and over the whole window: a drop anywhere lands on it. */}
      {(draggingFiles || isDragActive) && (
        <DropOverlay
          message={readOnlyReason ? 'Viewers cannot upload files' : `Drop to upload to ${place}`}
        />
      )}

      <UploadPanel queue={queue} items={uploads} />
      {folders.dialogs}
      {recording.dialog}

      {deleteDialog}

      <LazyMount when={state.preview !== null}>
        {state.preview !== null && (
          <FilePreviewDialog
            orgId={orgId}
            workspaceId={workspaceId}
            file={previewFile}
            fileId={placeholderPreview ? undefined : state.preview}
            onClose={() => update({ preview: null })}
            onPrevious={onPrevious}
            onNext={onNext}
            position={
              previewIndex >= 0 ? `${(page - 1) * size + previewIndex + 1} of ${total}` : undefined
            }
          />
        )}
      </LazyMount>
    </div>
  );
}
