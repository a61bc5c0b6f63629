import {
  File as FileIcon,
  FileArchive,
  FileAudio,
  FileImage,
  FileJson,
  FileText,
  FileVideo,
  type LucideIcon,
} from 'lucide-react';
import { THUMBNAILED_TYPES } from '../../../../contract/files';

/** How the console shows a file: what its preview uses and which icon stands for it. */
export type FileKind = 'image' | 'video' | 'audio' | 'pdf' | 'json' | 'text' | 'archive' | 'other';

/** `Text/Plain; charset=utf-8` → `text/plain`. */
export function mediaTypeEssence(contentType: string): string {
  return contentType.split(';')[0]!.trim().toLowerCase();
}

const TEXT_TYPES = new Set([
  'application/xml',
  'application/javascript',
  'application/x-ndjson',
  'application/x-yaml',
  'application/yaml',
  'application/toml',
  'application/sql',
  'application/x-sh',
]);

const ARCHIVE_TYPES = new Set([
  'application/zip',
  'application/gzip',
  'application/x-tar',
  'application/x-7z-compressed',
  'application/x-bzip2',
  'application/x-xz',
  'application/zstd',
]);

export function fileKind(contentType: string): FileKind {
  const essence = mediaTypeEssence(contentType);
  if (essence.startsWith('image/')) return 'image';
  if (essence.startsWith('video/')) return 'video';
  if (essence.startsWith('audio/')) return 'audio';
  if (essence === 'application/pdf') return 'pdf';
  if (essence === 'application/json' || essence.endsWith('+json')) return 'json';
  if (essence.startsWith('text/') || TEXT_TYPES.has(essence) || essence.endsWith('+xml')) {
    return 'text';
  }
  if (ARCHIVE_TYPES.has(essence) || essence.endsWith('+zip')) return 'archive';
  return 'other';
}

export const FILE_KIND_ICONS: Record<FileKind, LucideIcon> = {
  image: FileImage,
  video: FileVideo,
  audio: FileAudio,
  pdf: FileText,
  json: FileJson,
  text: FileText,
  archive: FileArchive,
  other: FileIcon,
};

export const FILE_KIND_LABELS: Record<FileKind, string> = {
  image: 'Image',
  video: 'Video',
  audio: 'Audio',
  pdf: 'PDF',
  json: 'JSON',
  text: 'Text',
  archive: 'Archive',
  other: 'File',
};

/** Images a browser draws in an <img> as they are, when no thumbnail is made of them. */
const BROWSER_DRAWN = new Set([
  'image/jpeg',
  'image/png',
  'image/gif',
  'image/webp',
  'image/avif',
  'image/bmp',
  'image/svg+xml',
  'image/x-icon',
  'image/vnd.microsoft.icon',
]);

/**
 * A file whose original the server sends for a thumbnail request must not be a huge download
 * for a small tile: past this, such images get an icon instead.
 */
export const ORIGINAL_AS_THUMBNAIL_MAX_BYTES = 8 * 1024 * 1024;

/**
 * Whether to ask for a thumbnail of this file at all. For anything but images, `?w=` answers
 * with the whole file (a gigabyte video, say), so only images qualify; images the server cannot
 * shrink come back whole, so only small ones a browser can draw.
 */
export function hasThumbnail(file: { content_type: string; size: number }): boolean {
  const essence = mediaTypeEssence(file.content_type);
  if (THUMBNAILED_TYPES.has(essence)) return true;
  return BROWSER_DRAWN.has(essence) && file.size <= ORIGINAL_AS_THUMBNAIL_MAX_BYTES;
}

/** Whether a browser draws this image type itself (so the preview can show the original). */
export function browserDrawsImage(contentType: string): boolean {
  return BROWSER_DRAWN.has(mediaTypeEssence(contentType));
}
