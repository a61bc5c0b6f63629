import { useEffect, useState } from 'react';
import type { FileInfo } from '../../../../contract/files';
import { api } from '../../../lib/api-client';
import { fileContentPath } from '../api/paths';
import { mediaUrl, startMediaProxy } from './media-proxy';

/**
 * A file's bytes as a URL an <img>, <video>, <audio> or <iframe> can load.
 *
 * The API only takes a Bearer token in a header, which those elements cannot send, and the
 * long-lived token must never go into a URL (it would end up in history, logs and Referer
 * headers). With `stream`, the URL goes through the media service worker (see media-proxy.ts),
 * which adds the headers to each request, Range requests included: a player streams and seeks
 * a file of any size. Otherwise, or where there is no service worker, the bytes are fetched
 * with the token as a blob, shown through an object URL that is revoked when the preview moves
 * on; a blob is the whole file in memory, so files past `maxBytes` are not fetched that way and
 * the preview offers a download instead.
 */
export type FileContentUrl =
  | { status: 'loading'; url: null; error: null }
  | { status: 'ready'; url: string; error: null }
  | { status: 'error'; url: null; error: Error }
  | { status: 'too-large'; url: null; error: null };

/** Largest file fetched whole into memory to be previewed. */
export const PREVIEW_BLOB_MAX_BYTES = 256 * 1024 * 1024;

const LOADING: FileContentUrl = { status: 'loading', url: null, error: null };
const TOO_LARGE: FileContentUrl = { status: 'too-large', url: null, error: null };

export function useFileContentUrl({
  orgId,
  workspaceId,
  file,
  width,
  stream = false,
  maxBytes = PREVIEW_BLOB_MAX_BYTES,
}: {
  orgId: string;
  workspaceId: string;
  file: Pick<FileInfo, 'id' | 'size'>;
  /** A thumbnail this wide instead of the original (large images). */
  width?: number | undefined;
  /** Stream through the media service worker when it runs (video, audio, PDF). */
  stream?: boolean;
  /** Largest file fetched as a blob. */
  maxBytes?: number;
}): FileContentUrl {
  const [state, setState] = useState<{ key: string; value: FileContentUrl } | null>(null);
  const key = `${orgId}/${workspaceId}/${file.id}/${width ?? ''}/${stream}`;
  const blobTooLarge = width === undefined && file.size > maxBytes;

  useEffect(() => {
    const path = fileContentPath(workspaceId, file.id, { width });
    const controller = new AbortController();
    let revoke: (() => void) | null = null;
    const ready = (url: string) => setState({ key, value: { status: 'ready', url, error: null } });

    const fetchBlob = () => {
      if (blobTooLarge) {
        setState({ key, value: TOO_LARGE });
        return;
      }
      api.blob(path, { orgId, signal: controller.signal }).then(
        (blob) => {
          if (controller.signal.aborted) return;
          const url = URL.createObjectURL(blob);
          revoke = () => URL.revokeObjectURL(url);
          ready(url);
        },
        (error: unknown) => {
          if (controller.signal.aborted) return;
          const failure = error instanceof Error ? error : new Error(String(error));
          setState({ key, value: { status: 'error', url: null, error: failure } });
        },
      );
    };

    if (stream) {
      void startMediaProxy().then((running) => {
        if (controller.signal.aborted) return;
        if (!running) {
          fetchBlob();
          return;
        }
        const media = mediaUrl({ path, orgId });
        revoke = media.revoke;
        ready(media.url);
      });
    } else {
      fetchBlob();
    }
    return () => {
      controller.abort();
      revoke?.();
    };
  }, [key, stream, blobTooLarge, orgId, workspaceId, file.id, width]);

  // A state left from the previous file is never shown for this one.
  return state?.key === key ? state.value : LOADING;
}
