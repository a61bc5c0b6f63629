import type { QueryClient } from '@tanstack/react-query';
import { fileListQueryOptions } from './api/files-query';
import { galleryListParams, parseGalleryState } from './components/files-url-state';

/** The page of files a gallery URL shows, asked for before the gallery renders. */
export function prefetchGallery(
  queryClient: QueryClient,
  orgId: string,
  workspaceId: string,
  search: URLSearchParams,
) {
  const params = galleryListParams(parseGalleryState(search));
  return queryClient.prefetchQuery(fileListQueryOptions(orgId, workspaceId, params));
}
