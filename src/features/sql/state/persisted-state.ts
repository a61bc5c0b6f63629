import { readRaw, readStored, writeStored } from '../lib/storage';

/**
 * A value kept in memory for the screen and written to localStorage soon after each change
 * (debounced), and at once when the page is hidden or left, so a reload or a crashed tab loses
 * at most the last fraction of a second. React reads it with useSyncExternalStore.
 */
export interface PersistedStateOptions<T> {
  key: string;
  sanitize: (raw: unknown) => T | null;
  fallback: () => T;
  /** What to store for the value (say, without rows too big to keep). */
  serialize?: (value: T) => unknown;
  /**
   * Combines our value with what is stored now (another browser tab may have written) before a
   * write; returns ours when there is nothing to take over.
   */
  merge?: (ours: T, stored: T) => T;
  /** Called once per failure streak when the browser refuses to store the value. */
  onWriteFailed?: () => void;
  delayMs?: number;
}

export class PersistedState<T> {
  private value: T;
  private readonly listeners = new Set<() => void>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private failing = false;
  /** True when a stored value could not be read and was set aside. */
  readonly recovered: boolean;

  constructor(private readonly options: PersistedStateOptions<T>) {
    const read = readStored(options.key, options.sanitize, options.fallback);
    this.value = read.value;
    this.recovered = read.recovered;
    if (typeof window !== 'undefined') {
      window.addEventListener('pagehide', this.flush);
      document.addEventListener('visibilitychange', this.onVisibility);
    }
  }

  get = (): T => this.value;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  set(next: T): void {
    if (Object.is(next, this.value)) return;
    this.value = next;
    this.notify();
    this.schedule();
  }

  update(change: (value: T) => T): void {
    this.set(change(this.value));
  }

  /** Writes now if a write is pending. */
  flush = (): void => {
    if (this.timer === null) return;
    clearTimeout(this.timer);
    this.timer = null;
    this.write();
  };

  /** Stops listening to the page (tests make many stores). */
  dispose(): void {
    this.flush();
    if (typeof window !== 'undefined') {
      window.removeEventListener('pagehide', this.flush);
      document.removeEventListener('visibilitychange', this.onVisibility);
    }
  }

  private onVisibility = () => {
    if (document.visibilityState === 'hidden') this.flush();
  };

  private notify() {
    for (const listener of this.listeners) listener();
  }

  private schedule() {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.write();
    }, this.options.delayMs ?? 250);
  }

  private write() {
    const { key, merge, sanitize, serialize, onWriteFailed } = this.options;
    if (merge) {
      const raw = readRaw(key);
      const stored = raw === null ? null : sanitize(raw);
      if (stored !== null) {
        const merged = merge(this.value, stored);
        if (merged !== this.value) {
          this.value = merged;
          this.notify();
        }
      }
    }
    const ok = writeStored(key, serialize ? serialize(this.value) : this.value);
    if (!ok && !this.failing) onWriteFailed?.();
    this.failing = !ok;
  }
}
