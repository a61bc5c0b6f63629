import { describe, expect, it } from 'vitest';
import { galleryListParams, galleryParams, parseGalleryState } from './files-url-state';

describe('gallery URL state', () => {
  it('reads every part of the state from the query', () => {
    expect(
      parseGalleryState(
        new URLSearchParams('page=3&size=200&type=video&q=%20beach%20&view=list&preview=abc'),
      ),
    ).toEqual({
      folder: 'drive',
      page: 3,
      size: 200,
      type: 'video',
      q: 'beach',
      view: 'list',
      preview: 'abc',
    });
  });

  it('takes defaults for anything missing or malformed', () => {
    expect(
      parseGalleryState(new URLSearchParams('page=-2&size=7&type=toString&view=tiles&preview=')),
    ).toEqual({
      folder: 'drive',
      page: 1,
      size: 100,
      type: 'all',
      q: '',
      view: 'grid',
      preview: null,
    });
    expect(parseGalleryState(new URLSearchParams('page=1.5')).page).toBe(1);
  });

  it('writes only what differs from the default, and reads back what it wrote', () => {
    const state = parseGalleryState(new URLSearchParams('page=2&type=image&q=cat'));
    expect(galleryParams(state).toString()).toBe('page=2&type=image&q=cat');
    expect(parseGalleryState(galleryParams(state))).toEqual(state);
    expect(galleryParams(parseGalleryState(new URLSearchParams())).toString()).toBe('');
  });

  it('keeps the folder, and takes anything that is not under drive as drive', () => {
    const state = parseGalleryState(new URLSearchParams('folder=drive/photos/2024/&page=2'));
    expect(state.folder).toBe('drive/photos/2024');
    expect(galleryParams(state).toString()).toBe('folder=drive%2Fphotos%2F2024&page=2');
    for (const odd of ['', 'drive', 'photos', 'drivex/a', '/drive/a']) {
      expect(parseGalleryState(new URLSearchParams({ folder: odd })).folder).toBe('drive');
    }
    expect(galleryParams(parseGalleryState(new URLSearchParams('folder=drive'))).toString()).toBe(
      '',
    );
  });

  it('lists the files in the folder, or under it while searching, only where folders exist', () => {
    const inFolder = parseGalleryState(new URLSearchParams('folder=drive/a'));
    expect(galleryListParams(inFolder, true)).toMatchObject({ folder: 'drive/a' });
    expect(galleryListParams(inFolder, true).under).toBeUndefined();
    const searching = { ...inFolder, q: 'cat' };
    expect(galleryListParams(searching, true)).toMatchObject({ under: 'drive/a', q: 'cat' });
    expect(galleryListParams(searching, true).folder).toBeUndefined();
    // At the top, a search is over everything: no folder at all.
    const top = galleryListParams({ ...searching, folder: 'drive' }, true);
    expect([top.folder, top.under]).toEqual([undefined, undefined]);
    expect(galleryListParams(inFolder, false)).toEqual({
      limit: 100,
      offset: 0,
      contentType: undefined,
      q: undefined,
    });
  });
});
