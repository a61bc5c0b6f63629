import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect, useSyncExternalStore } from 'react';
import type { FileInfo } from '../../../../contract/files';
import { api } from '../../../lib/api-client';
import { fileKeys } from '../api/keys';
import { filesPath } from '../api/paths';
import { summarize, UploadQueue } from './upload-queue';

/** New files show up in the list this soon after they are stored, however many arrive. */
const REFRESH_INTERVAL_MS = 750;

/**
 * One queue per workspace for the life of the page, so uploads go on while you look elsewhere
 * (per query client: the app has one; tests make one each).
 */
const queues = new WeakMap<QueryClient, Map<string, UploadQueue>>();

function refresher(queryClient: QueryClient, orgId: string, workspaceId: string) {
  let timer: ReturnType<typeof setTimeout> | null = null;
  return () => {
    if (timer !== null) return;
    timer = setTimeout(() => {
      timer = null;
      void queryClient.invalidateQueries({ queryKey: fileKeys.lists(orgId, workspaceId) });
    }, REFRESH_INTERVAL_MS);
  };
}

export function uploadQueueFor(
  queryClient: QueryClient,
  orgId: string,
  workspaceId: string,
): UploadQueue {
  const key = JSON.stringify([orgId, workspaceId]);
  let byWorkspace = queues.get(queryClient);
  if (!byWorkspace) {
    byWorkspace = new Map();
    queues.set(queryClient, byWorkspace);
  }
  let queue = byWorkspace.get(key);
  if (!queue) {
    const refresh = refresher(queryClient, orgId, workspaceId);
    queue = new UploadQueue({
      upload: (file, { signal, onProgress }) => {
        const form = new FormData();
        form.append('file', file, file.name);
        return api.upload<FileInfo>(filesPath(workspaceId), form, { orgId, signal, onProgress });
      },
      onUploaded: (stored) => {
        queryClient.setQueryData(fileKeys.detail(orgId, workspaceId, stored.id), stored);
        refresh();
      },
    });
    byWorkspace.set(key, queue);
  }
  return queue;
}

/** The workspace's upload queue and its uploads; warns before the page is closed mid-upload. */
export function useUploadQueue(orgId: string, workspaceId: string) {
  const queryClient = useQueryClient();
  const queue = uploadQueueFor(queryClient, orgId, workspaceId);
  const items = useSyncExternalStore(queue.subscribe, queue.getSnapshot);
  const active = summarize(items).active > 0;

  useEffect(() => {
    if (!active) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [active]);

  return { queue, items };
}
