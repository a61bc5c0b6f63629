import { describe, expect, it } from 'vitest';
import {
  HISTORY_LIMIT,
  matchesSearch,
  mergeHistory,
  mergeTabs,
  newTab,
  paramsText,
  readHistory,
  readSession,
  readSnippets,
  rowsFitStorage,
  settingsFromValues,
  type HistoryEntry,
} from './saved-state';

describe('readSession', () => {
  it('keeps good tabs and repairs bad fields', () => {
    const session = readSession({
      activeTabId: 'b',
      tabs: [
        {
          id: 'a',
          sql: 'SELECT 1',
          params: { 1: { type: 'number', value: '4', typeChosen: true } },
        },
        { id: 'b', sql: 42, title: '  ', params: { 0: {}, x: {}, 2: { type: 'bogus', value: 7 } } },
        { id: '', sql: 'no id' },
        'not a tab',
        { id: 'a', sql: 'duplicate id' },
      ],
    })!;
    expect(session.activeTabId).toBe('b');
    expect(session.tabs.map((tab) => [tab.id, tab.sql, tab.title])).toEqual([
      ['a', 'SELECT 1', null],
      ['b', '', null],
    ]);
    expect(session.tabs[0]!.params).toEqual({
      1: { type: 'number', value: '4', typeChosen: true },
    });
    expect(session.tabs[1]!.params).toEqual({ 2: { type: 'text', value: '', typeChosen: false } });
    expect(session.tabs[1]!.batch).toEqual({ enabled: false, rows: [[]], emptyIsNull: true });
  });

  it('picks the first tab when the active one is gone, and starts fresh on an empty list', () => {
    expect(readSession({ activeTabId: 'gone', tabs: [{ id: 'a' }] })!.activeTabId).toBe('a');
    const fresh = readSession({ tabs: [] })!;
    expect(fresh.tabs).toHaveLength(1);
    expect(fresh.activeTabId).toBe(fresh.tabs[0]!.id);
  });

  it('refuses what is not a session at all', () => {
    expect(readSession(null)).toBeNull();
    expect(readSession([1, 2])).toBeNull();
    expect(readSession({ tabs: 'x' })).toBeNull();
    expect(readSession({ tabs: [1, 2] })).toBeNull();
  });

  it('reads batch rows as strings', () => {
    const tab = readSession({
      tabs: [
        {
          id: 'a',
          batch: { enabled: true, rows: [[1, null, 'x'], 'bad'], emptyIsNull: false, notKept: 5 },
        },
      ],
    })!.tabs[0]!;
    expect(tab.batch).toEqual({
      enabled: true,
      rows: [['1', '', 'x'], []],
      emptyIsNull: false,
      notKept: 5,
    });
  });
});

describe('readHistory and readSnippets', () => {
  it('drop entries without an id or SQL and default the rest', () => {
    const history = readHistory([
      {
        id: 'h1',
        sql: 'SELECT 1',
        ranAt: 5,
        status: 'error',
        message: 'boom',
        params: [{ number: 1, type: 'json', value: '{}' }],
      },
      { id: 'h2', sql: 'SELECT 2', status: 'weird', params: [{ number: 0 }] },
      { sql: 'no id' },
    ])!;
    expect(history.map((entry) => [entry.id, entry.status, entry.params])).toEqual([
      ['h1', 'error', [{ number: 1, type: 'json', value: '{}' }]],
      ['h2', 'ok', []],
    ]);
    expect(readHistory({})).toBeNull();
    expect(readSnippets([{ id: 's', sql: 'x', name: '  ' }])![0]!.name).toBe('Untitled snippet');
  });
});

describe('a batch run in the history', () => {
  it('keeps its rows, their count and how empty cells were sent', () => {
    const [entry] = readHistory([
      {
        id: 'b',
        sql: 'INSERT INTO t VALUES ($1)',
        status: 'ok',
        batchRows: [['1'], ['']],
        batchSize: 2,
        batchEmptyIsNull: false,
      },
    ])!;
    expect(entry).toMatchObject({
      batchRows: [['1'], ['']],
      batchSize: 2,
      batchEmptyIsNull: false,
    });
  });
});

describe('mergeTabs', () => {
  const tab = (id: string, sql: string, updatedAt: number) => ({
    ...newTab({ sql }),
    id,
    updatedAt,
  });

  it('keeps tabs only the other window has, the newer of shared tabs, and not the ones we closed', () => {
    const ours = [tab('a', 'ours a', 10), tab('b', 'ours b', 30)];
    const stored = [
      tab('a', 'theirs a', 20),
      tab('b', 'theirs b', 5),
      tab('c', 'theirs c', 1),
      tab('d', 'closed', 1),
    ];
    expect(mergeTabs(ours, stored, new Set(['d'])).map((t) => t.sql)).toEqual([
      'theirs a',
      'ours b',
      'theirs c',
    ]);
  });
});

describe('mergeHistory', () => {
  it('unites by id, newest first, capped', () => {
    const entry = (id: string, ranAt: number): HistoryEntry => ({
      id,
      sql: id,
      params: [],
      ranAt,
      status: 'ok',
    });
    expect(
      mergeHistory([entry('a', 3), entry('b', 1)], [entry('b', 1), entry('c', 2)]).map((e) => e.id),
    ).toEqual(['a', 'c', 'b']);
    const many = Array.from({ length: HISTORY_LIMIT + 10 }, (_, i) => entry(String(i), i));
    expect(mergeHistory(many, [])).toHaveLength(HISTORY_LIMIT);
  });
});

describe('settingsFromValues', () => {
  it('types values from a link and shows them as text', () => {
    expect(settingsFromValues(['doc', 3, true, null, [0.1, 0.2], { a: 1 }])).toEqual({
      1: { type: 'text', value: 'doc', typeChosen: true },
      2: { type: 'number', value: '3', typeChosen: true },
      3: { type: 'boolean', value: 'true', typeChosen: true },
      4: { type: 'null', value: '', typeChosen: true },
      5: { type: 'array', value: '[0.1,0.2]', typeChosen: true },
      6: { type: 'json', value: '{"a":1}', typeChosen: true },
    });
  });
});

describe('search and labels', () => {
  it('matches every word in the SQL, name or parameter values, ignoring case', () => {
    const entry = {
      sql: 'SELECT * FROM docs',
      params: [{ number: 1, type: 'text' as const, value: 'Beach' }],
    };
    expect(matchesSearch(entry, 'docs beach')).toBe(true);
    expect(matchesSearch(entry, 'docs city')).toBe(false);
    expect(matchesSearch(entry, '  ')).toBe(true);
    expect(matchesSearch({ ...entry, name: 'Nightly' }, 'nightly')).toBe(true);
  });

  it('writes parameters in one line', () => {
    expect(
      paramsText([
        { number: 1, type: 'text', value: 'a "b"' },
        { number: 2, type: 'number', value: '4' },
        { number: 3, type: 'null', value: 'ignored' },
      ]),
    ).toBe('$1 = "a \\"b\\"", $2 = 4, $3 = NULL');
  });

  it('tells whether rows fit the storage budget', () => {
    expect(rowsFitStorage([['a', 'b']])).toBe(true);
    expect(rowsFitStorage(Array.from({ length: 100_000 }, () => ['0123456789']))).toBe(false);
  });
});
