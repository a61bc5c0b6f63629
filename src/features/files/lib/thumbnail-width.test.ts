import { describe, expect, it } from 'vitest';
import { PREPARED_THUMBNAIL_WIDTHS } from '../../../../contract/files';
import { thumbnailWidthFor } from './thumbnail-width';

describe('thumbnailWidthFor', () => {
  it("asks for the narrowest of the contract's widths that is sharp at the pixel ratio", () => {
    expect(thumbnailWidthFor(40, 1)).toBe(64);
    expect(thumbnailWidthFor(40, 2)).toBe(128);
    expect(thumbnailWidthFor(64, 1)).toBe(64);
    expect(thumbnailWidthFor(65, 1)).toBe(128);
    expect(thumbnailWidthFor(224, 1.25)).toBe(512);
  });

  it('asks for the widths the server makes at upload for the gallery tile', () => {
    expect([thumbnailWidthFor(224, 1), thumbnailWidthFor(224, 2)]).toEqual([
      ...PREPARED_THUMBNAIL_WIDTHS,
    ]);
  });

  it('stops at the widest, and treats ratios above 3 as 3', () => {
    expect(thumbnailWidthFor(224, 3)).toBe(1024);
    expect(thumbnailWidthFor(224, 8)).toBe(1024);
    expect(thumbnailWidthFor(2000, 1)).toBe(1024);
  });
});
