import type { ParamType } from './parameters';

/**
 * What the SQL screen keeps in the browser, per workspace: the editor tabs with their text,
 * parameter values and batch rows; and the history of runs. Snippets are kept for all
 * workspaces. Everything read back is checked field by field: a bad field is dropped or
 * defaulted, and only a value beyond repair is set aside whole.
 */

export const PARAM_TYPES: readonly ParamType[] = [
  'text',
  'number',
  'boolean',
  'json',
  'null',
  'array',
];

export interface ParamSetting {
  type: ParamType;
  value: string;
  /** The type was picked by hand, so a cast typed later does not change it. */
  typeChosen: boolean;
}

/** Parameter settings by number n of `$n`. */
export type ParamSettings = Record<number, ParamSetting>;

export interface BatchState {
  enabled: boolean;
  /** One row per parameter set; column k is `$k+1`. */
  rows: string[][];
  /** An empty cell is NULL (else it converts as typed text). */
  emptyIsNull: boolean;
  /** Set when the rows were too big to store: how many there were (they are gone after a reload). */
  notKept?: number;
}

export interface SqlTab {
  id: string;
  /** A name given by hand (from a snippet or a rename); null shows "Query n". */
  title: string | null;
  sql: string;
  params: ParamSettings;
  batch: BatchState;
  /** Milliseconds since the epoch of the last change, for merging with another browser tab. */
  updatedAt: number;
}

export interface WorkspaceSession {
  tabs: SqlTab[];
  activeTabId: string;
}

export interface ParamSnapshot {
  number: number;
  type: ParamType;
  value: string;
}

export interface HistoryEntry {
  id: string;
  sql: string;
  params: ParamSnapshot[];
  /** Batch runs: the parameter rows, when small enough to keep. */
  batchRows?: string[][];
  /** Batch runs: how many parameter rows were sent. */
  batchSize?: number;
  /** Batch runs: whether empty cells were sent as NULL. */
  batchEmptyIsNull?: boolean;
  ranAt: number;
  status: 'ok' | 'error' | 'cancelled';
  /** Rows returned or touched. */
  rowCount?: number;
  durationMs?: number;
  /** The error's message, for a failed run. */
  message?: string;
  /** A Run script of several statements: run again, it runs as a script. */
  script?: true;
}

export interface Snippet {
  id: string;
  name: string;
  sql: string;
  params: ParamSnapshot[];
  createdAt: number;
  updatedAt: number;
}

/** Runs kept in the history of one workspace; older ones drop off. */
export const HISTORY_LIMIT = 500;
/** Longest SQL text kept in one history entry. */
export const HISTORY_SQL_LIMIT = 100_000;
/** Batch rows are kept with a history entry or a tab up to about this many characters of JSON. */
export const STORED_ROWS_LIMIT = 1_000_000;

