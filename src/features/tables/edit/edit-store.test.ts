import { describe, expect, it } from 'vitest';
import {
  countChanges,
  emptyEdits,
  isDeleted,
  rowKeyOf,
  stageCell,
  stageCells,
  stageDeletes,
  stageInsert,
  undo,
  unstage,
  updateOf,
} from './edit-store';

const edit = (key: unknown[], column: string, value: unknown, original: unknown) => ({
  key,
  column,
  value,
  original,
});

describe('the staged edits', () => {
  it('stages cells per row, and setting a cell back unstages it', () => {
    let s = stageCell(emptyEdits, edit([1], 'name', 'b', 'a'));
    s = stageCell(s, edit([1], 'age', 3, 2));
    expect(updateOf(s, rowKeyOf([1]))).toMatchObject({
      values: { name: 'b', age: 3 },
      original: { name: 'a', age: 2 },
    });
    expect(s.changes).toHaveLength(1);
    // A second edit of the same cell keeps the first original.
    s = stageCell(s, edit([1], 'name', 'c', 'b'));
    expect(updateOf(s, rowKeyOf([1]))?.original.name).toBe('a');
    s = stageCell(s, edit([1], 'name', 'a', 'c'));
    s = stageCell(s, edit([1], 'age', 2, 3));
    expect(s.changes).toEqual([]);
  });

  it('ignores an edit that changes nothing', () => {
    expect(stageCell(emptyEdits, edit([1], 'j', { a: 1 }, { a: 1 }))).toBe(emptyEdits);
  });

  it('deleting a row drops its edits, and a deleted row takes none', () => {
    let s = stageCell(emptyEdits, edit([1], 'name', 'b', 'a'));
    s = stageDeletes(s, [[1], [2]]);
    expect(countChanges(s)).toEqual({ updates: 0, inserts: 0, deletes: 2, total: 2 });
    expect(isDeleted(s, rowKeyOf([2]))).toBe(true);
    expect(stageCell(s, edit([1], 'name', 'x', 'a'))).toBe(s);
    expect(stageDeletes(s, [[1]])).toBe(s);
  });

  it('stages new rows, unstages one change, and undoes step by step', () => {
    let s = stageInsert(emptyEdits, { name: 'n' }, 'new-a');
    s = stageCell(s, edit([1], 'name', 'b', 'a'));
    s = stageDeletes(s, [[2]]);
    expect(countChanges(s).total).toBe(3);
    const deletion = s.changes.find((c) => c.kind === 'delete')!;
    s = unstage(s, deletion);
    expect(countChanges(s)).toMatchObject({ deletes: 0, total: 2 });
    s = undo(s);
    expect(countChanges(s).deletes).toBe(1);
    s = undo(undo(s));
    expect(s.changes).toEqual([{ kind: 'insert', id: 'new-a', values: { name: 'n' } }]);
    s = undo(s);
    expect(s.changes).toEqual([]);
    expect(undo(s)).toBe(s);
  });
});

describe('a paste', () => {
  it('stages many cells as one undo step', () => {
    const s = stageCells(emptyEdits, [
      { key: [1], column: 'a', value: 1, original: 0 },
      { key: [2], column: 'a', value: 2, original: 0 },
    ]);
    expect(countChanges(s).updates).toBe(2);
    expect(undo(s).changes).toEqual([]);
  });
});
