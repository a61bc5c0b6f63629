import clsx from 'clsx';
import { FileQuestion } from 'lucide-react';
import {
  FILE_KIND_ICONS,
  fileKind,
  thumbnailWidthFor,
  useFileThumbnail,
  useInView,
} from '../../files';

/** Thumbnail size in a grid row; the grid's rows are made tall enough for it. */
export const FILE_THUMBNAIL_SIZE = 40;

/**
 * A file id in a table cell: the file's thumbnail (fetched with the session's token only while
 * the cell is on screen, shared with the gallery's cache) or its kind's icon, then the id. A
 * uuid that is not a file of the workspace shows as the plain id.
 */
export function FileIdCell({
  orgId,
  workspaceId,
  fileId,
  size = FILE_THUMBNAIL_SIZE,
  onPreview,
}: {
  orgId: string;
  workspaceId: string;
  fileId: string;
  size?: number;
  onPreview: (fileId: string) => void;
}) {
  const [ref, inView] = useInView<HTMLSpanElement>();
  const thumbnail = useFileThumbnail({
    orgId,
    workspaceId,
    fileId,
    width: thumbnailWidthFor(size),
    enabled: inView,
  });
  const notAFile = thumbnail.status === 'error' && !thumbnail.file;
  const Icon = thumbnail.file
    ? FILE_KIND_ICONS[fileKind(thumbnail.file.content_type)]
    : FileQuestion;
  const name = thumbnail.file?.filename ?? fileId;

  return (
    <span ref={ref} className="flex h-full min-w-0 items-center gap-2">
      {!notAFile && (
        <button
          type="button"
          tabIndex={-1}
          aria-label={`Preview ${name}`}
          title={`Preview ${name}`}
          className={clsx(
            'flex shrink-0 items-center justify-center overflow-hidden rounded border border-border bg-raised',
            'hover:ring-2 hover:ring-accent focus-visible:outline-2 focus-visible:outline-accent',
          )}
          style={{ width: size, height: size }}
          onClick={(event) => {
            event.stopPropagation();
            onPreview(fileId);
          }}
        >
          {thumbnail.status === 'ready' && thumbnail.url ? (
            <img
              src={thumbnail.url}
              alt=""
              data-file-thumbnail={fileId}
              className="size-full object-cover"
            />
          ) : thumbnail.status === 'loading' || thumbnail.status === 'idle' ? (
            <span aria-hidden className="size-full animate-pulse bg-border/60" />
          ) : (
            <Icon aria-hidden className="size-4 text-muted" />
          )}
        </button>
      )}
      <span className="truncate font-mono text-xs">{fileId}</span>
    </span>
  );
}
