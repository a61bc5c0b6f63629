import { useQuery } from '@tanstack/react-query';
import clsx from 'clsx';
import { ChevronLeft, ChevronRight, Copy, Download, Loader2, X } from 'lucide-react';
import { Dialog as RadixDialog } from 'radix-ui';
import { useState, type KeyboardEvent, type ReactNode } from 'react';
import type { FileInfo } from '../../../../contract/files';
import { Button } from '../../../components/ui/button';
import { IconButton } from '../../../components/ui/icon-button';
import { overlayClasses } from '../../../components/ui/dialog-styles';
import { ErrorState } from '../../../components/ui/error-state';
import { ListSkeleton } from '../../../components/ui/skeleton';
import { useReturnFocus } from '../../../components/ui/use-return-focus';
import { isApiError } from '../../../lib/api-client';
import { fileQueryOptions } from '../api/file-query';
import { copyFileId, downloadFile } from '../lib/file-actions';
import {
  browserDrawsImage,
  FILE_KIND_ICONS,
  FILE_KIND_LABELS,
  fileKind,
  mediaTypeEssence,
} from '../lib/file-kind';
import { formatBytes, formatDateTime } from '../lib/format';
import { ImageViewer } from './image-viewer';
import { TextViewer } from './text-viewer';
import { UsedIn } from './used-in';
import { useFileContentUrl, type FileContentUrl } from './use-file-content-url';

export interface FilePreviewDialogProps {
  /** The organization sent with the requests (the workspace's). */
  orgId: string;
  workspaceId: string;
  /** The file to show; or just its id, and the dialog asks for the rest. */
  file?: FileInfo | undefined;
  fileId?: string | undefined;
  onClose: () => void;
  /** Given: a Previous button and the left arrow key move to the file before. */
  onPrevious?: (() => void) | undefined;
  onNext?: (() => void) | undefined;
  /** Where this file is among those being browsed, e.g. "3 of 120". */
  position?: string | undefined;
}

/** Images larger than this are shown as the server's largest thumbnail rather than whole. */
const IMAGE_ORIGINAL_MAX_BYTES = 32 * 1024 * 1024;

/** Arrow keys belong to these while they have focus (seeking, moving a caret). */
const KEEPS_ARROW_KEYS = 'video, audio, input, textarea, select, [contenteditable="true"]';

/**
 * A file, full size: images (fit and zoom), video and audio in the browser's players, PDFs in
 * the browser's viewer, text and JSON as text, anything else as an icon with a download.
 * Escape closes; ← and → move between files when the callbacks are given.
 */
export function FilePreviewDialog(props: FilePreviewDialogProps) {
  const { onClose, onPrevious, onNext } = props;
  const returnFocus = useReturnFocus();

  function onKeyDown(event: KeyboardEvent) {
    if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
    if (event.target instanceof Element && event.target.closest(KEEPS_ARROW_KEYS)) return;
    const move =
      event.key === 'ArrowLeft' ? onPrevious : event.key === 'ArrowRight' ? onNext : undefined;
    if (!move) return;
    event.preventDefault();
    move();
  }

  return (
    <RadixDialog.Root open onOpenChange={(open) => !open && onClose()}>
      <RadixDialog.Portal>
        <RadixDialog.Overlay className={overlayClasses} />
        <RadixDialog.Content
          {...returnFocus}
          onKeyDown={onKeyDown}
          className={clsx(
            'fixed inset-2 z-50 flex flex-col overflow-hidden rounded-lg border border-border bg-surface text-fg shadow-xl sm:inset-6',
            'focus:outline-none',
          )}
        >
          <PreviewBody {...props} />
        </RadixDialog.Content>
      </RadixDialog.Portal>
    </RadixDialog.Root>
  );
}

