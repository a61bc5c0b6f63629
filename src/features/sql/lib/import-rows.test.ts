import { describe, expect, it } from 'vitest';
import { defaultMapping, mapRows, paramColumnNames, sourceColumns } from './import-rows';

describe('paramColumnNames', () => {
  it('ties INSERT values to their columns, casts included', () => {
    expect(
      paramColumnNames('INSERT INTO t (title, "Meta", score) VALUES ($2, $1::jsonb, $3 + 1)'),
    ).toEqual(
      new Map([
        [2, 'title'],
        [1, 'Meta'],
      ]),
    );
  });

  it('ties comparisons and assignments to their columns', () => {
    expect(paramColumnNames('UPDATE t SET name = $1 WHERE t.id = $2 AND $3 = kind')).toEqual(
      new Map([
        [1, 'name'],
        [2, 'id'],
        [3, 'kind'],
      ]),
    );
  });

  it('ignores parameters in strings and comments', () => {
    expect(paramColumnNames("SELECT 'a = $1' -- b = $2")).toEqual(new Map());
  });
});

describe('sourceColumns', () => {
  it('labels columns by the header or by number, as wide as the widest row', () => {
    expect(
      sourceColumns(
        [
          ['a', ''],
          ['1', '2', '3'],
        ],
        true,
      ),
    ).toEqual(['a', 'Column 2', 'Column 3']);
    expect(sourceColumns([['a', 'b']], false)).toEqual(['Column 1', 'Column 2']);
  });
});

describe('defaultMapping', () => {
  it('maps by the names the statement gives, then in order', () => {
    const names = new Map([[2, 'title']]);
    expect(defaultMapping(['id', 'title', 'extra'], true, 3, names)).toEqual([0, 1, 2]);
    expect(defaultMapping(['title', 'id'], true, 2, names)).toEqual([1, 0]);
  });

  it('leaves parameters without a column empty', () => {
    expect(defaultMapping(['Column 1'], false, 3, new Map())).toEqual([0, null, null]);
  });
});

describe('mapRows', () => {
  it('puts the mapped cells in parameter order, skipping the header', () => {
    expect(mapRows([['id', 'name'], ['1', 'a'], ['2']], true, [1, 0, null])).toEqual([
      ['a', '1', ''],
      ['', '2', ''],
    ]);
  });
});