export function newId(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto
    ? crypto.randomUUID()
    : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

export function emptyBatch(): BatchState {
  return { enabled: false, rows: [[]], emptyIsNull: true };
}

export function newTab(
  init: Partial<Pick<SqlTab, 'sql' | 'params' | 'title' | 'batch'>> = {},
): SqlTab {
  return {
    id: newId(),
    title: init.title ?? null,
    sql: init.sql ?? '',
    params: init.params ?? {},
    batch: init.batch ?? emptyBatch(),
    updatedAt: Date.now(),
  };
}

export function newSession(): WorkspaceSession {
  const tab = newTab();
  return { tabs: [tab], activeTabId: tab.id };
}

// --- Reading back -------------------------------------------------------------------------

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isParamType = (value: unknown): value is ParamType =>
  typeof value === 'string' && (PARAM_TYPES as readonly string[]).includes(value);
const str = (value: unknown, fallback = '') => (typeof value === 'string' ? value : fallback);
const time = (value: unknown) =>
  typeof value === 'number' && Number.isFinite(value) ? value : Date.now();

function readParams(raw: unknown): ParamSettings {
  const params: ParamSettings = {};
  if (!isRecord(raw)) return params;
  for (const [key, setting] of Object.entries(raw)) {
    const number = Number(key);
    if (!Number.isInteger(number) || number < 1 || number > 65535 || !isRecord(setting)) continue;
    params[number] = {
      type: isParamType(setting.type) ? setting.type : 'text',
      value: str(setting.value),
      typeChosen: setting.typeChosen === true,
    };
  }
  return params;
}

function readRows(raw: unknown): string[][] | null {
  if (!Array.isArray(raw)) return null;
  return raw.map((row) =>
    Array.isArray(row)
      ? row.map((cell) => (typeof cell === 'string' ? cell : String(cell ?? '')))
      : [],
  );
}

function readBatch(raw: unknown): BatchState {
  const batch = emptyBatch();
  if (!isRecord(raw)) return batch;
  batch.enabled = raw.enabled === true;
  batch.emptyIsNull = raw.emptyIsNull !== false;
  const rows = readRows(raw.rows);
  if (rows !== null && rows.length > 0) batch.rows = rows;
  if (typeof raw.notKept === 'number' && raw.notKept > 0) batch.notKept = raw.notKept;
  return batch;
}

export function readTab(raw: unknown): SqlTab | null {
  if (!isRecord(raw) || typeof raw.id !== 'string' || raw.id === '') return null;
  return {
    id: raw.id,
    title: typeof raw.title === 'string' && raw.title.trim() !== '' ? raw.title : null,
    sql: str(raw.sql),
    params: readParams(raw.params),
    batch: readBatch(raw.batch),
    updatedAt: time(raw.updatedAt),
  };
}

/** A stored session, repaired where it can be; null when it is not a session at all. */
export function readSession(raw: unknown): WorkspaceSession | null {
  if (!isRecord(raw) || !Array.isArray(raw.tabs)) return null;
  const seen = new Set<string>();
  const tabs: SqlTab[] = [];
  for (const item of raw.tabs) {
    const tab = readTab(item);
    if (tab === null || seen.has(tab.id)) continue;
    seen.add(tab.id);
    tabs.push(tab);
  }
  if (tabs.length === 0) return raw.tabs.length === 0 ? newSession() : null;
  const active = typeof raw.activeTabId === 'string' && seen.has(raw.activeTabId);
  return { tabs, activeTabId: active ? (raw.activeTabId as string) : tabs[0]!.id };
}

function readSnapshots(raw: unknown): ParamSnapshot[] {
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((item): ParamSnapshot[] => {
    if (!isRecord(item)) return [];
    const number = Number(item.number);
    if (!Number.isInteger(number) || number < 1 || number > 65535) return [];
    return [{ number, type: isParamType(item.type) ? item.type : 'text', value: str(item.value) }];
  });
}

export function readHistory(raw: unknown): HistoryEntry[] | null {
  if (!Array.isArray(raw)) return null;
  return raw.flatMap((item): HistoryEntry[] => {
    if (!isRecord(item) || typeof item.id !== 'string' || typeof item.sql !== 'string') return [];
    const status = item.status === 'error' || item.status === 'cancelled' ? item.status : 'ok';
    const entry: HistoryEntry = {
      id: item.id,
      sql: item.sql,
      params: readSnapshots(item.params),
      ranAt: time(item.ranAt),
      status,
    };
    const rows = readRows(item.batchRows);
    if (rows !== null) entry.batchRows = rows;
    if (typeof item.batchSize === 'number') entry.batchSize = item.batchSize;
    if (typeof item.batchEmptyIsNull === 'boolean') entry.batchEmptyIsNull = item.batchEmptyIsNull;
    if (typeof item.rowCount === 'number') entry.rowCount = item.rowCount;
    if (typeof item.durationMs === 'number') entry.durationMs = item.durationMs;
    if (typeof item.message === 'string') entry.message = item.message;
    if (item.script === true) entry.script = true;
    return [entry];
  });
}

export function readSnippets(raw: unknown): Snippet[] | null {
  if (!Array.isArray(raw)) return null;
  return raw.flatMap((item): Snippet[] => {
    if (!isRecord(item) || typeof item.id !== 'string' || typeof item.sql !== 'string') return [];
    const name = str(item.name).trim();
    return [
      {
        id: item.id,
        name: name === '' ? 'Untitled snippet' : name,
        sql: item.sql,
        params: readSnapshots(item.params),
        createdAt: time(item.createdAt),
        updatedAt: time(item.updatedAt),
      },
    ];
  });
}

// --- Parameters between tabs, history and snippets ----------------------------------------

export function snapshotParams(params: ParamSettings, numbers: readonly number[]): ParamSnapshot[] {
  return numbers.map((number) => {
    const setting = params[number];
    return { number, type: setting?.type ?? 'text', value: setting?.value ?? '' };
  });
}

/** Settings from a snapshot: its types count as chosen, since someone ran or saved them so. */
export function settingsFromSnapshot(snapshot: readonly ParamSnapshot[]): ParamSettings {
  const params: ParamSettings = {};
  for (const { number, type, value } of snapshot)
    params[number] = { type, value, typeChosen: true };
  return params;
}

/**
 * Settings for values given as JSON (a link from the table browser: `params=[…]`): strings as
 * they are, other values as their JSON, with the type the value has.
 */
export function settingsFromValues(values: readonly unknown[]): ParamSettings {
  const params: ParamSettings = {};
  values.forEach((value, index) => {
    const type: ParamType =
      value === null
        ? 'null'
        : typeof value === 'number'
          ? 'number'
          : typeof value === 'boolean'
            ? 'boolean'
            : Array.isArray(value)
              ? 'array'
              : typeof value === 'object'
                ? 'json'
                : 'text';
    const text = typeof value === 'string' ? value : value === null ? '' : JSON.stringify(value);
    params[index + 1] = { type, value: text, typeChosen: true };
  });
  return params;
}

/** Whether rows are small enough to keep in the browser's storage. */
export function rowsFitStorage(rows: readonly (readonly string[])[]): boolean {
  let size = 0;
  for (const row of rows) {
    for (const cell of row) {
      size += cell.length + 3;
      if (size > STORED_ROWS_LIMIT) return false;
    }
  }
  return true;
}

/** A history entry's search text matches every word of the query (case-insensitive). */
export function matchesSearch(
  entry: { sql: string; params: ParamSnapshot[]; name?: string },
  query: string,
) {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const haystack = [entry.name ?? '', entry.sql, ...entry.params.map((p) => p.value)]
    .join('\n')
    .toLowerCase();
  return words.every((word) => haystack.includes(word));
}

/** The label of a tab: its own name, else "Query n" in the order tabs were opened. */
export function tabTitle(tab: SqlTab, index: number): string {
  return tab.title ?? `Query ${index + 1}`;
}

/** Merges history written by another browser tab with ours: by id, newest first, capped. */
export function mergeHistory(ours: readonly HistoryEntry[], theirs: readonly HistoryEntry[]) {
  const byId = new Map<string, HistoryEntry>();
  for (const entry of [...theirs, ...ours]) byId.set(entry.id, entry);
  return [...byId.values()].sort((a, b) => b.ranAt - a.ranAt).slice(0, HISTORY_LIMIT);
}

/**
 * Merges the tabs another browser tab wrote (`stored`) into ours before we write, so that two
 * windows on one workspace never wipe each other's work: a tab only they have is kept
 * (appended), a tab we both have keeps the newer edit, and a tab we closed stays closed.
 */
export function mergeTabs(
  ours: readonly SqlTab[],
  stored: readonly SqlTab[],
  closed: ReadonlySet<string>,
): SqlTab[] {
  const storedById = new Map(stored.map((tab) => [tab.id, tab]));
  const merged = ours.map((tab) => {
    const theirs = storedById.get(tab.id);
    return theirs !== undefined && theirs.updatedAt > tab.updatedAt ? theirs : tab;
  });
  const ourIds = new Set(ours.map((tab) => tab.id));
  for (const tab of stored) {
    if (!ourIds.has(tab.id) && !closed.has(tab.id)) merged.push(tab);
  }
  return merged;
}

/** Parameters in one line: `$1 = "text", $2 = 42, $3 = NULL`. */
export function paramsText(params: readonly ParamSnapshot[]): string {
  return params
    .map(
      (p) =>
        `$${p.number} = ${p.type === 'null' ? 'NULL' : p.type === 'text' ? JSON.stringify(p.value) : p.value}`,
    )
    .join(', ');
}
