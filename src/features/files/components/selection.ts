/**
 * Which files are selected, by id. A click toggles one; a shift-click sets everything between
 * it and the previous click (on the same page) to the state the clicked one gets, as file
 * managers do.
 */
export interface Selection {
  ids: ReadonlySet<string>;
  /** Index (on the page) of the last plain or shift click: the anchor of the next range. */
  anchor: number | null;
}

export const EMPTY_SELECTION: Selection = { ids: new Set(), anchor: null };

export function toggleSelection(
  selection: Selection,
  pageIds: readonly string[],
  index: number,
  range: boolean,
): Selection {
  const id = pageIds[index];
  if (id === undefined) return selection;
  const selecting = !selection.ids.has(id);
  const ids = new Set(selection.ids);
  const from = range && selection.anchor !== null ? Math.min(selection.anchor, index) : index;
  const to = range && selection.anchor !== null ? Math.max(selection.anchor, index) : index;
  for (let i = from; i <= Math.min(to, pageIds.length - 1); i++) {
    if (selecting) ids.add(pageIds[i]!);
    else ids.delete(pageIds[i]!);
  }
  return { ids, anchor: index };
}

/** Selects every file of the page, or, when all of them are selected already, none of them. */
export function togglePage(selection: Selection, pageIds: readonly string[]): Selection {
  const all = pageIds.length > 0 && pageIds.every((id) => selection.ids.has(id));
  const ids = new Set(selection.ids);
  for (const id of pageIds) {
    if (all) ids.delete(id);
    else ids.add(id);
  }
  return { ids, anchor: null };
}

export function withoutIds(selection: Selection, gone: Iterable<string>): Selection {
  const ids = new Set(selection.ids);
  for (const id of gone) ids.delete(id);
  return { ids, anchor: selection.anchor };
}
