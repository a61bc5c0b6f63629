/**
 * Header height in pixels. The row virtualizer's scroll margin, the rows' offsets and the
 * keyboard's page size all depend on it, so it lives in one place.
 */
export const HEADER_HEIGHT = 48;
