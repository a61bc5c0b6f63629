/**
 * Staged edits of one table, before they are saved: a plain value changed by pure functions,
 * so the grid, the review and the statements all read the same thing and undo is a stack of
 * earlier values. Rows are addressed by their primary key (`RowKey`), never by their position
 * on a page, so edits stay with their rows across sorting and paging.
 */

/** The primary key values of a row, as JSON: one string per row. */
export type RowKey = string;

export const rowKeyOf = (key: readonly unknown[]): RowKey => JSON.stringify(key);

export interface RowUpdate {
  kind: 'update';
  rowKey: RowKey;
  /** Primary key values, in key order. */
  key: unknown[];
  /** Column → new value (as the query endpoint returns values). */
  values: Record<string, unknown>;
  /** Column → the value it had when first edited, to unstage an edit set back to it. */
  original: Record<string, unknown>;
}

export interface RowInsert {
  kind: 'insert';
  id: string;
  /** Columns given; the others take their defaults. */
  values: Record<string, unknown>;
}

export interface RowDelete {
  kind: 'delete';
  rowKey: RowKey;
  key: unknown[];
}

export type StagedChange = RowUpdate | RowInsert | RowDelete;

export interface EditState {
  changes: StagedChange[];
  /** Earlier `changes`, newest last. */
  past: StagedChange[][];
}

export const emptyEdits: EditState = { changes: [], past: [] };

/** Undo keeps this many steps back. */
const HISTORY = 100;

function commit(state: EditState, changes: StagedChange[]): EditState {
  if (changes === state.changes) return state;
  return { changes, past: [...state.past, state.changes].slice(-HISTORY) };
}

const sameValue = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export function isDeleted(state: EditState, rowKey: RowKey) {
  return state.changes.some((c) => c.kind === 'delete' && c.rowKey === rowKey);
}

export function updateOf(state: EditState, rowKey: RowKey): RowUpdate | undefined {
  return state.changes.find((c): c is RowUpdate => c.kind === 'update' && c.rowKey === rowKey);
}

/**
 * Stages one cell's new value. Setting a cell back to the value it had unstages it; a row
 * staged for deletion takes no edits.
 */
export function stageCell(
  state: EditState,
  cell: { key: unknown[]; column: string; value: unknown; original: unknown },
): EditState {
  const rowKey = rowKeyOf(cell.key);
  if (isDeleted(state, rowKey)) return state;
  const existing = updateOf(state, rowKey);
  const original = existing && cell.column in existing.original ? existing.original : undefined;
  const was = original ? original[cell.column] : cell.original;
  const values = { ...existing?.values };
  const originals = { ...existing?.original };
  if (sameValue(cell.value, was)) {
    if (!(cell.column in values)) return state;
    delete values[cell.column];
    delete originals[cell.column];
  } else {
    if (existing && cell.column in values && sameValue(values[cell.column], cell.value)) {
      return state;
    }
    values[cell.column] = cell.value;
    originals[cell.column] = was;
  }
  const others = state.changes.filter((c) => c !== existing);
  const next: RowUpdate = { kind: 'update', rowKey, key: cell.key, values, original: originals };
  if (Object.keys(values).length === 0) return commit(state, others);
  if (!existing) return commit(state, [...state.changes, next]);
  return commit(
    state,
    state.changes.map((c) => (c === existing ? next : c)),
  );
}

/** Stages many cells as one step (a paste): one undo takes them all back. */
export function stageCells(
  state: EditState,
  cells: readonly { key: unknown[]; column: string; value: unknown; original: unknown }[],
): EditState {
  const next = cells.reduce(stageCell, state);
  return next.changes === state.changes ? state : commit(state, next.changes);
}

let insertCount = 0;

/** Stages a new row; `id` is made when not given (tests give one). */
export function stageInsert(
  state: EditState,
  values: Record<string, unknown>,
  id = `new-${++insertCount}`,
): EditState {
  return commit(state, [...state.changes, { kind: 'insert', id, values }]);
}

/** Stages rows for deletion; their staged cell edits go (a deleted row has nothing to update). */
export function stageDeletes(state: EditState, keys: readonly unknown[][]): EditState {
  const rowKeys = new Set(keys.map(rowKeyOf));
  const kept = state.changes.filter(
    (c) => c.kind === 'insert' || !rowKeys.has(c.rowKey) || c.kind === 'delete',
  );
  const already = new Set(kept.flatMap((c) => (c.kind === 'delete' ? [c.rowKey] : [])));
  const added: RowDelete[] = keys
    .filter((key) => !already.has(rowKeyOf(key)))
    .map((key) => ({ kind: 'delete', rowKey: rowKeyOf(key), key }));
  if (added.length === 0 && kept.length === state.changes.length) return state;
  return commit(state, [...kept, ...added]);
}

/** Takes one staged change back: a row's update or deletion, or a new row. */
export function unstage(state: EditState, change: StagedChange): EditState {
  const changes = state.changes.filter((c) => c !== change);
  return changes.length === state.changes.length ? state : commit(state, changes);
}

export function undo(state: EditState): EditState {
  const previous = state.past.at(-1);
  if (!previous) return state;
  return { changes: previous, past: state.past.slice(0, -1) };
}

export const discard = (): EditState => emptyEdits;

/** How many of each kind are staged. */
export function countChanges(state: EditState) {
  let updates = 0;
  let inserts = 0;
  let deletes = 0;
  for (const c of state.changes) {
    if (c.kind === 'update') updates++;
    else if (c.kind === 'insert') inserts++;
    else deletes++;
  }
  return { updates, inserts, deletes, total: updates + inserts + deletes };
}