function PreviewBody({
  orgId,
  workspaceId,
  file: given,
  fileId,
  onPrevious,
  onNext,
  position,
}: FilePreviewDialogProps) {
  const id = given?.id ?? fileId ?? '';
  const metadata = useQuery({
    ...fileQueryOptions(orgId, workspaceId, id),
    enabled: given === undefined && id !== '',
  });
  const file = given ?? metadata.data;

  const navigation = (onPrevious || onNext) && (
    <>
      <IconButton
        label="Previous file"
        title="Previous file (←)"
        icon={ChevronLeft}
        disabled={!onPrevious}
        onClick={onPrevious}
      />
      <IconButton
        label="Next file"
        title="Next file (→)"
        icon={ChevronRight}
        disabled={!onNext}
        onClick={onNext}
      />
    </>
  );

  if (!file) {
    const missing = metadata.isError && isApiError(metadata.error) && metadata.error.status === 404;
    return (
      <>
        <Header title={metadata.isError ? 'File not found' : 'Loading file'} actions={navigation}>
          {position}
        </Header>
        <div className="flex-1 overflow-auto p-6">
          {metadata.isError ? (
            <ErrorState
              title={missing ? 'This file does not exist (any more)' : 'Could not load the file'}
              message={metadata.error.message}
              {...(missing
                ? {}
                : { onRetry: () => void metadata.refetch(), retrying: metadata.isFetching })}
            />
          ) : (
            <ListSkeleton label="Loading the file" />
          )}
        </div>
      </>
    );
  }

  const kind = fileKind(file.content_type);
  const details = [
    FILE_KIND_LABELS[kind] === 'File'
      ? mediaTypeEssence(file.content_type)
      : FILE_KIND_LABELS[kind],
    formatBytes(file.size),
    formatDateTime(file.created_at),
    position,
  ]
    .filter(Boolean)
    .join(' · ');

  return (
    <>
      <Header
        title={file.filename}
        actions={
          <>
            {navigation}
            <DownloadButton orgId={orgId} workspaceId={workspaceId} file={file} />
            <IconButton
              label="Copy file ID"
              title="Copy file ID"
              icon={Copy}
              onClick={() => void copyFileId(workspaceId, file)}
            />
          </>
        }
        below={<UsedIn orgId={orgId} workspaceId={workspaceId} file={file} />}
      >
        {details}
      </Header>
      <div className="min-h-0 flex-1">
        {/* Keyed by file, so nothing of the previous file (zoom, players) carries over. */}
        <FileView key={file.id} orgId={orgId} workspaceId={workspaceId} file={file} />
      </div>
    </>
  );
}

function Header({
  title,
  children,
  actions,
  below,
}: {
  title: string;
  children?: ReactNode;
  actions?: ReactNode;
  /** A line under the description (where the file is used). */
  below?: ReactNode;
}) {
  return (
    <div className="flex items-start gap-3 border-b border-border px-4 py-3">
      <div className="min-w-0 flex-1">
        <RadixDialog.Title className="truncate text-base font-semibold" title={title}>
          {title}
        </RadixDialog.Title>
        <RadixDialog.Description className="truncate text-sm text-muted">
          {children || 'Preview'}
        </RadixDialog.Description>
        {below}
      </div>
      <div className="flex shrink-0 items-center gap-1">
        {actions}
        <RadixDialog.Close asChild>
          <IconButton label="Close preview" title="Close (Esc)" icon={X} />
        </RadixDialog.Close>
      </div>
    </div>
  );
}

function DownloadButton({
  orgId,
  workspaceId,
  file,
  label = false,
}: {
  orgId: string;
  workspaceId: string;
  file: FileInfo;
  label?: boolean;
}) {
  const [pending, setPending] = useState(false);
  const download = () => {
    setPending(true);
    void downloadFile({ orgId, workspaceId, file }).finally(() => setPending(false));
  };
  if (label) {
    return (
      <Button variant="primary" onClick={download} pending={pending}>
        {!pending && <Download aria-hidden className="size-4" />}
        Download {file.filename}
      </Button>
    );
  }
  return (
    <IconButton
      label="Download"
      title="Download"
      icon={Download}
      onClick={download}
      pending={pending}
    />
  );
}

interface FileViewProps {
  orgId: string;
  workspaceId: string;
  file: FileInfo;
}

