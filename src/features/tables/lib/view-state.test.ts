import { describe, expect, it } from 'vitest';
import { DEFAULT_VIEW, parseViewState, viewSearchParams, type TableViewState } from './view-state';

const parse = (query: string) => parseViewState(new URLSearchParams(query));

describe('parseViewState', () => {
  it('reads page, size, sort and filters', () => {
    expect(
      parse('page=3&size=250&sort=created_at.desc&f.eq.status=active&f.null.deleted_at='),
    ).toEqual({
      tab: 'data',
      page: 3,
      pageSize: 250,
      sort: { column: 'created_at', direction: 'desc' },
      filters: [
        { column: 'status', op: 'eq', value: 'active' },
        { column: 'deleted_at', op: 'null', value: '' },
      ],
    });
  });

  it('falls back to defaults for anything unreadable', () => {
    for (const query of [
      'page=0&size=10',
      'page=-1&size=5000',
      'page=abc&size=1e3',
      'page=99999999999&size=',
      'sort=nodirection&f.bogus.x=1&f.eq=1&f.eq.=1',
      'sort=.asc&view=nonsense',
      'sort=col.sideways',
    ]) {
      expect(parse(query)).toEqual(DEFAULT_VIEW);
    }
  });

  it('keeps dots, quotes and spaces in column names', () => {
    const state = parse(
      `sort=${encodeURIComponent('a.b "c".asc')}&${encodeURIComponent('f.contains.x.y z')}=%25`,
    );
    expect(state.sort).toEqual({ column: 'a.b "c"', direction: 'asc' });
    expect(state.filters).toEqual([{ column: 'x.y z', op: 'contains', value: '%' }]);
  });

  it('accepts any page size from 50 to 1,000', () => {
    expect(parse('size=50').pageSize).toBe(50);
    expect(parse('size=1000').pageSize).toBe(1000);
    expect(parse('size=49').pageSize).toBe(100);
    expect(parse('size=1001').pageSize).toBe(100);
  });

  it('reads the schema tab', () => {
    expect(parse('view=schema').tab).toBe('schema');
  });
});

describe('viewSearchParams', () => {
  it('leaves the defaults out', () => {
    expect(viewSearchParams(DEFAULT_VIEW).toString()).toBe('');
  });

  it('round-trips any state, hostile names and values included', () => {
    const state: TableViewState = {
      tab: 'schema',
      page: 7,
      pageSize: 500,
      sort: { column: 'we.ird"col', direction: 'asc' },
      filters: [
        { column: 'title', op: 'contains', value: "'; DROP TABLE x; --" },
        { column: 'a&b=c', op: 'eq', value: '日本 & more' },
        { column: 'gone', op: 'notnull', value: '' },
      ],
    };
    const text = viewSearchParams(state).toString();
    expect(parseViewState(new URLSearchParams(text))).toEqual(state);
  });
});
