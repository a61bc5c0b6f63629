import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useSyncExternalStore } from 'react';
import type { UploadedFile } from '../../../../contract/files';
import { api } from '../../../lib/api-client';
import { workspaceScope } from '../../../lib/query-scope';
import { fileKeys } from '../api/keys';
import { filesPath } from '../api/paths';
import { summarize, UploadQueue, type UploadTarget } from './upload-queue';

/** New files show up in the list this soon after they are stored, however many arrive. */
const REFRESH_INTERVAL_MS = 750;

/**
 * One queue per workspace for the life of the page, so uploads go on while you look elsewhere
 * (per query client: the app has one; tests make one each).
 */
const queues = new WeakMap<QueryClient, Map<string, UploadQueue>>();

/**
 * Refreshes the file lists soon, once for many uploads; `rowsToo` when an upload was recorded in
 * a table, whose rows, counts and the SQL results of the workspace are then stale as well.
 */
function refresher(queryClient: QueryClient, orgId: string, workspaceId: string) {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let rows = false;
  return (rowsToo: boolean) => {
    rows ||= rowsToo;
    if (timer !== null) return;
    timer = setTimeout(() => {
      timer = null;
      const queryKey = rows
        ? workspaceScope(orgId, workspaceId)
        : fileKeys.lists(orgId, workspaceId);
      rows = false;
      void queryClient.invalidateQueries({ queryKey });
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
      upload: (file, { signal, onProgress, target }) => {
        const form = new FormData();
        form.append('file', file, file.name);
        return api.upload<UploadedFile>(uploadPath(workspaceId, target), form, {
          orgId,
          signal,
          onProgress,
        });
      },
      onUploaded: ({ recorded, ...stored }: UploadedFile) => {
        queryClient.setQueryData(fileKeys.detail(orgId, workspaceId, stored.id), stored);
        refresh(recorded !== undefined);
      },
    });
    byWorkspace.set(key, queue);
    warnWhileBusy(queue);
  }
  return queue;
}

/** Where an upload is sent: the files endpoint, with its target in the query string. */
export function uploadPath(workspaceId: string, target: UploadTarget): string {
  const query = new URLSearchParams();
  if (target.folder !== undefined) query.set('folder', target.folder);
  if (target.table !== undefined && target.column !== undefined) {
    query.set('table', target.table);
    query.set('column', target.column);
  }
  const search = query.toString();
  return `${filesPath(workspaceId)}${search ? `?${search}` : ''}`;
}

/** Queues with uploads waiting or running, wherever in the console the person is now. */
const busy = new Set<UploadQueue>();
const warnBeforeLeaving = (event: BeforeUnloadEvent) => event.preventDefault();

/**
 * Closing or reloading the page ends every upload under way: the browser asks first, while any
 * queue is busy — also when the person has moved on from Files to another screen.
 */
function warnWhileBusy(queue: UploadQueue) {
  queue.subscribe(() => {
    const wasEmpty = busy.size === 0;
    if (summarize(queue.getSnapshot()).active > 0) busy.add(queue);
    else busy.delete(queue);
    if (wasEmpty && busy.size > 0) window.addEventListener('beforeunload', warnBeforeLeaving);
    if (!wasEmpty && busy.size === 0) {
      window.removeEventListener('beforeunload', warnBeforeLeaving);
    }
  });
}

/** The workspace's upload queue and its uploads. */
export function useUploadQueue(orgId: string, workspaceId: string) {
  const queryClient = useQueryClient();
  const queue = uploadQueueFor(queryClient, orgId, workspaceId);
  const items = useSyncExternalStore(queue.subscribe, queue.getSnapshot);
  return { queue, items };
}
