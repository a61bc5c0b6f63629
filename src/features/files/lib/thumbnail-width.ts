/** The width to ask for, for a thumbnail shown `cssPixels` wide on this screen. */
export function thumbnailWidthFor(cssPixels: number): number {
  const ratio = typeof window === 'undefined' ? 1 : window.devicePixelRatio || 1;
  // Whole steps, so one size of tile asks for one size of thumbnail (and they cache as one).
  return Math.ceil((cssPixels * Math.min(ratio, 3)) / 64) * 64;
}
