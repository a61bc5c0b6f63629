/**
 * What the router (src/app/routes.tsx) mounts of Files: the gallery screen, in a chunk of its
 * own downloaded on first visit, and the prefetch of its first page. Apart from index.ts so
 * that the router's chunk, part of the first download, takes in only this: the index offers
 * other features thumbnails and the preview, which would join the first download with it.
 */
export { prefetchGallery } from './prefetch';

export const loadFilesScreen = () =>
  import('./components/files-screen').then((module) => module.FilesScreen);
