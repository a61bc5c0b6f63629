import { useEffect } from 'react';
import type { FileInfo } from '../../../../contract/files';
import type { StateChange } from '../../../lib/use-address-state';
import type { GalleryState } from './files-url-state';

/** Preview values that stand for "the first/last file of the page", while that page loads. */
const FIRST_OF_PAGE = ':first';
const LAST_OF_PAGE = ':last';

/** The file previewed on a page, and previous/next across page boundaries. */
export function usePreviewNavigation({
  files,
  preview,
  page,
  lastPage,
  settled,
  update,
}: {
  files: readonly FileInfo[];
  preview: string | null;
  page: number;
  lastPage: number;
  /** The page shown is the one asked for (not the previous one kept while it loads). */
  settled: boolean;
  update: (change: StateChange<GalleryState>) => void;
}) {
  const previewIndex = preview ? files.findIndex((file) => file.id === preview) : -1;
  useEffect(() => {
    if (!settled || files.length === 0) return;
    if (preview === FIRST_OF_PAGE) update({ preview: files[0]!.id });
    if (preview === LAST_OF_PAGE) update({ preview: files.at(-1)!.id });
  }, [settled, files, preview, update]);
  const placeholderPreview = preview === FIRST_OF_PAGE || preview === LAST_OF_PAGE;
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
  return { previewIndex, previewFile, placeholderPreview, onPrevious, onNext };
}
