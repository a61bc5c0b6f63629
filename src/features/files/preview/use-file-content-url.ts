import { useEffect, useState } from 'react';
import type { FileInfo } from '../../../../contract/files';
import { api } from '../../../lib/api-client';
import { fileContentPath } from '../api/paths';

/**
 * A file's bytes as a URL an <img>, <video>, <audio> or <iframe> can load.
 *
 * The API only takes a Bearer token in a header, which those elements cannot send, and the
 * long-lived token must never go into a URL (it would end up in history, logs and Referer
 * headers). So the bytes are fetched with the token, as a blob, and shown through an object
 * URL that is revoked when the preview moves on. A blob is the whole file in the browser's
 * memory, so files past `maxBytes` are not fetched: the preview offers a download instead.
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
  maxBytes = PREVIEW_BLOB_MAX_BYTES,
}: {
  orgId: string;
  workspaceId: string;
  file: Pick<FileInfo, 'id' | 'size'>;
  /** A thumbnail this wide instead of the original (large images). */
  width?: number | undefined;
  maxBytes?: number;
}): FileContentUrl {
  const tooLarge = width === undefined && file.size > maxBytes;
  const [state, setState] = useState<{ key: string; value: FileContentUrl } | null>(null);
  const key = `${orgId}/${workspaceId}/${file.id}/${width ?? ''}`;

  useEffect(() => {
    if (tooLarge) return;
    const controller = new AbortController();
    let url: string | null = null;
    api
      .blob(fileContentPath(workspaceId, file.id, { width }), { orgId, signal: controller.signal })
      .then(
        (blob) => {
          if (controller.signal.aborted) return;
          url = URL.createObjectURL(blob);
          setState({ key, value: { status: 'ready', url, error: null } });
        },
        (error: unknown) => {
          if (controller.signal.aborted) return;
          const failure = error instanceof Error ? error : new Error(String(error));
          setState({ key, value: { status: 'error', url: null, error: failure } });
        },
      );
    return () => {
      controller.abort();
      if (url) URL.revokeObjectURL(url);
    };
  }, [key, tooLarge, orgId, workspaceId, file.id, width]);

  if (tooLarge) return TOO_LARGE;
  // A state left from the previous file is never shown for this one.
  return state?.key === key ? state.value : LOADING;
}