function FileView(props: FileViewProps) {
  const { file } = props;
  const kind = fileKind(file.content_type);
  if (kind === 'image' && browserDrawsImage(file.content_type)) return <ImagePreview {...props} />;
  if (kind === 'image') return <ImagePreview {...props} thumbnailOnly />;
  if (kind === 'video' || kind === 'audio' || kind === 'pdf') return <MediaPreview {...props} />;
  if (kind === 'text' || kind === 'json') {
    return <TextViewer {...props} asJson={kind === 'json'} />;
  }
  return <NoPreview {...props} />;
}

function ImagePreview({
  thumbnailOnly = false,
  ...props
}: FileViewProps & { thumbnailOnly?: boolean }) {
  const { orgId, workspaceId, file } = props;
  // Formats a browser cannot draw (TIFF, say) and very large images come as the server's
  // biggest thumbnail; a server without thumbnails sends the original for those too.
  const useThumbnail = thumbnailOnly || file.size > IMAGE_ORIGINAL_MAX_BYTES;
  const content = useFileContentUrl({
    orgId,
    workspaceId,
    file,
    width: useThumbnail ? 1024 : undefined,
  });
  return (
    <ContentState content={content} {...props}>
      {(url) => <ImageViewer key={url} src={url} alt={file.filename} />}
    </ContentState>
  );
}

function MediaPreview(props: FileViewProps) {
  const { orgId, workspaceId, file } = props;
  const kind = fileKind(file.content_type);
  const content = useFileContentUrl({ orgId, workspaceId, file, stream: true });
  const [unplayable, setUnplayable] = useState(false);
  if (unplayable) {
    return (
      <NoPreview {...props}>
        This browser cannot play {file.filename} ({mediaTypeEssence(file.content_type)}). Download
        it to open it with another player.
      </NoPreview>
    );
  }
  return (
    <ContentState content={content} {...props}>
      {(url) => (
        <div className="flex h-full items-center justify-center bg-canvas p-2">
          {kind === 'video' ? (
            <video
              src={url}
              controls
              preload="metadata"
              aria-label={file.filename}
              onError={() => setUnplayable(true)}
              className="max-h-full max-w-full"
            />
          ) : kind === 'audio' ? (
            <audio
              src={url}
              controls
              preload="metadata"
              aria-label={file.filename}
              onError={() => setUnplayable(true)}
              className="w-full max-w-xl"
            />
          ) : (
            <iframe
              src={url}
              title={file.filename}
              className="h-full w-full rounded border-0 bg-white"
            />
          )}
        </div>
      )}
    </ContentState>
  );
}

function ContentState({
  content,
  children,
  ...props
}: FileViewProps & { content: FileContentUrl; children: (url: string) => ReactNode }) {
  const { file } = props;
  if (content.status === 'ready') return children(content.url);
  if (content.status === 'too-large') {
    return (
      <NoPreview {...props}>
        {file.filename} is {formatBytes(file.size)}, too large to preview in this browser window (it
        cannot stream here). Download it to open it.
      </NoPreview>
    );
  }
  if (content.status === 'error') {
    return (
      <div className="p-6">
        <ErrorState title={`Could not load ${file.filename}`} message={content.error.message} />
      </div>
    );
  }
  return (
    <div role="status" className="flex h-full items-center justify-center gap-2 text-sm text-muted">
      <Loader2 aria-hidden className="size-5 animate-spin" />
      Loading {file.filename}…
    </div>
  );
}

function NoPreview({ children, ...props }: FileViewProps & { children?: ReactNode }) {
  const { file } = props;
  const kind = fileKind(file.content_type);
  const Icon = FILE_KIND_ICONS[kind];
  return (
    <div className="flex h-full flex-col items-center justify-center gap-4 p-6 text-center">
      <div className="rounded-full bg-accent/10 p-5 text-accent">
        <Icon aria-hidden className="size-12" />
      </div>
      <p className="max-w-md text-sm text-muted">
        {children ?? (
          <>
            No preview for {mediaTypeEssence(file.content_type)} files. Download it to open it on
            your computer.
          </>
        )}
      </p>
      <DownloadButton {...props} label />
    </div>
  );
}
