/**
 * localStorage that never takes the screen down: a value that does not parse or does not have
 * the expected shape is set aside under `<key>.backup` (so nothing is destroyed) and the
 * screen starts fresh; a full or blocked storage makes a write report failure instead of
 * throwing.
 */

export const STORAGE_PREFIX = 'deeplake-console.sql.v1';

export interface ReadResult<T> {
  value: T;
  /** True when something was stored but could not be used (it is kept under `<key>.backup`). */
  recovered: boolean;
}

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    // Blocked by the browser's privacy settings.
    return null;
  }
}

export function backupKey(key: string): string {
  return `${key}.backup`;
}

/**
 * Reads `key` as JSON through `sanitize`, which returns the usable value or null when the
 * shape is beyond repair; anything else gives `fallback()`.
 */
export function readStored<T>(
  key: string,
  sanitize: (raw: unknown) => T | null,
  fallback: () => T,
): ReadResult<T> {
  const store = storage();
  let raw: string | null;
  try {
    raw = store?.getItem(key) ?? null;
  } catch {
    raw = null;
  }
  if (raw === null) return { value: fallback(), recovered: false };
  let value: T | null;
  try {
    value = sanitize(JSON.parse(raw));
  } catch {
    value = null;
  }
  if (value !== null) return { value, recovered: false };
  try {
    store?.setItem(backupKey(key), raw);
  } catch {
    // No room for a copy: the original stays under its own key until the next write.
  }
  return { value: fallback(), recovered: true };
}

/** Writes `value` as JSON; false when the browser refused (storage full or blocked). */
export function writeStored(key: string, value: unknown): boolean {
  const store = storage();
  if (store === null) return false;
  try {
    store.setItem(key, JSON.stringify(value));
    return true;
  } catch {
    return false;
  }
}

/** The raw stored text, for merging with what another browser tab wrote. */
export function readRaw(key: string): unknown {
  try {
    const raw = storage()?.getItem(key);
    return raw == null ? null : (JSON.parse(raw) as unknown);
  } catch {
    return null;
  }
}
