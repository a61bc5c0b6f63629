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

// ── The bundled server's drive: folders, and files recorded in tables ─────────────────────
// Extras of the bundled server (the hosted API has none of them): the console offers them only
// when the files it lists have a `path`.

/** A folder of a workspace's drive: `drive/…`, and its last segment. */
export const folderSchema = z.object({ path: z.string(), name: z.string() });
export type FolderInfo = z.infer<typeof folderSchema>;

/**
 * `GET /workspaces/:ws/folders?path=drive/…`: the folders directly in one (sorted by path, at
 * most FOLDER_LIST_CAP of them; `truncated` when there were more).
 */
export const folderListSchema = z.object({
  path: z.string(),
  folders: z.array(folderSchema),
  truncated: z.boolean(),
});
export type FolderList = z.infer<typeof folderListSchema>;
export const FOLDER_LIST_CAP = 1000;

/**
 * What a file is to a table's column: a `uuid` column holds its id, a text column (`text`,
 * `varchar` or a domain over them) its path. Other types are never offered nor searched.
 */
export const fileMatchSchema = z.enum(['id', 'path']);
export type FileMatch = z.infer<typeof fileMatchSchema>;

/** What of `file` a column of this match holds: its id, or its path. */
export const fileValue = (file: FileInfo, match: FileMatch): string =>
  match === 'id' ? file.id : (file.path ?? '');

/**
 * An upload recorded in a table (`POST …/files?table=&column=`): one row was inserted with the
 * file's id or path in that column, in the same transaction as the file's record.
 */
export const fileRecordSchema = z.object({
  table: z.string(),
  column: z.string(),
  match: fileMatchSchema,
  value: z.string(),
});
export type FileRecord = z.infer<typeof fileRecordSchema>;

/** The answer to an upload: the file, and where it was recorded when that was asked for. */
export const uploadedFileSchema = fileSchema.extend({ recorded: fileRecordSchema.optional() });
export type UploadedFile = z.infer<typeof uploadedFileSchema>;

/** Rows of one table whose column points at a file, by id or by path. */
export const fileReferenceSchema = z.object({
  table: z.string(),
  column: z.string(),
  match: fileMatchSchema,
  rows: z.number().int(),
});
export type FileReference = z.infer<typeof fileReferenceSchema>;

/**
 * `GET /workspaces/:ws/files/:id/references`: every column of every table of the workspace
 * (the workspace's own schema) whose rows point at the file, with how many rows; columns with
 * none are left out.
 */
export const fileReferencesSchema = z.object({ references: z.array(fileReferenceSchema) });
export type FileReferences = z.infer<typeof fileReferencesSchema>;

/**
 * `DELETE /workspaces/:ws/files/:id?with_rows=true`: the file was deleted and, atomically with
 * it, every row that pointed at it (as `references` would have listed them).
 */
export const fileDeletionSchema = z.object({
  file: fileSchema,
  deleted_rows: z.array(fileReferenceSchema),
});
export type FileDeletion = z.infer<typeof fileDeletionSchema>;
