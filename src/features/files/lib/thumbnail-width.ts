import {
  THUMBNAIL_MAX_WIDTH,
  THUMBNAIL_MIN_WIDTH,
  THUMBNAIL_WIDTHS,
} from '../../../../contract/files';

/**
 * The width to ask for, for a thumbnail shown `cssPixels` wide on this screen: the narrowest of
 * the contract's widths that is sharp at this pixel ratio, so that every tile of one size asks
 * for one thumbnail (cached as one), and the gallery's is the one the server made at upload.
 */
export function thumbnailWidthFor(cssPixels: number, pixelRatio = devicePixelRatio()): number {
  const wanted = cssPixels * Math.min(pixelRatio, 3);
  return THUMBNAIL_WIDTHS.find((width) => width >= wanted) ?? THUMBNAIL_WIDTHS.at(-1)!;
}

function devicePixelRatio(): number {
  return typeof window === 'undefined' ? 1 : window.devicePixelRatio || 1;
}

/** A width the server's thumbnails accept, in whole pixels. */
export function thumbnailWidth(width: number): number {
  return Math.min(THUMBNAIL_MAX_WIDTH, Math.max(THUMBNAIL_MIN_WIDTH, Math.round(width)));
}
