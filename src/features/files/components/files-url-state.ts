import { useAddressState } from '../../../lib/use-address-state';
import type { FileListParams } from '../api/keys';
import { folderFromAddress, ROOT } from '../folders/folder-paths';

/**
 * What the gallery shows lives in the URL (the folder, page, page size, type filter, name
 * search, view and the file being previewed), so a reload, the Back button and a shared link
 * show the same.
 */

export const PAGE_SIZES = [50, 100, 200] as const;
export type PageSize = (typeof PAGE_SIZES)[number];
export const DEFAULT_PAGE_SIZE: PageSize = 100;

/** Type filters, as the content-type prefixes the API filters by. */
export const TYPE_FILTERS = {
  all: { label: 'All types', prefix: undefined },
  image: { label: 'Images', prefix: 'image/' },
  video: { label: 'Videos', prefix: 'video/' },
  audio: { label: 'Audio', prefix: 'audio/' },
  pdf: { label: 'PDFs', prefix: 'application/pdf' },
  text: { label: 'Text', prefix: 'text/' },
  json: { label: 'JSON', prefix: 'application/json' },
} as const satisfies Record<string, { label: string; prefix: string | undefined }>;
export type TypeFilter = keyof typeof TYPE_FILTERS;

export type GalleryView = 'grid' | 'list';

export interface GalleryState {
  /** The folder shown (`drive/…`), where the server has folders; `drive` otherwise. */
  folder: string;
  /** 1-based. */
  page: number;
  size: PageSize;
  type: TypeFilter;
  q: string;
  view: GalleryView;
  /** The file being previewed, by id. */
  preview: string | null;
}

const isTypeFilter = (value: string | null): value is TypeFilter =>
  value !== null && Object.hasOwn(TYPE_FILTERS, value);

/** The state a URL's query says, with anything missing or malformed taken as the default. */
export function parseGalleryState(params: URLSearchParams): GalleryState {
  const page = Number(params.get('page'));
  const size = Number(params.get('size'));
  const type = params.get('type');
  return {
    folder: folderFromAddress(params.get('folder')),
    page: Number.isSafeInteger(page) && page >= 1 ? page : 1,
    size: (PAGE_SIZES as readonly number[]).includes(size) ? (size as PageSize) : DEFAULT_PAGE_SIZE,
    type: isTypeFilter(type) ? type : 'all',
    q: params.get('q')?.trim() ?? '',
    view: params.get('view') === 'list' ? 'list' : 'grid',
    preview: params.get('preview') || null,
  };
}

/**
 * The page of the API's list a state shows. With folders, that is the files directly in the
 * folder, or while searching or filtering by type, those anywhere under it (a search finds what
 * is in the folders too); without them, every file.
 */
export function galleryListParams(
  { folder, page, size, type, q }: GalleryState,
  folders: boolean,
): FileListParams {
  const filtered = type !== 'all' || q !== '';
  return {
    limit: size,
    offset: (page - 1) * size,
    contentType: TYPE_FILTERS[type].prefix,
    q: q || undefined,
    ...(folders && !filtered && { folder }),
    ...(folders && filtered && folder !== ROOT && { under: folder }),
  };
}

/** The query for a state; defaults are left out, so the plain URL is the default view. */
export function galleryParams(state: GalleryState): URLSearchParams {
  const params = new URLSearchParams();
  if (state.folder !== ROOT) params.set('folder', state.folder);
  if (state.page !== 1) params.set('page', String(state.page));
  if (state.size !== DEFAULT_PAGE_SIZE) params.set('size', String(state.size));
  if (state.type !== 'all') params.set('type', state.type);
  if (state.q) params.set('q', state.q);
  if (state.view !== 'grid') params.set('view', state.view);
  if (state.preview) params.set('preview', state.preview);
  return params;
}

/** The gallery's state, kept in the address; its writes replace the entry, so Back leaves it. */
export function useGalleryState() {
  return useAddressState(parseGalleryState, galleryParams);
}
