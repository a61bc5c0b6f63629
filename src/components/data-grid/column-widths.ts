import { MAX_COLUMN_WIDTH, MIN_COLUMN_WIDTH } from './cell-format';

/**
 * Column widths people chose, by column name, kept in localStorage under a key the screen picks
 * (e.g. one per table). Anything unreadable there is ignored rather than trusted.
 */
const PREFIX = 'dlc.grid-widths.';

export type StoredWidths = Record<string, number>;

export function clampWidth(width: number): number {
  return Math.round(Math.min(MAX_COLUMN_WIDTH, Math.max(MIN_COLUMN_WIDTH, width)));
}

export function readWidths(key: string | undefined): StoredWidths {
  if (!key) return {};
  try {
    const raw = localStorage.getItem(PREFIX + key);
    if (!raw) return {};
    const parsed: unknown = JSON.parse(raw);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return {};
    const widths: StoredWidths = {};
    for (const [name, width] of Object.entries(parsed)) {
      if (typeof width === 'number' && Number.isFinite(width)) widths[name] = clampWidth(width);
    }
    return widths;
  } catch {
    return {};
  }
}

export function writeWidths(key: string | undefined, widths: StoredWidths): void {
  if (!key) return;
  try {
    if (Object.keys(widths).length === 0) localStorage.removeItem(PREFIX + key);
    else localStorage.setItem(PREFIX + key, JSON.stringify(widths));
  } catch {
    // Storage full or blocked (private mode): widths then last for this visit only.
  }
}
