import { useSyncExternalStore } from 'react';
import { toast } from 'sonner';
import {
  HISTORY_LIMIT,
  HISTORY_SQL_LIMIT,
  mergeHistory,
  mergeTabs,
  newId,
  newSession,
  newTab,
  readHistory,
  readSession,
  readSnippets,
  rowsFitStorage,
  type HistoryEntry,
  type ParamSnapshot,
  type SqlTab,
  type Snippet,
  type WorkspaceSession,
} from '../lib/saved-state';
import { STORAGE_PREFIX } from '../lib/storage';
import { PersistedState } from './persisted-state';

/**
 * The SQL screen's kept state: one session (tabs) and one history per workspace, and the
 * snippets shared by all workspaces. Stores live as long as the page, so leaving the screen and
 * coming back finds everything as it was, even before anything is read from storage again.
 */

const warnFull = () =>
  toast.error('The browser’s storage is full: recent changes to the SQL tabs may not be kept.', {
    id: 'sql-storage-full',
  });

const fitCache = new WeakMap<readonly (readonly string[])[], boolean>();
function fits(rows: readonly (readonly string[])[]) {
  let fit = fitCache.get(rows);
  if (fit === undefined) {
    fit = rowsFitStorage(rows);
    fitCache.set(rows, fit);
  }
  return fit;
}

/** A tab as stored: batch rows too big for localStorage are left out and counted instead. */
function storedTab(tab: SqlTab): SqlTab {
  if (fits(tab.batch.rows)) {
    if (tab.batch.notKept === undefined) return tab;
    const { notKept: _dropped, ...batch } = tab.batch;
    return { ...tab, batch };
  }
  return { ...tab, batch: { ...tab.batch, rows: [[]], notKept: tab.batch.rows.length } };
}

export class WorkspaceStore {
  readonly session: PersistedState<WorkspaceSession>;
  readonly history: PersistedState<HistoryEntry[]>;
  /** Tabs closed in this window: another window's copy must not bring them back. */
  private readonly closed = new Set<string>();

  constructor(
    readonly orgId: string,
    readonly workspaceId: string,
  ) {
    const base = `${STORAGE_PREFIX}.${encodeURIComponent(orgId)}.${encodeURIComponent(workspaceId)}`;
    this.session = new PersistedState({
      key: `${base}.tabs`,
      sanitize: readSession,
      fallback: newSession,
      serialize: (session) => ({ ...session, tabs: session.tabs.map(storedTab) }),
      merge: (ours, stored) => {
        const tabs = mergeTabs(ours.tabs, stored.tabs, this.closed);
        const same =
          tabs.length === ours.tabs.length && tabs.every((tab, i) => tab === ours.tabs[i]);
        return same ? ours : { ...ours, tabs };
      },
      onWriteFailed: warnFull,
    });
    this.history = new PersistedState({
      key: `${base}.history`,
      sanitize: readHistory,
      fallback: () => [],
      merge: (ours, stored) => {
        const merged = mergeHistory(ours, stored);
        const same = merged.length === ours.length && merged.every((entry, i) => entry === ours[i]);
        return same ? ours : merged;
      },
      onWriteFailed: () => {
        // Make room by keeping the newer half; the tabs matter more than old runs.
        this.history.update((entries) => entries.slice(0, Math.floor(entries.length / 2)));
      },
    });
  }

  /** Whether something stored could not be read back (and was set aside). */
  get recovered(): boolean {
    return this.session.recovered || this.history.recovered;
  }

  /** True the first time it is asked after a recovery: the screen says so once per page. */
  takeRecoveryNotice(): boolean {
    if (!this.recovered || this.recoveryNoticed) return false;
    this.recoveryNoticed = true;
    return true;
  }

  private recoveryNoticed = false;

  updateTab(id: string, change: (tab: SqlTab) => SqlTab): void {
    this.session.update((session) => ({
      ...session,
      tabs: session.tabs.map((tab) =>
        tab.id === id ? { ...change(tab), updatedAt: Date.now() } : tab,
      ),
    }));
  }

