import { useQuery } from '@tanstack/react-query';
import { FolderOpen, SearchX, Trash2, Upload } from 'lucide-react';
import { lazy, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useDropzone } from 'react-dropzone';
import { toast } from 'sonner';
import type { FileInfo } from '../../../../contract/files';
import { Button } from '../../../components/ui/button';
import { EmptyState } from '../../../components/ui/empty-state';
import { LazyMount } from '../../../components/ui/lazy-mount';
import { PageHeader } from '../../../components/ui/page-header';
import { queryFallback } from '../../../components/ui/query-fallback';
import { Skeleton } from '../../../components/ui/skeleton';
import { useDocumentTitle } from '../../../lib/use-document-title';
import {
  ReadOnlyNote,
  useCurrentWorkspace,
  useWriteAccess,
  WorkspacePicker,
  writeControl,
} from '../../workspaces';
import { useDeleteFiles } from '../api/files-delete-mutation';
import { fileListQueryOptions } from '../api/files-query';
import { copyFileId, downloadFile } from '../lib/file-actions';
import { startMediaProxy } from '../preview/media-proxy';
import { useUploadQueue } from '../upload/use-upload-queue';
import { DeleteFilesDialog } from './delete-files-dialog';
import type { FileActions } from './file-actions-menu';
import { FileGrid, FileList } from './file-collection';
import { galleryListParams, TYPE_FILTERS, useGalleryState } from './files-url-state';
import { GalleryPagination } from './gallery-pagination';
import { GalleryToolbar } from './gallery-toolbar';
import { EMPTY_SELECTION, togglePage, toggleSelection, withoutIds } from './selection';
import { UploadPanel } from './upload-panel';

const FilePreviewDialog = lazy(() =>
  import('../preview/file-preview-dialog').then((m) => ({ default: m.FilePreviewDialog })),
);

/** Preview values that stand for "the first/last file of the page", while that page loads. */
const FIRST_OF_PAGE = ':first';
const LAST_OF_PAGE = ':last';

export function FilesScreen() {
  const { orgId, workspaceId } = useCurrentWorkspace();
  // Keyed by workspace: a selection or a dialog never carries over to another workspace.
  return <Gallery key={`${orgId}/${workspaceId}`} />;
}

