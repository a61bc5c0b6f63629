import clsx from 'clsx';
import type { FileInfo } from '../../../../contract/files';
import { useThumbnailUrl } from '../thumbnails/use-file-thumbnail';
import { useInView } from '../thumbnails/use-in-view';
import { FILE_KIND_ICONS, fileKind } from '../lib/file-kind';

/**
 * A file's thumbnail, fetched only once it is (nearly) on screen; an icon by type for files
 * without one, and while it is missing or failed.
 */
export function FileThumbnail({
  orgId,
  workspaceId,
  file,
  width,
  fit = 'cover',
  iconClassName = 'size-10',
  className,
}: {
  orgId: string;
  workspaceId: string;
  file: FileInfo;
  /** Pixels wide to ask for (CSS width × device pixel ratio). */
  width: number;
  fit?: 'cover' | 'contain';
  iconClassName?: string;
  className?: string;
}) {
  const [ref, inView] = useInView<HTMLDivElement>();
  const thumbnail = useThumbnailUrl({ orgId, workspaceId, file, width, enabled: inView });
  const Icon = FILE_KIND_ICONS[fileKind(file.content_type)];
  return (
    <div
      ref={ref}
      data-thumbnail={thumbnail.status}
      className={clsx(
        'relative flex items-center justify-center overflow-hidden bg-raised',
        className,
      )}
    >
      {thumbnail.url ? (
        <img
          src={thumbnail.url}
          alt=""
          draggable={false}
          className={clsx('size-full', fit === 'cover' ? 'object-cover' : 'object-contain')}
        />
      ) : (
        <Icon
          aria-hidden
          className={clsx(
            iconClassName,
            'text-muted',
            thumbnail.status === 'loading' && 'animate-pulse',
          )}
        />
      )}
    </div>
  );
}
