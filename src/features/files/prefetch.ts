import type { QueryClient } from '@tanstack/react-query';
import { fileListQueryOptions } from './api/files-query';
import { folderListQueryOptions } from './api/folders-query';
import { galleryListParams, parseGalleryState } from './components/files-url-state';
import { ROOT } from './folders/folder-paths';

/**
 * The page of files a gallery URL shows, asked for before the gallery renders. Which page that
 * is depends on whether the server has folders (the root's folders answer it, and are what the
 * gallery shows first): at the top that is asked first; inside a folder, only a console that
 * found folders wrote it into the URL, so both go at once.
 */
export async function prefetchGallery(
  queryClient: QueryClient,
  orgId: string,
  workspaceId: string,
  search: URLSearchParams,
) {
  const state = parseGalleryState(search);
  const support = queryClient
    .fetchQuery({ ...folderListQueryOptions(orgId, workspaceId, ROOT), staleTime: Infinity })
    .then(
      () => true,
      () => false,
    );
  const folders = state.folder === ROOT ? await support : true;
  const list = queryClient.prefetchQuery(
    fileListQueryOptions(orgId, workspaceId, galleryListParams(state, folders)),
  );
  const inFolder =
    folders && state.folder !== ROOT
      ? queryClient.prefetchQuery(folderListQueryOptions(orgId, workspaceId, state.folder))
      : undefined;
  await Promise.all([support, list, inFolder]);
}