function Gallery() {
  const { orgId, workspaceId, workspace } = useCurrentWorkspace();
  useDocumentTitle(`Files · ${workspace.name}`);
  const { state, update, navigations } = useGalleryState();
  const { page, size, type, q, view } = state;
  const filtered = type !== 'all' || q !== '';

  const list = useQuery(fileListQueryOptions(orgId, workspaceId, galleryListParams(state)));
  const files = useMemo(() => list.data?.files ?? [], [list.data]);
  const total = list.data?.total ?? 0;
  const lastPage = Math.max(1, Math.ceil(total / size));
  const settled = list.isSuccess && !list.isPlaceholderData;

  // Past the end (files deleted, a stale link): go to the last page there is.
  useEffect(() => {
    if (settled && page > lastPage) update({ page: lastPage });
  }, [settled, page, lastPage, update]);

  // Every file seen, by id, so a selection spanning pages can name what it deletes.
  const seen = useRef(new Map<string, FileInfo>());
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

  const [selection, setSelection] = useState(EMPTY_SELECTION);
  const pageIds = useMemo(() => files.map((file) => file.id), [files]);

  // Uploads.
  const { queue, items: uploads } = useUploadQueue(orgId, workspaceId);
  const access = useWriteAccess();
  const readOnlyReason = access.reason;
  const onDrop = useCallback(
    (accepted: File[]) => {
      // A viewer's drop is refused here, in words, rather than by a 403 per file.
      if (readOnlyReason) toast.error(readOnlyReason);
      else queue.add(accepted);
    },
    [queue, readOnlyReason],
  );
  const { getRootProps, getInputProps, isDragActive, open } = useDropzone({
    onDrop,
    noClick: true,
    noKeyboard: true,
    multiple: true,
  });
  const draggingFiles = useFilesDraggedOverWindow();

  // Deleting.
  const [deleting, setDeleting] = useState<FileInfo[] | null>(null);
  const [deleteError, setDeleteError] = useState<string | null>(null);
  const deleteFiles = useDeleteFiles(orgId, workspaceId);
  const askToDelete = (targets: FileInfo[]) => {
    setDeleteError(null);
    setDeleting(targets);
  };
  const confirmDelete = () => {
    if (!deleting) return;
    const count = deleting.length;
    deleteFiles.mutate(deleting, {
      onSuccess: ({ deleted, failed }) => {
        const gone = deleted.map((file) => file.id);
        setSelection((current) => withoutIds(current, gone));
        for (const id of gone) seen.current.delete(id);
        if (state.preview && gone.includes(state.preview)) update({ preview: null });
        if (failed.length === 0) {
          setDeleting(null);
          toast.success(count === 1 ? `Deleted ${deleted[0]!.filename}` : `Deleted ${count} files`);
          return;
        }
        setDeleting(failed.map(({ file }) => file));
        setDeleteError(
          `Deleted ${deleted.length} of ${count}. Not deleted: ${failed
            .map(({ file, message }) => `${file.filename} (${message})`)
            .join('; ')}`,
        );
      },
      onError: (error) => setDeleteError(error.message),
    });
  };

  // Stable, so that the memoized tiles do not all render again when anything changes.
  const actions = useMemo<FileActions>(
    () => ({
      preview: (file) => update({ preview: file.id }),
      download: (file) => void downloadFile({ orgId, workspaceId, file }),
      copyId: (file) => void copyFileId(workspaceId, file),
      remove: (file) => {
        setDeleteError(null);
        setDeleting([file]);
      },
      removeRefusal: readOnlyReason,
    }),
    [orgId, workspaceId, update, readOnlyReason],
  );

  // Preview, with previous/next across page boundaries.
  const previewIndex = state.preview ? pageIds.indexOf(state.preview) : -1;
  useEffect(() => {
    if (!settled || files.length === 0) return;
    if (state.preview === FIRST_OF_PAGE) update({ preview: files[0]!.id });
    if (state.preview === LAST_OF_PAGE) update({ preview: files.at(-1)!.id });
  }, [settled, files, state.preview, update]);
  const placeholderPreview = state.preview === FIRST_OF_PAGE || state.preview === LAST_OF_PAGE;
  const previewFile = previewIndex >= 0 ? files[previewIndex] : undefined;
  const onPrevious =
    previewIndex > 0
      ? () => update({ preview: files[previewIndex - 1]!.id })
      : previewIndex === 0 && page > 1
        ? () => update({ page: page - 1, preview: LAST_OF_PAGE })
        : undefined;
  const onNext =
    previewIndex >= 0 && previewIndex < files.length - 1
      ? () => update({ preview: files[previewIndex + 1]!.id })
      : previewIndex >= 0 && previewIndex === files.length - 1 && page < lastPage
        ? () => update({ page: page + 1, preview: FIRST_OF_PAGE })
        : undefined;

  const onSearch = useCallback((text: string) => update({ q: text, page: 1 }), [update]);
  const onToggle = useCallback(
    (index: number, range: boolean) =>
      setSelection((current) => toggleSelection(current, pageIds, index, range)),
    [pageIds],
  );
  const selectedCount = selection.ids.size;
  const collection = {
    orgId,
    workspaceId,
    files,
    label: `Files of ${workspace.name}, page ${page}`,
    selection,
    onToggle,
    onTogglePage: () => setSelection((current) => togglePage(current, pageIds)),
    actions,
  };
  const uploadButton = (
    <Button variant="primary" onClick={open} {...writeControl(access)}>
      <Upload aria-hidden className="size-4" />
      Upload files
    </Button>
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
            this page to upload them.
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
        <GalleryToolbar
          q={q}
          type={type}
          view={view}
          navigations={navigations}
          onSearch={onSearch}
          onType={(value) => update({ type: value, page: 1 })}
          onView={(value) => update({ view: value })}
        />

        {selectedCount > 0 && (
          <div
            role="region"
            aria-label="Selection"
            className="sticky top-2 z-20 flex flex-wrap items-center gap-2 rounded-lg border border-accent/40 bg-surface px-3 py-2 shadow-md"
          >
            <p className="text-sm font-medium text-fg" aria-live="polite">
              {selectedCount === 1 ? '1 file selected' : `${selectedCount} files selected`}
            </p>
            <Button size="sm" variant="ghost" onClick={() => setSelection(EMPTY_SELECTION)}>
              Clear selection
            </Button>
            <Button
              size="sm"
              variant="danger"
              className="ml-auto"
              {...writeControl(access)}
              onClick={() =>
                askToDelete(
                  [...selection.ids]
                    .map((id) => seen.current.get(id))
                    .filter((file): file is FileInfo => file !== undefined),
                )
              }
            >
              <Trash2 aria-hidden className="size-4" />
              Delete selected
            </Button>
          </div>
        )}

        {list.isPending ? (
          <GallerySkeleton />
        ) : list.isError ? (
          queryFallback(list, { pending: 'Loading files', failed: 'Could not load the files' })
        ) : total === 0 && !filtered ? (
          <EmptyState icon={FolderOpen} title="No files yet" action={uploadButton}>
            Drop files anywhere on this page, or choose them with Upload files. Images, video, audio
            and PDFs get previews; files of any other type are stored too.
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
            {q && <> with “{q}” in the name</>} in {workspace.name}.
          </EmptyState>
        ) : (
          <div aria-busy={list.isPlaceholderData || undefined} className="space-y-4">
            {view === 'grid' ? <FileGrid {...collection} /> : <FileList {...collection} />}
            <GalleryPagination
              page={page}
              size={size}
              total={total}
              onPage={(next) => update({ page: next })}
              onSize={(next) => update({ size: next, page: 1 })}
            />
          </div>
        )}
      </div>

      {/* Inside the drop zone and over the whole window: a drop anywhere lands on it. */}
      {(draggingFiles || isDragActive) && (
        <div
          aria-hidden
          className="fixed inset-0 z-40 flex items-center justify-center bg-accent/10 p-6 backdrop-blur-[1px]"
        >
          <div className="flex flex-col items-center gap-3 rounded-xl border-2 border-dashed border-accent bg-surface px-10 py-8 text-center shadow-xl">
            <Upload aria-hidden className="size-8 text-accent" />
            <p className="text-lg font-semibold text-fg">
              {readOnlyReason
                ? 'Viewers cannot upload files'
                : `Drop to upload to ${workspace.name}`}
            </p>
          </div>
        </div>
      )}

      <UploadPanel queue={queue} items={uploads} />

      <DeleteFilesDialog
        files={deleting}
        onConfirm={confirmDelete}
        onClose={() => setDeleting(null)}
        pending={deleteFiles.isPending}
        error={deleteError}
      />

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

/**
 * Whether files are being dragged over the window, anywhere (the navigation too): the drop
 * overlay then covers everything, so a drop anywhere on the screen uploads.
 */
function useFilesDraggedOverWindow(): boolean {
  const [dragging, setDragging] = useState(false);
  useEffect(() => {
    // dragenter and dragleave fire for every element crossed: count to know when it left.
    let depth = 0;
    const carriesFiles = (event: DragEvent) => event.dataTransfer?.types.includes('Files') ?? false;
    const enter = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      depth++;
      setDragging(true);
    };
    const leave = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setDragging(false);
    };
    const end = () => {
      depth = 0;
      setDragging(false);
    };
    document.addEventListener('dragenter', enter);
    document.addEventListener('dragleave', leave);
    document.addEventListener('drop', end);
    document.addEventListener('dragend', end);
    return () => {
      document.removeEventListener('dragenter', enter);
      document.removeEventListener('dragleave', leave);
      document.removeEventListener('drop', end);
      document.removeEventListener('dragend', end);
    };
  }, []);
  return dragging;
}

function GallerySkeleton() {
  return (
    <div role="status" className="grid grid-cols-[repeat(auto-fill,minmax(12rem,1fr))] gap-3">
      <span className="sr-only">Loading files</span>
      {Array.from({ length: 12 }, (_, index) => (
        <div key={index} className="overflow-hidden rounded-lg border border-border bg-surface">
          <Skeleton className="aspect-[4/3] w-full rounded-none" />
          <div className="space-y-2 p-2">
            <Skeleton className="h-4 w-3/4" />
            <Skeleton className="h-3 w-1/3" />
          </div>
        </div>
      ))}
    </div>
  );
}
