/** What other areas use of Files: thumbnails of file ids (table cells) and the preview. */
export { useFileThumbnail, useThumbnailUrl, thumbnailCache } from './thumbnails/use-file-thumbnail';
export type { FileThumbnail, UseFileThumbnailOptions } from './thumbnails/use-file-thumbnail';
export { useInView } from './thumbnails/use-in-view';
export { thumbnailWidthFor } from './lib/thumbnail-width';
export { fileQueryOptions } from './api/file-query';
export { fileKeys } from './api/keys';
export { fileKind, hasThumbnail, FILE_KIND_ICONS, type FileKind } from './lib/file-kind';
export { FilePreviewDialog } from './preview/file-preview-dialog';
export type { FilePreviewDialogProps } from './preview/file-preview-dialog';
export { copyFileId, downloadFile } from './lib/file-actions';
