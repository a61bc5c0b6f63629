import { z } from 'zod';

/** A stored file's metadata (endpoints 24–26). */
export const fileSchema = z.object({
  id: z.string(),
  filename: z.string(),
  /** What the bytes are, as the server recognised them; the client's claim only when they say nothing. */
  content_type: z.string(),
  size: z.number().int(),
  // An extra of the bundled server: a client must not need it (the hosted API may omit it).
  /** Hex SHA-256 of the bytes; also the content's ETag. */
  sha256: z.string().optional(),
  /**
   * Where the file sits in the workspace's drive, `drive/…/<name>` (unique in the workspace);
   * an extra of the bundled server, which the older File API addresses files by.
   */
  path: z.string().optional(),
  created_at: z.string(),
});
export type FileInfo = z.infer<typeof fileSchema>;

export const fileListSchema = z.object({
  files: z.array(fileSchema),
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
});
export type FileList = z.infer<typeof fileListSchema>;

export const FILE_LIST_DEFAULT_LIMIT = 20;
export const FILE_LIST_MAX_LIMIT = 1000;

/** Widths a thumbnail (`…/content?w=`) may have; the bundled server's extra. */
export const THUMBNAIL_MIN_WIDTH = 16;
export const THUMBNAIL_MAX_WIDTH = 1024;

/**
 * The widths the console asks for (the smallest one wide enough for the tile on this screen),
 * so that one picture is made and cached in few sizes. The bundled server makes the gallery's
 * (`PREPARED_THUMBNAIL_WIDTHS`) as soon as an image is uploaded.
 */
export const THUMBNAIL_WIDTHS = [64, 128, 256, 512, 1024] as const;
/** The gallery tile's width at a device pixel ratio of 1 and 2. */
export const PREPARED_THUMBNAIL_WIDTHS = [256, 512] as const;

/**
 * The image types the bundled server makes thumbnails of: what the prebuilt libvips in sharp
 * decodes (BMP and HEVC-coded HEIC are not among them). The server's thumbnailer and the
 * gallery's choice between a thumbnail and the file itself both read this list.
 */
export const THUMBNAILED_TYPES: ReadonlySet<string> = new Set([
  'image/jpeg',
  'image/png',
  'image/gif',
  'image/webp',
  'image/avif',
  'image/tiff',
]);
