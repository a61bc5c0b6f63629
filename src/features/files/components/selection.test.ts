import { describe, expect, it } from 'vitest';
import { EMPTY_SELECTION, toggleSelection, togglePage, withoutIds } from './selection';

const page = ['a', 'b', 'c', 'd', 'e'];
const ids = (selection: { ids: ReadonlySet<string> }) => [...selection.ids].sort();

describe('selection', () => {
  it('toggles one file per plain click', () => {
    let selection = toggleSelection(EMPTY_SELECTION, page, 1, false);
    expect(ids(selection)).toEqual(['b']);
    selection = toggleSelection(selection, page, 3, false);
    expect(ids(selection)).toEqual(['b', 'd']);
    selection = toggleSelection(selection, page, 1, false);
    expect(ids(selection)).toEqual(['d']);
  });

  it('selects the range from the last click on shift-click, in either direction', () => {
    let selection = toggleSelection(EMPTY_SELECTION, page, 3, false);
    selection = toggleSelection(selection, page, 0, true);
    expect(ids(selection)).toEqual(['a', 'b', 'c', 'd']);

    // Shift-clicking a selected one clears the range from the new anchor.
    selection = toggleSelection(selection, page, 2, true);
    expect(ids(selection)).toEqual(['d']);
  });

  it('treats a shift-click without an earlier click as a plain one', () => {
    expect(ids(toggleSelection(EMPTY_SELECTION, page, 2, true))).toEqual(['c']);
  });

  it('selects the whole page, or clears it when all of it is selected', () => {
    let selection = toggleSelection(EMPTY_SELECTION, page, 1, false);
    selection = togglePage(selection, page);
    expect(ids(selection)).toEqual(page);
    selection = togglePage(selection, page);
    expect(ids(selection)).toEqual([]);
  });

  it('keeps selections of other pages, and drops deleted files', () => {
    let selection = toggleSelection(EMPTY_SELECTION, ['x', 'y'], 0, false);
    selection = togglePage(selection, page);
    expect(ids(selection)).toEqual(['a', 'b', 'c', 'd', 'e', 'x']);
    expect(ids(withoutIds(selection, ['a', 'x']))).toEqual(['b', 'c', 'd', 'e']);
  });
});
