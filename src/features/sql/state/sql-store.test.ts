import { afterEach, describe, expect, it, vi } from 'vitest';
import { backupKey } from '../lib/storage';
import { resetStores, snippetStore, workspaceStore } from './sql-store';

const TABS_KEY = 'deeplake-console.sql.v1.acme.ws.tabs';
const HISTORY_KEY = 'deeplake-console.sql.v1.acme.ws.history';

afterEach(() => {
  resetStores();
  vi.useRealTimers();
});

describe('the SQL screen’s kept state', () => {
  it('writes tabs soon after a change, and at once when the page is hidden', () => {
    vi.useFakeTimers();
    const store = workspaceStore('acme', 'ws');
    const tab = store.session.get().tabs[0]!;
    store.updateTab(tab.id, (t) => ({ ...t, sql: 'SELECT 1' }));
    expect(localStorage.getItem(TABS_KEY)).toBeNull();
    vi.advanceTimersByTime(300);
    expect(JSON.parse(localStorage.getItem(TABS_KEY)!).tabs[0].sql).toBe('SELECT 1');

    store.updateTab(tab.id, (t) => ({ ...t, sql: 'SELECT 2' }));
    window.dispatchEvent(new Event('pagehide'));
    expect(JSON.parse(localStorage.getItem(TABS_KEY)!).tabs[0].sql).toBe('SELECT 2');
  });

  it('comes back after a reload (a new store reads what the last one wrote)', () => {
    const store = workspaceStore('acme', 'ws');
    store.openTab({
      sql: 'SELECT 42',
      params: { 1: { type: 'number', value: '7', typeChosen: true } },
    });
    store.session.flush();
    resetStores();
    const again = workspaceStore('acme', 'ws');
    const session = again.session.get();
    expect(session.tabs).toHaveLength(2);
    const active = session.tabs.find((t) => t.id === session.activeTabId)!;
    expect(active.sql).toBe('SELECT 42');
    expect(active.params[1]).toEqual({ type: 'number', value: '7', typeChosen: true });
    expect(again.recovered).toBe(false);
  });

  it('sets aside what it cannot read, keeps a copy, and starts fresh without crashing', () => {
    localStorage.setItem(TABS_KEY, '{"tabs": [oops');
    localStorage.setItem(HISTORY_KEY, '"not a list"');
    const store = workspaceStore('acme', 'ws');
    expect(store.recovered).toBe(true);
    expect(store.session.get().tabs).toHaveLength(1);
    expect(store.history.get()).toEqual([]);
    expect(localStorage.getItem(backupKey(TABS_KEY))).toBe('{"tabs": [oops');
    expect(localStorage.getItem(backupKey(HISTORY_KEY))).toBe('"not a list"');
    // The bad value is replaced only by the next write, after the copy was made.
    expect(localStorage.getItem(TABS_KEY)).toBe('{"tabs": [oops');
  });

  it('keeps big batch rows in memory but not in storage, and says how many there were', () => {
    const store = workspaceStore('acme', 'ws');
    const tab = store.session.get().tabs[0]!;
    const rows = Array.from({ length: 120_000 }, (_, i) => [String(i), 'some text']);
    store.updateTab(tab.id, (t) => ({ ...t, batch: { ...t.batch, enabled: true, rows } }));
    store.session.flush();
    expect(store.session.get().tabs[0]!.batch.rows).toBe(rows);
    const stored = JSON.parse(localStorage.getItem(TABS_KEY)!).tabs[0].batch;
    expect(stored).toEqual({ enabled: true, rows: [[]], emptyIsNull: true, notKept: 120_000 });
  });

  it('closes a tab with a way to reopen it, and never leaves no tab', () => {
    const store = workspaceStore('acme', 'ws');
    const first = store.session.get().tabs[0]!;
    store.updateTab(first.id, (t) => ({ ...t, sql: 'keep me' }));
    const reopen = store.closeTab(first.id);
    expect(store.session.get().tabs).toHaveLength(1);
    expect(store.session.get().tabs[0]!.id).not.toBe(first.id);
    reopen();
    expect(store.session.get().tabs.map((t) => t.sql)).toContain('keep me');
    expect(store.session.get().activeTabId).toBe(first.id);
  });

  it('does not lose a tab another window of the same workspace wrote', () => {
    const store = workspaceStore('acme', 'ws');
    store.session.flush();
    // Another window adds a tab and saves it.
    const stored = JSON.parse(localStorage.getItem(TABS_KEY) ?? '{"tabs":[]}');
    const theirs = {
      id: 'theirs',
      title: null,
      sql: 'their work',
      params: {},
      batch: { enabled: false, rows: [[]], emptyIsNull: true },
      updatedAt: Date.now(),
    };
    localStorage.setItem(TABS_KEY, JSON.stringify({ ...stored, tabs: [...stored.tabs, theirs] }));
    // We change something and write.
    store.openTab({ sql: 'our work' });
    store.session.flush();
    const written = JSON.parse(localStorage.getItem(TABS_KEY)!).tabs.map(
      (t: { sql: string }) => t.sql,
    );
    expect(written).toContain('their work');
    expect(written).toContain('our work');
  });

  it('keeps the newest history entries and caps their SQL', () => {
    const store = workspaceStore('acme', 'ws');
    store.addHistory({ id: 'h1', sql: 'x'.repeat(200_000), params: [], ranAt: 1, status: 'ok' });
    store.addHistory({ id: 'h2', sql: 'SELECT 2', params: [], ranAt: 2, status: 'ok' });
    expect(store.history.get().map((e) => e.id)).toEqual(['h2', 'h1']);
    expect(store.history.get()[1]!.sql).toHaveLength(100_000);
  });

  it('reports a full storage once instead of throwing', () => {
    const setItem = vi.spyOn(Storage.prototype, 'setItem').mockImplementation(() => {
      throw new DOMException('full', 'QuotaExceededError');
    });
    const store = workspaceStore('acme', 'ws');
    const tab = store.session.get().tabs[0]!;
    expect(() => {
      store.updateTab(tab.id, (t) => ({ ...t, sql: 'typed' }));
      store.session.flush();
    }).not.toThrow();
    expect(store.session.get().tabs[0]!.sql).toBe('typed');
    setItem.mockRestore();
  });

  it('keeps snippets for every workspace', () => {
    snippetStore().set([
      { id: 's1', name: 'Daily', sql: 'SELECT 1', params: [], createdAt: 1, updatedAt: 1 },
    ]);
    snippetStore().flush();
    resetStores();
    expect(
      snippetStore()
        .get()
        .map((s) => s.name),
    ).toEqual(['Daily']);
  });
});
