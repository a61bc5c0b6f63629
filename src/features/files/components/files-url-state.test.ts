import { describe, expect, it } from 'vitest';
import { galleryParams, parseGalleryState } from './files-url-state';

describe('gallery URL state', () => {
  it('reads every part of the state from the query', () => {
    expect(
      parseGalleryState(
        new URLSearchParams('page=3&size=200&type=video&q=%20beach%20&view=list&preview=abc'),
      ),
    ).toEqual({ page: 3, size: 200, type: 'video', q: 'beach', view: 'list', preview: 'abc' });
  });

  it('takes defaults for anything missing or malformed', () => {
    expect(
      parseGalleryState(new URLSearchParams('page=-2&size=7&type=toString&view=tiles&preview=')),
    ).toEqual({ page: 1, size: 100, type: 'all', q: '', view: 'grid', preview: null });
    expect(parseGalleryState(new URLSearchParams('page=1.5')).page).toBe(1);
  });

  it('writes only what differs from the default, and reads back what it wrote', () => {
    const state = parseGalleryState(new URLSearchParams('page=2&type=image&q=cat'));
    expect(galleryParams(state).toString()).toBe('page=2&type=image&q=cat');
    expect(parseGalleryState(galleryParams(state))).toEqual(state);
    expect(galleryParams(parseGalleryState(new URLSearchParams())).toString()).toBe('');
  });
});