  openTab(init: Parameters<typeof newTab>[0] = {}): SqlTab {
    const tab = newTab(init);
    this.session.update((session) => ({ tabs: [...session.tabs, tab], activeTabId: tab.id }));
    return tab;
  }

  selectTab(id: string): void {
    this.session.update((session) =>
      session.activeTabId === id ? session : { ...session, activeTabId: id },
    );
  }

  /** Closes a tab and returns a function that reopens it where it was. */
  closeTab(id: string): () => void {
    const session = this.session.get();
    const index = session.tabs.findIndex((tab) => tab.id === id);
    const closedTab = session.tabs[index];
    if (closedTab === undefined) return () => {};
    this.closed.add(id);
    const tabs = session.tabs.filter((tab) => tab.id !== id);
    if (tabs.length === 0) tabs.push(newTab());
    const activeTabId =
      session.activeTabId === id ? tabs[Math.min(index, tabs.length - 1)]!.id : session.activeTabId;
    this.session.set({ tabs, activeTabId });
    return () => {
      this.closed.delete(id);
      this.session.update((current) => {
        if (current.tabs.some((tab) => tab.id === id)) return current;
        const reopened = [...current.tabs];
        reopened.splice(Math.min(index, reopened.length), 0, closedTab);
        return { tabs: reopened, activeTabId: id };
      });
    };
  }

  addHistory(entry: HistoryEntry): void {
    const kept: HistoryEntry = {
      ...entry,
      sql: entry.sql.length > HISTORY_SQL_LIMIT ? entry.sql.slice(0, HISTORY_SQL_LIMIT) : entry.sql,
    };
    if (kept.batchRows !== undefined && !rowsFitStorage(kept.batchRows)) delete kept.batchRows;
    this.history.update((entries) => [kept, ...entries].slice(0, HISTORY_LIMIT));
  }

  removeHistory(id: string): void {
    this.history.update((entries) => entries.filter((entry) => entry.id !== id));
  }

  clearHistory(): void {
    this.history.set([]);
  }

  dispose(): void {
    this.session.dispose();
    this.history.dispose();
  }
}

const stores = new Map<string, WorkspaceStore>();

export function workspaceStore(orgId: string, workspaceId: string): WorkspaceStore {
  const key = `${orgId}\u0000${workspaceId}`;
  let store = stores.get(key);
  if (store === undefined) {
    store = new WorkspaceStore(orgId, workspaceId);
    stores.set(key, store);
  }
  return store;
}

/** Forgets every store (tests start each case from what is in localStorage). */
export function resetStores(): void {
  for (const store of stores.values()) store.dispose();
  stores.clear();
  snippets?.dispose();
  snippets = null;
}

let snippets: PersistedState<Snippet[]> | null = null;

export function snippetStore(): PersistedState<Snippet[]> {
  snippets ??= new PersistedState({
    key: `${STORAGE_PREFIX}.snippets`,
    sanitize: readSnippets,
    fallback: () => [],
    merge: (ours, stored) => {
      // Snippets are few: take theirs only for ids we never had.
      const ids = new Set(ours.map((snippet) => snippet.id));
      const added = stored.filter(
        (snippet) => !ids.has(snippet.id) && !deletedSnippets.has(snippet.id),
      );
      return added.length === 0 ? ours : [...ours, ...added];
    },
    onWriteFailed: warnFull,
  });
  return snippets;
}

const deletedSnippets = new Set<string>();

export function deleteSnippet(id: string): void {
  deletedSnippets.add(id);
  snippetStore().update((list) => list.filter((snippet) => snippet.id !== id));
}

/** Saves `sql` as the snippet `name`: one of that name is updated, otherwise one is added. */
export function saveSnippet(name: string, sql: string, params: ParamSnapshot[]): void {
  const now = Date.now();
  snippetStore().update((list) => {
    const existing = list.find((snippet) => snippet.name === name);
    if (existing) {
      return list.map((snippet) =>
        snippet === existing ? { ...snippet, sql, params, updatedAt: now } : snippet,
      );
    }
    return [...list, { id: newId(), name, sql, params, createdAt: now, updatedAt: now }];
  });
}

export function usePersisted<T>(state: PersistedState<T>): T {
  return useSyncExternalStore(state.subscribe, state.get, state.get);
}
