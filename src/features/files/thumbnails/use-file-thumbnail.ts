import { useQuery } from '@tanstack/react-query';
import { useCallback, useEffect, useSyncExternalStore } from 'react';
import type { FileInfo } from '../../../../contract/files';
import { api } from '../../../lib/api-client';
import { fileQueryOptions } from '../api/file-query';
import { fileContentPath } from '../api/paths';
import { thumbnailWidth } from '../lib/thumbnail-width';
import { hasThumbnail } from '../lib/file-kind';
import { ThumbnailCache, type ThumbnailSnapshot } from './thumbnail-cache';

/** The one cache of the console: the same thumbnail in the gallery and a table cell is fetched once. */
export const thumbnailCache = new ThumbnailCache();

export interface UseFileThumbnailOptions {
  orgId: string;
  workspaceId: string;
  fileId: string;
  /** The width to ask for (`thumbnailWidthFor` the displayed width); 16–1024, default 256. */
  width?: number;
  /**
   * False while the element showing it is off screen: nothing is fetched, and a fetch under
   * way is aborted. Pair with `useInView`.
   */
  enabled?: boolean;
  /**
   * The file's metadata when the caller has it (the gallery lists it). Without it, the hook
   * asks for it first, to know whether the file is an image at all.
   */
  file?: Pick<FileInfo, 'content_type' | 'size'> | undefined;
}

export interface FileThumbnail {
  /**
   * `unsupported`: not a file with a thumbnail (not an image, or an image too large to send
   * whole to a server without thumbnails); show an icon by type.
   */
  status: ThumbnailSnapshot['status'] | 'unsupported';
  /** A `data:` URL for an <img>, while `ready`. */
  url: string | null;
  error: Error | null;
  /** The metadata fetched for the file, when `file` was not given. */
  file: FileInfo | undefined;
}

export function thumbnailKey(orgId: string, workspaceId: string, fileId: string, width: number) {
  return JSON.stringify([orgId, workspaceId, fileId, width]);
}

/**
 * The thumbnail of a file whose metadata is known (the gallery lists it), as a data URL,
 * fetched with the session's token while `enabled`. No query of its own: a page of hundreds
 * of tiles costs a cache subscription each, nothing more.
 */
export function useThumbnailUrl({
  orgId,
  workspaceId,
  file,
  width = 256,
  enabled = true,
}: {
  orgId: string;
  workspaceId: string;
  /** Undefined while the metadata is not known yet: nothing is fetched. */
  file: Pick<FileInfo, 'id' | 'content_type' | 'size'> | undefined;
  width?: number;
  enabled?: boolean;
}): Omit<FileThumbnail, 'file'> {
  const wanted = file !== undefined && hasThumbnail(file);
  const size = thumbnailWidth(width);
  const fileId = file?.id ?? '';
  const key = thumbnailKey(orgId, workspaceId, fileId, size);

  const subscribe = useCallback(
    (listener: () => void) => thumbnailCache.subscribe(key, listener),
    [key],
  );
  const snapshot = useSyncExternalStore(subscribe, () => thumbnailCache.get(key));

  useEffect(() => {
    if (!enabled || !wanted) return;
    return thumbnailCache.acquire(key, (signal) =>
      api.dataUrl(fileContentPath(workspaceId, fileId, { width: size }), { orgId, signal }),
    );
  }, [enabled, wanted, key, orgId, workspaceId, fileId, size]);

  if (file !== undefined && !wanted) return { status: 'unsupported', url: null, error: null };
  // Not enabled: a thumbnail cached for someone else still shows (nothing is fetched).
  return snapshot;
}

/**
 * A file's thumbnail by id (a file id in a table cell), as a data URL fetched with the
 * session's token when visible. Without `file`, it first asks for the metadata, to know whether
 * the file is an image at all: `?w=` answers anything else with the whole file.
 */
export function useFileThumbnail({
  orgId,
  workspaceId,
  fileId,
  width = 256,
  enabled = true,
  file,
}: UseFileThumbnailOptions): FileThumbnail {
  const metadata = useQuery({
    ...fileQueryOptions(orgId, workspaceId, fileId),
    enabled: enabled && file === undefined,
  });
  const known = file ? { ...file, id: fileId } : metadata.data;
  const thumbnail = useThumbnailUrl({ orgId, workspaceId, file: known, width, enabled });

  if (metadata.isError && file === undefined) {
    return { status: 'error', url: null, error: metadata.error, file: undefined };
  }
  if (known === undefined) {
    return { status: enabled ? 'loading' : 'idle', url: null, error: null, file: undefined };
  }
  return { ...thumbnail, file: metadata.data };
}
